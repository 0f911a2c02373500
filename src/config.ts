import { z } from 'zod';
import { DEFAULT_RETENTION, type RetentionPolicy } from './feedback/types.js';
import { DEFAULT_DISCORD_API_BASE_URL, type DiscordConfig } from './integrations/discord/discord-schemas.js';
import { isDiscordPublicKey } from './integrations/discord/discord-verification.js';
import { DEFAULT_SLACK_API_BASE_URL, type SlackConfig } from './integrations/slack/slack-schemas.js';

/** A comma-separated list in one variable: `"a, b,c"` → `["a", "b", "c"]`; unset or blank → `[]`. */
const commaList = z
  .string()
  .optional()
  .transform((s) =>
    (s ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  );

const MIN_SECRET_CHARS = 16;
/**
 * What `Authorization: Bearer <token>` can carry (RFC 6750's b64token, as `readBearerToken` reads
 * it): a key with any other character (`!`, `#`, `$`, `:`, a space…) could never be presented.
 */
const BEARER_TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;
const secret = (name: string) =>
  z
    .string()
    .min(MIN_SECRET_CHARS, { error: `each ${name} entry must be at least ${MIN_SECRET_CHARS} characters` })
    .regex(BEARER_TOKEN, {
      error: `each ${name} entry may only use letters, digits and - . _ ~ + / (then = padding): a Bearer token cannot carry other characters, so such a key could never match`,
    });

/**
 * Access and operations settings (issue #7), the same on Node and Workers (where they are vars and
 * secrets of the same names). Every one is optional: unset, the service is open and unlimited.
 */
export const operatorConfigSchema = z.object({
  /** Keys with full access to `/v1/*` and `/mcp`; when set (or WIDGET_KEYS is), those routes require one. */
  API_KEYS: commaList.pipe(z.array(secret('API_KEYS'))),
  /** Publishable keys for the widget: ask, ask/stream, feedback, tips; only from ALLOWED_ORIGINS. */
  WIDGET_KEYS: commaList.pipe(z.array(secret('WIDGET_KEYS'))),
  /** Browser origins (`https://help.example.com`) allowed to call the API from a page (CORS); `*` allows any. */
  ALLOWED_ORIGINS: commaList.pipe(
    z.array(
      z.union([
        z.literal('*'),
        z
          .url({ protocol: /^https?$/, error: 'each ALLOWED_ORIGINS entry must be an http(s) origin or *' })
          .transform((u) => new URL(u).origin),
      ]),
    ),
  ),
  /** Bearer token for the operator routes (`/metrics`, `/v1/feedback/summary`); unset, they answer 503. */
  ADMIN_TOKEN: secret('ADMIN_TOKEN').optional(),
  /** Sustained requests per minute per key or client address on `/v1/*` and `/mcp`; 0 turns the limit off. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).max(1_000_000).default(60),
  /** Largest burst (token bucket size) on Node; defaults to RATE_LIMIT_PER_MINUTE. */
  RATE_LIMIT_BURST: z.coerce.number().int().min(1).max(1_000_000).optional(),
  /**
   * The knowledge files answers may use (`python-memory-guidance.md, team-wiki.md`: names as
   * `/healthz` lists them); unset, all of them. A name the index was not built from stops the start.
   */
  KNOWLEDGE_FILES: commaList.pipe(
    z.array(
      z.string().regex(/^[^/\\]+\.md$/, {
        error: 'each KNOWLEDGE_FILES entry must be a markdown file name of knowledge/, like python-memory-guidance.md',
      }),
    ),
  ),
  /** Retention of the feedback store (Node: FEEDBACK_DB; Workers: D1): questions not asked for this many days go, with their verdicts. */
  FEEDBACK_MAX_AGE_DAYS: z.coerce.number().int().min(1).max(36_500).default(DEFAULT_RETENTION.maxAgeDays),
  /** Most questions kept; the least recently asked go first, with their verdicts. */
  FEEDBACK_MAX_QUESTIONS: z.coerce.number().int().min(1).max(10_000_000).default(DEFAULT_RETENTION.maxQuestions),
  /** Most verdicts kept; the oldest go first. */
  FEEDBACK_MAX_VERDICTS: z.coerce.number().int().min(1).max(10_000_000).default(DEFAULT_RETENTION.maxVerdicts),
  /**
   * Failed authentications (a wrong or malformed key or admin token) a client address may make per
   * minute; past it, its requests get 429 until the bucket refills, whatever key they carry. 0: no limit.
   */
  AUTH_FAILURES_PER_MINUTE: z.coerce.number().int().min(0).max(1_000_000).default(10),
  /** This service's public URL (`https://help.example.com`), shown in the demo page's embed snippet; never taken from the request's Host. */
  PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: 'PUBLIC_URL must be an http(s) URL' })
    .transform((u) => new URL(u).origin)
    .optional(),
  /** Proxies in front of the Node server to trust for `X-Forwarded-For` (`true` = 1); 0 uses the socket address. */
  TRUST_PROXY: z
    .union([
      z.literal('true').transform(() => 1),
      z.literal('false').transform(() => 0),
      z.coerce.number().int().min(0).max(10),
    ])
    .default(0),
});

export type OperatorConfig = z.infer<typeof operatorConfigSchema>;

/** The feedback store's retention from the operator config. */
export function retentionPolicy(
  config: Pick<OperatorConfig, 'FEEDBACK_MAX_AGE_DAYS' | 'FEEDBACK_MAX_QUESTIONS' | 'FEEDBACK_MAX_VERDICTS'>,
): RetentionPolicy {
  return {
    maxAgeDays: config.FEEDBACK_MAX_AGE_DAYS,
    maxQuestions: config.FEEDBACK_MAX_QUESTIONS,
    maxVerdicts: config.FEEDBACK_MAX_VERDICTS,
  };
}

/** Node server settings, parsed from the environment. */
export const nodeConfigSchema = operatorConfigSchema.extend({
  PORT: z.coerce.number().int().min(0).max(65_535).default(8787),
  HOST: z.string().min(1).default('0.0.0.0'),
  INDEX_DIR: z.string().min(1).default('build/index'),
  /** Where LLM mode reads its prompt files (`LLM_*` settings: src/answer/llm/llm-config.ts). */
  PROMPTS_DIR: z.string().min(1).default('prompts'),
  /** The SQLite file that keeps answers and feedback (created with its folder); `off` keeps none. */
  FEEDBACK_DB: z.string().min(1).default('data/feedback.sqlite'),
  /** The server does not start with less free space than this on FEEDBACK_DB's disk, and `/healthz` says `low-space` below it. */
  FEEDBACK_MIN_FREE_MB: z.coerce.number().min(0).max(1_000_000).default(32),
  /** SQLite's `synchronous` for FEEDBACK_DB: `normal` survives a crash of the process, `full` also a power cut (an fsync per commit). */
  FEEDBACK_SYNCHRONOUS: z.enum(['normal', 'full']).default('normal'),
  /** The built static files (`npm run build:widget` writes `widget.js` there). */
  PUBLIC_DIR: z.string().min(1).default('build/public'),
  /** Worker threads that analyze pasted code; unset, one per core but one (left to the request thread), at least one. */
  ANALYSIS_THREADS: z.coerce.number().int().min(1).max(64).optional(),
  /** Longest an analysis may wait for a thread, and longest it may run; past either, the request is a 503. */
  ANALYSIS_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(3_000),
  /** Analyses that may wait for a thread; more are refused at once (503). */
  ANALYSIS_QUEUE: z.coerce.number().int().min(0).max(10_000).default(64),
  /** Longest a client may take to send a request's headers (ms); Node's default is 60 s. */
  HEADERS_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(600_000).default(10_000),
  /** Longest a client may take to send a whole request, body included (ms); Node's default is 300 s. */
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(600_000).default(30_000),
  /** How long an idle keep-alive connection is kept open (ms). */
  KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(5_000),
  /** Most open connections; more are closed at once. Unset: the process's file-descriptor limit less a reserve, at most 10,000. */
  MAX_CONNECTIONS: z.coerce.number().int().min(1).max(1_000_000).optional(),
  /** Most open connections from one client address; 0: no limit (the default behind TRUST_PROXY, where every connection comes from the proxy). */
  MAX_CONNECTIONS_PER_CLIENT: z.coerce.number().int().min(0).max(1_000_000).optional(),
});

export type NodeConfig = z.infer<typeof nodeConfigSchema>;

/** Parses the environment or throws one readable error listing every bad variable. */
export function parseNodeConfig(env: Record<string, string | undefined>): NodeConfig {
  return parseConfig(nodeConfigSchema, env);
}

/**
 * Parses `env` with a config schema or throws one readable error listing every bad variable.
 *
 * @example const config = parseConfig(operatorConfigSchema, { API_KEYS: 'k1-0123456789abcdef' });
 */
export function parseConfig<S extends z.ZodType>(schema: S, env: Record<string, unknown>): z.output<S> {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
  throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
}

/** A secret or id from the environment; unset or blank is `undefined` (the platform answers 503). */
const optionalValue = z
  .string()
  .optional()
  .transform((s) => (s?.trim() ? s.trim() : undefined));
const apiBaseUrl = (fallback: string) =>
  z
    .url({ protocol: /^https?$/ })
    .default(fallback)
    .transform((u) => u.replace(/\/+$/, ''));

/**
 * Slack and Discord settings (issue #4), the same names on Node (environment) and Workers
 * (vars and secrets). All optional: a platform without its secret answers 503.
 */
export const platformsConfigSchema = z.object({
  SLACK_SIGNING_SECRET: optionalValue,
  SLACK_BOT_TOKEN: optionalValue,
  SLACK_API_BASE_URL: apiBaseUrl(DEFAULT_SLACK_API_BASE_URL),
  DISCORD_PUBLIC_KEY: optionalValue.refine((k) => k === undefined || isDiscordPublicKey(k), {
    error: 'DISCORD_PUBLIC_KEY must be the 64 hex characters shown as "Public Key" in the Developer Portal',
  }),
  DISCORD_APPLICATION_ID: optionalValue,
  DISCORD_BOT_TOKEN: optionalValue,
  DISCORD_API_BASE_URL: apiBaseUrl(DEFAULT_DISCORD_API_BASE_URL),
});

/** What `AppDeps.platforms` holds. */
export interface PlatformsConfig {
  readonly slack: SlackConfig;
  readonly discord: DiscordConfig;
}

/**
 * @example createApp({ index, platforms: parsePlatformsConfig(process.env) })
 */
export function parsePlatformsConfig(env: Record<string, unknown>): PlatformsConfig {
  const c = parseConfig(platformsConfigSchema, env);
  return {
    slack: { signingSecret: c.SLACK_SIGNING_SECRET, botToken: c.SLACK_BOT_TOKEN, apiBaseUrl: c.SLACK_API_BASE_URL },
    discord: {
      publicKey: c.DISCORD_PUBLIC_KEY,
      applicationId: c.DISCORD_APPLICATION_ID,
      botToken: c.DISCORD_BOT_TOKEN,
      apiBaseUrl: c.DISCORD_API_BASE_URL,
    },
  };
}
