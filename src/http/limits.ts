/** Request limits; documented in the README and enforced by the schemas and body limit. */
export const LIMITS = {
  /** Largest accepted request body, in bytes. */
  bodyBytes: 128 * 1024,
  /** Longest `question`, in characters. */
  questionChars: 2_000,
  /** Longest `query` for search, in characters. */
  queryChars: 2_000,
  /** Longest `snippet`, in UTF-8 bytes. */
  snippetBytes: 64 * 1024,
  /** Range of `k`, the number of tips to retrieve. */
  kMin: 1,
  kMax: 10,
} as const;
