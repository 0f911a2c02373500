/** A code example attached to a tip. */
export interface TipExample {
  readonly language: string;
  readonly code: string;
}

/** Where a tip stands in its knowledge file (1-based, inclusive line numbers). */
export interface TipSource {
  readonly file: string;
  readonly lineStart: number;
  readonly lineEnd: number;
}

/** The unit of retrieval: one bold-titled bullet of a knowledge file, with its code. */
export interface Tip {
  readonly id: string;
  readonly title: string;
  readonly section: string;
  readonly text: string;
  readonly examples: readonly TipExample[];
  readonly source: TipSource;
}

/** Prose of a knowledge file that is not a tip (intro, summary), kept as context. */
export interface KnowledgeContext {
  readonly file: string;
  readonly heading: string | null;
  readonly text: string;
}

export interface ChunkedKnowledge {
  readonly tips: readonly Tip[];
  readonly context: readonly KnowledgeContext[];
}
