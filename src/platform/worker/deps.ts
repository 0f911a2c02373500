import type { WorkersAiBinding as WorkersAiChatBinding } from '../../answer/llm/workers-ai-chat-model.js';
import { operatorConfigSchema, parseConfig, parsePlatformsConfig, retentionPolicy } from '../../config.js';
import { accessDeps, type AppDeps } from '../../deps.js';
import { D1FeedbackStore, type D1DatabaseLike } from '../../feedback/d1-feedback-store.js';
import { headerClientAddress } from '../../http/middleware/rate-limit.js';
import type { RateLimitDecision, RateLimiter } from '../../http/rate-limiter.js';
import type { StaticAssets } from '../../http/static-assets.js';
import { createConfiguredEmbedderFrom, parseEmbedderConfig } from '../../retrieval/embedder-config.js';
import type { WorkersAiBinding as WorkersAiEmbeddingBinding } from '../../retrieval/workers-ai-embedder.js';
import { loadIndexFromAssets, type AssetsBindingLike } from './assets-index.js';
import { createWorkerLlm } from './llm.js';

/**
 * The bindings the Worker uses, as far as it uses them. wrangler.toml declares them and
 * `wrangler types` generates their real types (`Env`, worker-configuration.d.ts); src/worker.ts
 * hands that `Env` to {@link createWorkerDeps}, so the compiler checks each declared binding
 * against the part used here. `AI` is not declared by default (`[ai] binding = "AI"` turns on
 * Workers AI). Vars and secrets (`API_KEYS`, `LLM_*`, `EMBEDDER`…) are read by name and parsed by
 * the zod schemas of config.ts, whether wrangler.toml declares them or the dashboard sets them.
 */
export interface WorkerBindings {
  /** `[[d1_databases]]`: answer counts and feedback. */
  readonly DB?: D1DatabaseLike;
  /** `[assets]`: the index (`_index/`), the built widget and the reference page's files. */
  readonly ASSETS?: AssetsBindingLike;
  /** `[[ratelimits]]`: the limit of `/v1/*` and `/mcp`. */
  readonly RATE_LIMITER?: RateLimitBinding;
  /** `[ai]`: Workers AI, for `EMBEDDER=workers-ai` and `LLM_PROVIDER=workers-ai`. */
  readonly AI?: WorkersAiEmbeddingBinding & WorkersAiChatBinding;
}

/** The bindings with the vars and secrets, as tests and the parts below read them. */
export type WorkerEnv = WorkerBindings & { readonly [name: string]: unknown };

/**
 * The app's dependencies from the Worker's `env`: the index from the static assets (queried with
 * the embedder `EMBEDDER` asks for: the default one, or Workers AI through the `AI` binding), LLM
 * mode, access and limits, feedback in D1, and the chat platforms.
 *
 * @example app ??= createWorkerDeps(env).then(createApp);
 */
export async function createWorkerDeps(bindings: WorkerBindings): Promise<AppDeps> {
  const env = bindings as WorkerEnv;
  // KNOWLEDGE_FILES (a var): the knowledge files answers may use.
  const { KNOWLEDGE_FILES } = parseConfig(operatorConfigSchema, env);
  if (!env.ASSETS)
    throw new Error('the ASSETS binding is missing: the index is read from it ([assets] in wrangler.toml)');
  const embedder = await createConfiguredEmbedderFrom(parseEmbedderConfig(env), { ai: env.AI });
  const index = await loadIndexFromAssets(env.ASSETS, embedder, { files: KNOWLEDGE_FILES });
  return {
    index,
    llm: createWorkerLlm(env),
    ...workerOperatorDeps(env),
    ...workerWidgetDeps(env),
    platforms: parsePlatformsConfig(env),
  };
}

/**
 * Keys (Worker secrets `API_KEYS`, `WIDGET_KEYS`, `ADMIN_TOKEN`), the rate limit (the
 * `RATE_LIMITER` binding of wrangler.toml, whose `simple.limit` per 60 s is the var
 * `RATE_LIMIT_PER_MINUTE`) and the client address (`CF-Connecting-IP`). The reference page's
 * files are Workers Static Assets; there is no `/metrics` (Workers have their own analytics).
 *
 * @example createApp({ index, ...workerOperatorDeps(env) })
 */
export function workerOperatorDeps(env: WorkerEnv): Partial<AppDeps> {
  const config = parseConfig(operatorConfigSchema, env);
  const limit = config.RATE_LIMIT_PER_MINUTE;
  return {
    ...accessDeps(config),
    rateLimiter:
      env.RATE_LIMITER && limit > 0
        ? createWorkersBindingLimiter(env.RATE_LIMITER, { limit, periodSeconds: 60 })
        : undefined,
    clientAddress: headerClientAddress('cf-connecting-ip'),
  };
}

/**
 * Feedback in the `DB` D1 database (with the retention of the `FEEDBACK_MAX_*` vars), and the
 * `ASSETS` binding for a request for `/widget.js` that reaches the Worker (normally Workers Static
 * Assets answer it before the Worker runs).
 *
 * @example createApp({ index, ...workerWidgetDeps(env) })
 */
export function workerWidgetDeps(env: WorkerEnv): Pick<AppDeps, 'feedback' | 'staticAssets'> {
  return {
    feedback: env.DB
      ? new D1FeedbackStore(env.DB, { retention: retentionPolicy(parseConfig(operatorConfigSchema, env)) })
      : undefined,
    staticAssets: env.ASSETS ? assetsFromBinding(env.ASSETS) : undefined,
  };
}

function assetsFromBinding(binding: AssetsBindingLike): StaticAssets {
  return {
    async fetch(request, path) {
      const response = await binding.fetch(new Request(new URL(path, request.url), request));
      return response.status === 404 ? undefined : response;
    },
  };
}

/** The Workers Rate Limiting binding (`[[ratelimits]]` in wrangler.toml), structurally typed. */
export interface RateLimitBinding {
  limit(options: { key: string }): Promise<{ success: boolean }>;
}

export interface WorkersBindingLimiterOptions {
  /** `simple.limit` of the binding in wrangler.toml. */
  readonly limit: number;
  /** `simple.period` of the binding in wrangler.toml: 10 or 60 seconds. */
  readonly periodSeconds: 10 | 60;
}

/**
 * Adapts Cloudflare's rate-limiting binding to {@link RateLimiter}. The binding only answers
 * allowed or not (its counters are per Cloudflare location and eventually consistent), so
 * `remaining` is left undefined and the reset and retry times are the binding's period.
 *
 * @example
 * const limiter = createWorkersBindingLimiter(env.RATE_LIMITER, { limit: 60, periodSeconds: 60 });
 */
export function createWorkersBindingLimiter(
  binding: RateLimitBinding,
  options: WorkersBindingLimiterOptions,
): RateLimiter {
  return {
    async consume(key): Promise<RateLimitDecision> {
      const { success } = await binding.limit({ key });
      const base = { allowed: success, limit: options.limit, resetSeconds: options.periodSeconds };
      return success ? base : { ...base, remaining: 0, retryAfterSeconds: options.periodSeconds };
    },
  };
}
