import { z } from 'zod';

/** The model providers LLM mode can use; unset means extractive answers only. */
export const LLM_PROVIDERS = ['openai', 'openai-compatible', 'anthropic', 'workers-ai'] as const;
export type LlmProviderName = (typeof LLM_PROVIDERS)[number];

// Environment variables are often set but empty (`LLM_PROVIDER=`): treat that as unset.
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

const int = (min: number, max: number, fallback: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.coerce.number().int().min(min).max(max).default(fallback),
  );

/**
 * `LLM_*` settings, the same on Node and Workers (vars and secrets there). Every limit has a
 * default; the provider, the model and (for hosted providers) the key are all a team must choose.
 *
 * @example
 * const config = parseConfig(llmConfigSchema, process.env); // LLM_PROVIDER undefined → extractive only
 */
export const llmConfigSchema = z
  .object({
    LLM_PROVIDER: optional(z.enum(LLM_PROVIDERS)),
    LLM_MODEL: optional(z.string().min(1)),
    LLM_BASE_URL: optional(z.url({ protocol: /^https?$/ })),
    LLM_API_KEY: optional(z.string().min(1)),
    /** Budget for one whole answer, retries and streaming included. */
    LLM_TIMEOUT_MS: int(1_000, 300_000, 30_000),
    /** Most tokens the model may generate for one answer. */
    LLM_MAX_TOKENS: int(64, 16_384, 1_024),
    /** Most (estimated) tokens one prompt may hold; pasted code is cut first, then the lowest-ranked sources. */
    LLM_MAX_PROMPT_TOKENS: int(2_000, 200_000, 8_000),
    /** Retries after a 429, a 5xx or a dropped connection, with exponential backoff. */
    LLM_MAX_RETRIES: int(0, 5, 2),
    /** Unset = the provider's default (reasoning models accept no other). */
    LLM_TEMPERATURE: optional(z.coerce.number().min(0).max(2)),
  })
  .superRefine((c, ctx) => {
    if (!c.LLM_PROVIDER) return;
    const need = (key: keyof typeof c, why: string) => {
      if (c[key] === undefined) ctx.addIssue({ code: 'custom', path: [key], message: `${key} is required ${why}` });
    };
    need('LLM_MODEL', `when LLM_PROVIDER is set`);
    if (c.LLM_PROVIDER === 'openai-compatible') need('LLM_BASE_URL', 'for an OpenAI-compatible server');
    if (c.LLM_PROVIDER === 'openai' || c.LLM_PROVIDER === 'anthropic') need('LLM_API_KEY', `for ${c.LLM_PROVIDER}`);
  });

export type LlmConfig = z.infer<typeof llmConfigSchema>;

/** The limits every provider runs under, taken from {@link LlmConfig}. */
export interface LlmLimits {
  readonly timeoutMs: number;
  readonly maxOutputTokens: number;
  readonly maxPromptTokens: number;
  readonly maxRetries: number;
  /** First backoff delay; it doubles per retry (with jitter) up to `maxRetryDelayMs`. */
  readonly retryBaseDelayMs: number;
  readonly maxRetryDelayMs: number;
}

export const DEFAULT_RETRY_DELAYS = { retryBaseDelayMs: 500, maxRetryDelayMs: 8_000 } as const;

export function limitsFromConfig(config: LlmConfig): LlmLimits {
  return {
    timeoutMs: config.LLM_TIMEOUT_MS,
    maxOutputTokens: config.LLM_MAX_TOKENS,
    maxPromptTokens: config.LLM_MAX_PROMPT_TOKENS,
    maxRetries: config.LLM_MAX_RETRIES,
    ...DEFAULT_RETRY_DELAYS,
  };
}
