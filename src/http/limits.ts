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
  /** Longest `snippetLanguage` (a language name: `python`, `typescriptreact`), in characters. */
  snippetLanguageChars: 32,
  /** Range of `k`, the number of tips to retrieve. */
  kMin: 1,
  kMax: 10,
  /** Longest feedback `comment`, in characters. */
  feedbackCommentChars: 1_000,
  /** Most entries per list in `GET /v1/feedback/summary` (`limit`). */
  summaryLimitMax: 100,
} as const;
