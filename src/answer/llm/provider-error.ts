/**
 * A model provider failed in a way our own adapter (Workers AI) can classify. The SDKs' errors
 * (OpenAI, Anthropic) are classified from their `status` instead (see `retry.ts`).
 */
export class ProviderError extends Error {
  override readonly name = 'ProviderError';

  constructor(
    message: string,
    readonly status?: number,
    readonly retryable = false,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /**
   * Workers AI throws plain errors whose message carries its internal code: 3040 ("out of
   * capacity", HTTP 429) is worth retrying; 3036 (daily allocation used up, also 429) is not.
   */
  static fromWorkersAi(error: unknown): ProviderError {
    if (error instanceof ProviderError) return error;
    const message = error instanceof Error ? error.message : String(error);
    if (/\b3040\b/.test(message)) return new ProviderError(message, 429, true, { cause: error });
    if (/\b3036\b/.test(message)) return new ProviderError(message, 429, false, { cause: error });
    if (/\b3007\b/.test(message)) return new ProviderError(message, 408, true, { cause: error });
    if (/\b(5\d\d)\b/.test(message) || /InferenceUpstreamError/i.test(message)) {
      return new ProviderError(message, 502, true, { cause: error });
    }
    return new ProviderError(message, undefined, false, { cause: error });
  }
}
