import { type FacetKind, type KnowledgeFacet, type Tip, type TipExample, type TipSource } from '../knowledge/types.js';
import { tokenize } from '../retrieval/tokenize.js';

/**
 * What an answer quotes from a cited unit: its short `text`, or one of its facets (`why`, `how`,
 * `measure`, `caveats`), each with the lines it stands on. For a guidance tip extended by the
 * companion, the facets' lines are in the companion's file while the citation stays the tip's.
 */
export type QuotedKind = 'text' | FacetKind;

export interface QuotedPart {
  readonly part: QuotedKind;
  readonly source: TipSource;
}

/**
 * Words that ask for one facet, matched on the lower-cased question as whole words. `caveats`,
 * `measure` and `why` are specific; `how` ("how do I …", "show me") is generic and counts only
 * when none of them is asked ("how can I measure it?" asks for `measure`). "Usage" is not a cue:
 * in "large memory usage" it is what the question is about, not a request for the API; nor is a
 * bare "limitation": "the workers exceed their memory limitations" asks what happened, not for
 * the advice's caveats ("what are the limitations", "limitations of" still do); nor is "code" in
 * "error code 137" or "crashes with code 137", which names what the process exited with; nor is
 * "measured" in "as measured by `mem_rss()`", which says how the asker saw it ("how is it
 * measured?" still asks); nor is "how much" after "limit", "cap", "restrict" or "control": "is
 * there a way to limit how much memory a script can use?" asks how to set a limit, not for a
 * number.
 */
const FACET_CUES: readonly (readonly [FacetKind, RegExp])[] = [
  [
    'caveats',
    /\b(?:when (?:not to|shouldn'?t i|should i not|is it (?:bad|wrong|a bad idea))|down-?sides?|drawbacks?|disadvantages?|pitfalls?|gotchas?|caveats?|trade-?offs?|(?:what are the|any) limitations?|limitations? of|is it always|always (?:better|faster|smaller|safe|good|worth)|any reason not|what(?:'s| is) the catch|side effects?|risks?|reliable|accurate|trust(?:worthy)?|when does it (?:not work|fail|hurt|break))\b/,
  ],
  [
    'measure',
    /\b(?:(?<!\b(?:limit|limits|limiting|cap|caps|capping|restrict|restricts|restricting|control|controls|controlling) )how (?:much|many|big|large|small|fast)|how many bytes|(?:does|will|would|did)\b[^?.!]{0,40}?\b(?:save|saves|help|matter|make a difference)|is it worth|measure|how (?:is|are|was|were|do you get|does [a-z]+ get) [^?.!]{0,30}measured|measuring|benchmarks?|by how much|what difference|size of|in bytes|compare the (?:size|memory))\b/,
  ],
  [
    'why',
    /\b(?:why|how come|what (?:causes|makes|happens)|reason|explain|mechanism|under the hood|how does (?:it|this|that|python|cpython) work)\b/,
  ],
  [
    'how',
    /^\s*how\s*\??\s*$|\b(?:how (?:do|can|should|would|could) (?:i|we|you)|how to|is there (?:a|any) (?:way|option|setting) to|how exactly|show(?: me)?|examples?|(?<!(?:error|exit|status|return|response) )code(?!\s*:?\s*\d)|snippet|demo|sample|which (?:api|function|call|module|method)|what (?:api|function|call|module|method)|fix(?: it)?|avoid|prevent|instead|use it|in practice)\b/,
  ],
];

/**
 * The facets a question's wording asks for, the one to quote first: "why …" → `why`; "how do I
 * …", "show me", "example" → `how`; "how much …", "how many bytes", "does it save" → `measure`;
 * "when not to", "downside", "is it always" → `caveats`. The specific ones (caveats, measure, why)
 * come in the order the question asks them, `how` after them: "how do I count how many instances
 * are alive?" asks for `measure` first and `how` too, so a unit with no `measure` answers it with
 * its `how` (and the example under it), not its `why`. Empty when it asks for none.
 *
 * @example askedFacets('why do tuples take less space than lists?') // ['why']
 * @example askedFacets('how can I measure it?') // ['measure', 'how']
 */
export function askedFacets(question: string): FacetKind[] {
  const text = ownWords(question).toLowerCase();
  const found: { kind: FacetKind; at: number }[] = [];
  for (const [kind, cue] of FACET_CUES) {
    const at = text.search(cue);
    if (at >= 0) found.push({ kind, at });
  }
  // A stable sort: at the same position, the cue listed first wins.
  const specific = found.filter((f) => f.kind !== 'how').sort((a, b) => a.at - b.at);
  return [...specific, ...found.filter((f) => f.kind === 'how')].map((f) => f.kind);
}

/**
 * The asker's own words: without quoted lines (`> …`) and fenced code, which are someone else's
 * (a quoted documentation note's "For reliable fire-and-forget tasks" asked for no caveats).
 */
function ownWords(question: string): string {
  return question.replace(FENCED_CODE, ' ').replace(QUOTED_LINE, ' ');
}

const FENCED_CODE = /```[\s\S]*?(?:```|$)/g;
const QUOTED_LINE = /^[ \t]*>.*$/gm;

/** Facets, in the order an answer offers the next one when nothing else says which. */
export const FACET_ORDER: readonly FacetKind[] = ['why', 'how', 'measure', 'caveats'];

/** A key naming one quoted part of one unit: what "already said" is kept as. */
export function partKey(tipId: string, part: QuotedPart): string {
  return `${tipId}|${part.part}|${part.source.file}:${part.source.lineStart}`;
}

/** What a unit offers to quote: its short text, then each facet, with its source. */
export interface UnitPart {
  readonly part: QuotedKind;
  readonly text: string;
  readonly source: TipSource;
  /** The facet's own paragraph (absent for the short text). */
  readonly facet?: KnowledgeFacet;
}

export function unitParts(tip: Tip): UnitPart[] {
  return [
    { part: 'text', text: tip.text, source: tip.source },
    ...tip.facets.map((f) => ({ part: f.kind, text: f.text, source: f.source, facet: f })),
  ];
}

export interface ChooseOptions {
  /** The facet the question (or the follow-up it continues) asks for. */
  readonly asked?: FacetKind | undefined;
  /** Further facets the question asks for (see `askedFacets`): quoted when the unit lacks `asked`. */
  readonly alsoAsked?: readonly FacetKind[] | undefined;
  /** The question's terms (`tokenize`): pick the facet that fits best when none is asked for. */
  readonly terms?: ReadonlySet<string> | undefined;
  /** Parts said by the earlier answers of the conversation (`partKey`): never said again. */
  readonly said?: ReadonlySet<string> | undefined;
  /** The unit is the answer's first: it gets its short text and a facet; a further unit only its text (and the asked facet). */
  readonly lead: boolean;
}

/**
 * The parts of a unit an answer quotes, in order. For the answer's first unit: its short text
 * (unless the conversation said it already) and the facets that fit (see `pickFacets`): the one
 * asked for when the unit has it and it was not said yet; when the question asks for none, both
 * its `why` and its `how` (the mechanism and the fix). A further unit: its short text, and the
 * asked facet when it has it.
 * Nothing said before is chosen again; an empty list means the unit has nothing new to say.
 *
 * @example chooseParts(tuplesTip, { asked: 'why', lead: true }) // [text, why]
 * @example chooseParts(tuplesTip, { lead: true }) // [text, why, how]
 */
export function chooseParts(tip: Tip, options: ChooseOptions): UnitPart[] {
  const said = options.said ?? new Set<string>();
  const fresh = unitParts(tip).filter((p) => !said.has(partKey(tip.id, p)));
  const text = fresh.find((p) => p.part === 'text');
  if (!options.lead) {
    const asked = options.asked ? fresh.find((p) => p.part === options.asked) : undefined;
    return [...(text ? [text] : []), ...(asked ? [asked] : [])];
  }
  return [...(text ? [text] : []), ...pickFacets(facetsToOffer(tip, said), { ...options, tip })];
}

/**
 * The facets of a unit an answer chooses among, given what the conversation quoted (`partKey`s):
 * the unquoted ones of the sections it quoted from, while any is left, else every unquoted one. A
 * follow-up stays with what it follows: "why?" after an answer on unclosed files gets that
 * section's caveats ("its why was given above"), not the why of another section of the same tip
 * (reading a file line by line).
 */
export function facetsToOffer(tip: Tip, said: ReadonlySet<string>): UnitPart[] {
  const facets = unitParts(tip).filter((p) => p.part !== 'text');
  const quoted = new Set(facets.filter((p) => said.has(partKey(tip.id, p))).map((p) => sectionOf(tip, p)));
  const fresh = facets.filter((p) => !said.has(partKey(tip.id, p)));
  const staying = fresh.filter((p) => quoted.has(sectionOf(tip, p)));
  return staying.length > 0 ? staying : fresh;
}

/**
 * The section a part was written in: the companion section that extends the tip (`Tip.extensions`)
 * whose lines hold it, else the tip's own.
 */
function sectionOf(tip: Tip, part: Pick<UnitPart, 'source'>): string {
  const { file, lineStart } = part.source;
  const within = (source: TipSource) =>
    source.file === file && source.lineStart <= lineStart && lineStart <= source.lineEnd;
  const extension = tip.extensions.find((e) => within(e.source));
  return extension ? `${file}:${extension.source.lineStart}` : `${tip.source.file}:${tip.source.lineStart}`;
}

/**
 * The facets to quote. The asked one (or, when the unit lacks it, the next one the question asks
 * for). A question that asks for nothing in particular, mostly a reported problem ("memory keeps
 * growing when I store exceptions"), gets the unit's unsaid `why` and `how` together, in that
 * order: what happens and what to do about it. Judges of real questions wanted the fix as often
 * as the mechanism and named the one left out as what was missing (`docs/answers.md`). A question
 * that asks for a facet the unit lacks gets the one of `why` and `how` that shares more words with
 * it (`why` on a tie). Of two facets of one kind (two companion sections extend the tip), the one
 * sharing more words with the question is quoted; an unasked `how` ties to its `why`'s section.
 * With neither left, the unit's `measure`, then its `caveats`, which an answer gives unasked only
 * when the unit has nothing else left.
 */
function pickFacets(facets: readonly UnitPart[], options: ChooseOptions & { readonly tip: Tip }): UnitPart[] {
  if (facets.length === 0) return [];
  const order = (p: UnitPart) => FACET_ORDER.indexOf(p.part as FacetKind);
  const terms = options.terms ?? new Set<string>();
  const overlap = (p: UnitPart) => {
    let shared = 0;
    for (const word of wordsOf(p)) if (terms.has(word)) shared++;
    return shared;
  };
  // A guidance tip extended by two companion sections has two of a kind: the one sharing more words
  // speaks for it, asked for or not ("raises IOError without closing the file" asking how got the
  // `with` tip's how of reading a file line by line, the first of its two, not the one on closing).
  const byFit = (pool: readonly UnitPart[]) => [...pool].sort((a, b) => overlap(b) - overlap(a) || order(a) - order(b));
  const askedKinds = [options.asked, ...(options.alsoAsked ?? [])].filter((k): k is FacetKind => k !== undefined);
  for (const kind of askedKinds) {
    const [asked] = byFit(facets.filter((p) => p.part === kind));
    if (asked) return [asked];
  }
  const core = facets.filter((p) => p.part === 'why' || p.part === 'how');
  if (core.length === 0) return [[...facets].sort((a, b) => order(a) - order(b))[0] as UnitPart];
  if (askedKinds.length > 0) return [byFit(core)[0] as UnitPart];
  const [why] = byFit(core.filter((p) => p.part === 'why'));
  const hows = core.filter((p) => p.part === 'how');
  // On a tie, the how written in the same section as the chosen why: a section's mechanism and its
  // fix go together. Not always: the how that shares more words wins ("read_csv cannot get big
  // files" wants pandas' `chunksize`, a section with no why, not the how of reading bytes in blocks
  // written under the why chosen).
  const apart = (p: UnitPart) => (why && sectionOf(options.tip, why) === sectionOf(options.tip, p) ? 0 : 1);
  const [how] = [...hows].sort((a, b) => overlap(b) - overlap(a) || apart(a) - apart(b));
  return [...(why ? [why] : []), ...(how ? [how] : [])];
}

/**
 * Each facet's distinct words (as `tokenize` gives them), worked out once per facet: the knowledge
 * does not change while it is loaded, and tokenizing (stemming) the facets of every candidate unit
 * again for each answer was, with a 1,000-unit knowledge, the largest cost of answering (issue 15).
 */
const facetWords = new WeakMap<KnowledgeFacet, ReadonlySet<string>>();

function wordsOf(part: UnitPart): ReadonlySet<string> {
  const facet = part.facet;
  if (!facet || facet.text !== part.text) return new Set(tokenize(part.text));
  let words = facetWords.get(facet);
  if (!words) {
    words = new Set(tokenize(part.text));
    facetWords.set(facet, words);
  }
  return words;
}

/**
 * The examples that go with the quoted parts: those attached to a quoted facet, and the unit's
 * own (unattached) examples when its short text is quoted and the question asks how (or nothing
 * in particular). An answer to "why" shows the code that illustrates the why, not the how.
 */
export function examplesFor(tip: Tip, parts: readonly UnitPart[], asked: FacetKind | undefined): TipExample[] {
  const quoted = new Set(parts.map((p) => p.part));
  const ownToo = quoted.has('text') && (asked === undefined || asked === 'how');
  return tip.examples.filter((e) => (e.facet ? quoted.has(e.facet) : ownToo));
}
