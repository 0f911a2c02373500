/** A knowledge file the build cannot read as written; the message names the file and line. */
export class KnowledgeFormatError extends Error {
  override readonly name = 'KnowledgeFormatError';
}

/** Where a tip, a facet or an example stands in its knowledge file (1-based, inclusive line numbers). */
export interface TipSource {
  readonly file: string;
  readonly lineStart: number;
  readonly lineEnd: number;
}

/** The deeper views a unit can give beside its short text (docs/knowledge-format.md). */
export const FACET_KINDS = ['why', 'how', 'measure', 'caveats'] as const;

/**
 * `why`: the mechanism; `how`: the API, with the exact calls; `measure`: how to see the effect
 * yourself, with the numbers; `caveats`: when the advice is wrong.
 */
export type FacetKind = (typeof FACET_KINDS)[number];

/**
 * One labelled paragraph of a unit (`**Why.** …`). Written as self-contained sentences, so an
 * answer can quote it as it stands. An extending unit's facets sit on the tip it extends and cite
 * their own file's lines.
 */
export interface KnowledgeFacet {
  readonly kind: FacetKind;
  /** Markdown (inline code, links); paragraphs separated by a blank line, list items as `- ` lines. */
  readonly text: string;
  readonly source: TipSource;
}

/** A code example attached to a tip. */
export interface TipExample {
  readonly language: string;
  readonly code: string;
  /**
   * What the example prints, as its knowledge file states it (an ```` ```output ```` block right
   * after the code; `...` stands for any text). `npm test` runs every python example and checks it.
   */
  readonly output?: string;
  /** The facet the example illustrates (it follows that facet's paragraph); absent for the unit's own. */
  readonly facet?: FacetKind;
  /** The example's lines (the fence included); for an extension, in the extending file. */
  readonly source?: TipSource;
}

/** A primary reference of a unit: the documentation page, PEP or manual a fact comes from. */
export interface TipReference {
  readonly title: string;
  readonly url: string;
  /** The line that lists it (an extension's references cite the extending file). */
  readonly source: TipSource;
}

/**
 * The unit of retrieval and citation: one bold-titled bullet of a tip list (the guidance's shape)
 * or one heading section of any other knowledge file, with its code. Beside the short `text` it
 * may carry facets (why, how, measure, caveats) and references; a unit that *extends* another
 * (`<!-- extends: id -->`) adds its facets, examples and references to that one, which keeps its
 * id, text and citation.
 */
export interface Tip {
  readonly id: string;
  readonly title: string;
  readonly section: string;
  /** The short text: the bullet's words, or a section's prose before its first facet label. */
  readonly text: string;
  /** Its own examples first, then those of the units that extend it. */
  readonly examples: readonly TipExample[];
  readonly source: TipSource;
  /** In the order written; its own first, then those of the units that extend it. Empty when it has none. */
  readonly facets: readonly KnowledgeFacet[];
  readonly references: readonly TipReference[];
  /** From a primary file (the user's guidance): such tips are listed and cited first. */
  readonly primary: boolean;
  /**
   * From a file that deepens the guidance (one of its units extends a guidance tip or `see`s one):
   * answers name it "the companion to the guidance". Absent for the guidance's own tips and for
   * the units of any other file (an operator's wiki page), which answers name by their file.
   */
  readonly companion?: boolean;
  /** Ids of related units (`<!-- see: id -->`): the guidance tip a stand-alone unit deepens, say. */
  readonly see: readonly string[];
  /**
   * Words one of which a question must contain for this unit to be cited (`<!-- when: django,
   * queryset -->`, lower case, matched as whole words or phrases, a plural `s` allowed): a unit
   * about one library answers questions that name it, and is not the answer to "my R session
   * leaks". Absent for a unit that answers any question it matches.
   */
  readonly when?: readonly string[];
  /**
   * Words of a question for which this unit is cited beside a unit it `see`s, when that one is
   * cited first (`<!-- see: monitor-and-profile-memory-usage--memory-profiling-tools; beside: leak,
   * keeps growing -->`, matched like `when`): the guidance tip stays the answer, and the unit that
   * says what to do about that kind of question comes with it.
   */
  readonly beside?: readonly string[];
  /**
   * Words of a report (a bug report, a pasted log, "memory leak") for which this unit is cited first when
   * the report's best unit barely leads the others (`<!-- triage: leak, keeps growing -->`,
   * matched like `when`): a report of memory growth that no unit clearly explains gets the unit
   * that says how to find the cause, not the one that shares most of its incidental words.
   */
  readonly triage?: readonly string[];
  /**
   * On a triage unit: words of a report for which it is cited first whatever the ranking
   * (`<!-- decisive: kernel died, dead kernel -->`, matched like `when`, and finding the unit as
   * its `triage` words do). A notebook kernel killed with no traceback leaves nothing else in the
   * report that names a cause: its other words match units on what it was doing, not on why it died.
   */
  readonly decisive?: readonly string[];
  /**
   * On a triage unit: the lead of a report's best unit over its sixth under which this unit is
   * cited first (`<!-- lead: 0.2 -->`); `TRIAGE_MAX_LEAD` (0.06) when absent. A `MemoryError` or an
   * OOM kill names no cause, so the unit on finding what sets the peak answers it first more
   * readily than the unit on growth answers a report of growth, whose words more often name one.
   */
  readonly triageLead?: number;
  /** The units that extend this one: their titles and lines (each facet and example cites its own). */
  readonly extensions: readonly TipExtension[];
}

/** A unit folded into the tip it extends: what it was called and where it is written. */
export interface TipExtension {
  readonly title: string;
  readonly source: TipSource;
}

/** Prose of a knowledge file that is not a tip (intro, summary), kept as context. */
export interface KnowledgeContext {
  readonly file: string;
  readonly heading: string | null;
  readonly text: string;
}

/**
 * A unit as its file writes it, before extensions are folded in (`foldExtensions`): `extends`
 * names the unit it deepens.
 */
export interface ChunkedUnit extends Omit<Tip, 'primary' | 'companion' | 'extensions'> {
  readonly extends?: string;
}

export interface ChunkedKnowledge {
  readonly tips: readonly ChunkedUnit[];
  readonly context: readonly KnowledgeContext[];
}
