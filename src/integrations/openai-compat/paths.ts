/** The paths of the OpenAI-compatible API, where errors take OpenAI's shape. */
export const OPENAI_COMPAT_PATHS = ['/v1/chat/completions', '/v1/models', '/v1/models/*'] as const;
