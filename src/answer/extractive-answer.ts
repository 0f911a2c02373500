import type { FacetKind, Tip, TipExample, TipSource } from '../knowledge/types.js';
import type { ScoredTip } from '../retrieval/hybrid-retriever.js';
import type { RuntimeEvidence } from '../retrieval/scope.js';
import { tokenize } from '../retrieval/tokenize.js';
import type { AbstainReason } from './confidence.js';
import { chooseParts, examplesFor, partKey, type QuotedPart, type UnitPart } from './facets.js';
import type { AnswerExample, Citation, ComposedAnswer, RelatedTip } from './types.js';

export interface CitationOptions {
  /** Below this fused score no tip counts as relevant and the answer abstains. */
  readonly minScore: number;
  /** A further tip is cited only if it scores at least this share of the best one… */
  readonly relativeCutoff: number;
  /** …and accounts for at least this share of the question's words the tips cited before it do not (see {@link novelty}). */
  readonly minNovelty?: number;
  /** Most tips to cite. */
  readonly k?: number;
}

export interface ExtractiveAnswerOptions extends CitationOptions {
  /** Every tip the knowledge has, to say what is covered when abstaining. */
  readonly allTips: readonly Tip[];
  /** The question (and pasted code): picks the facet that fits; a further cited tip shows its example code only when the example shares a word with it. */
  readonly question?: string;
  /** The facet the question asks for (see `askedFacets`). */
  readonly asked?: FacetKind | undefined;
}

/**
 * Composes a grounded markdown answer out of the retrieved tips' own words: a one-line lead, each
 * tip's guidance with its `[n]` marker, the facet that fits the question, the tips' example code,
 * and the sources. Nothing is said that no cited tip says; when nothing is relevant enough it
 * abstains.
 *
 * @example
 * const answer = composeExtractiveAnswer(await retriever.search(question, 3), options);
 */
export function composeExtractiveAnswer(
  scored: readonly ScoredTip[],
  options: ExtractiveAnswerOptions,
): ComposedAnswer {
  const cited = selectCitations(scored, options);
  if (cited.length === 0) return abstention('low_similarity', options.allTips);
  return renderAnswer(cited, { question: options.question, asked: options.asked });
}

/**
 * The tips worth citing, best first: the best one when it reaches `minScore`; next to it a unit
 * that `see`s it and whose `beside` words the question has (see {@link besideUnits}: "memory keeps
 * growing" answered by the guidance's tip on profiling tools gets the unit on comparing snapshots
 * beside it); then each further one (up to `k`) that is relevant on its own: it scores at least
 * `relativeCutoff` of the best score, and explains at least `minNovelty` of the question's words
 * that the tips already cited do not. `k` is a maximum, never a quota.
 *
 * @example selectCitations(ranked, { minScore: 0.3, relativeCutoff: 0.6, minNovelty: 0.1, k: 3 })
 */
export function selectCitations(ranked: readonly ScoredTip[], options: CitationOptions): ScoredTip[] {
  const best = ranked[0];
  if (!best || best.score < options.minScore) return [];
  const cited: ScoredTip[] = [best];
  const k = options.k ?? ranked.length;
  const floor = Math.max(options.minScore, best.score * options.relativeCutoff);
  const beside = besideUnits(ranked, options.minScore);
  for (const unit of beside) if (cited.length < k) cited.push(unit);
  for (let i = 1; i < ranked.length && cited.length < k; i++) {
    const candidate = ranked[i] as ScoredTip;
    // Best first: once one scores under the floor, so does every one after it.
    if (candidate.score < floor) break;
    if (!beside.includes(candidate) && novelty(candidate, cited) >= (options.minNovelty ?? 0)) cited.push(candidate);
  }
  return cited;
}

/**
 * How close to the first a unit cited beside it must score (`Tip.beside`). Not `relativeCutoff`,
 * which `npm run eval -- --calibrate` sets for citations that explain words of their own: a
 * beside unit explains the same words as the first, and is the knowledge author's call. Half, as
 * far as the calibration put `relativeCutoff` before beside units existed: the beside units of
 * the tuning questions' answers score 0.77 to 1 of the first (a right one at 0.78).
 */
export const BESIDE_SCORE_SHARE = 0.5;

/**
 * The units to cite beside the first of `ranked` (see {@link selectCitations}), best first: those
 * that `see` the first, whose `beside` words the question has, scoring at least
 * {@link BESIDE_SCORE_SHARE} of it and `minScore`. Each deepens the first for its kind of
 * question, so it needs no words of its own; a question can be of two kinds ("cv2.VideoCapture
 * leaks memory" is a leak, for the snapshot unit, in a C library, for the native-memory one).
 */
export function besideUnits(ranked: readonly ScoredTip[], minScore: number): ScoredTip[] {
  const best = ranked[0];
  if (!best) return [];
  const floor = Math.max(minScore, best.score * BESIDE_SCORE_SHARE);
  return ranked.filter((c) => c.besideAsked === true && c.score >= floor && c.tip.see.includes(best.tip.id));
}

/**
 * The share of the question's words (weighted by rarity) that `candidate` accounts for beyond
 * what the `cited` tips already account for: 0 when it explains the same words again, up to 1
 * when it explains everything they do not. Without word matches (no coverage signal) it is 1.
 *
 * @example novelty(chunkingTip, [stringConcatenationTip]) // ≈ 0.05 for "how do I build a big string?"
 */
export function novelty(candidate: ScoredTip, cited: readonly ScoredTip[]): number {
  const own = candidate.words;
  if (!own || own.weights.length === 0) return 1;
  let total = 0;
  let added = 0;
  for (let i = 0; i < own.weights.length; i++) {
    const weight = own.weights[i] ?? 0;
    let already = 0;
    for (const c of cited) already = Math.max(already, c.words?.matches[i] ?? 0);
    total += weight;
    added += weight * Math.max(0, (own.matches[i] ?? 0) - already);
  }
  return total === 0 ? 1 : added / total;
}

export interface RenderOptions {
  /** The question as searched (with the snippet): picks the facet that fits, and the further tips' examples. */
  readonly question?: string | undefined;
  /** The facet the question asks for (see `askedFacets`). */
  readonly asked?: FacetKind | undefined;
  /** Further facets it asks for (see `askedFacets`): quoted when a unit lacks `asked`. */
  readonly alsoAsked?: readonly FacetKind[] | undefined;
  /** What the conversation's earlier answers quoted (`partKey`, `exampleKey`): it is not said again. */
  readonly said?: ReadonlySet<string> | undefined;
  /**
   * A triage answer (`triageUnit`): the units in the order given, the guidance's too, because no
   * unit clearly answers the report; the first (how to find the cause) quoted in full, the others
   * by their short text only, with no example: the closest units, which may not be the cause.
   */
  readonly triage?: boolean;
  /**
   * The units searched for the question (the candidate window, best first), cited or not. When
   * the conversation already quoted every part of the cited units, the answer offers the closest
   * of the others, as related (see {@link nothingNew}).
   */
  readonly closest?: readonly ScoredTip[] | undefined;
}

/** How an answer labels a facet's paragraph. */
export const FACET_LABELS: Readonly<Record<FacetKind, string>> = {
  why: 'Why',
  how: 'How',
  measure: 'Measure',
  caveats: 'Caveats',
};

/** A key naming an example an answer showed: what "already shown" is kept as. */
export function exampleKey(tipId: string, example: TipExample, index: number): string {
  return example.source
    ? `${tipId}|example|${example.source.file}:${example.source.lineStart}`
    : `${tipId}|example|#${index}`;
}

interface PlannedUnit {
  readonly scored: ScoredTip;
  readonly parts: readonly UnitPart[];
  readonly examples: readonly TipExample[];
}

/**
 * The answer citing `ranked` (best first). The guidance's tips are cited first; each unit is
 * quoted by the parts that fit (see `chooseParts`): the first unit's short text and the facet the
 * question asks for (or fits best), a further unit's short text (and the asked facet). Nothing
 * the conversation said before (`said`) is said again, and a unit with nothing new is not cited.
 * The first unit's examples are those of its quoted parts; a further unit's show only when they
 * share a word with the question, so a supporting citation does not bring code about something
 * else. Every sentence of the body is a unit's own text.
 *
 * @example renderAnswer(ranked, { question: 'why are tuples smaller?', asked: 'why' })
 */
export function renderAnswer(ranked: readonly ScoredTip[], options: RenderOptions | string = {}): ComposedAnswer {
  const { question, asked, alsoAsked, said, triage, closest } =
    typeof options === 'string' ? ({ question: options } as RenderOptions) : options;
  // The user's guidance stays first: its tips are cited before other files' (stable: scores order each group).
  const ordered = triage ? ranked : [...ranked].sort((a, b) => Number(b.tip.primary) - Number(a.tip.primary));
  const questionTerms = question === undefined ? undefined : new Set(tokenize(question));
  const shown = said ?? new Set<string>();
  const units: PlannedUnit[] = [];
  for (const scored of ordered) {
    const lead = units.length === 0;
    // A triage answer's closest units: their short text only, no facet and no example.
    const textOnly = triage === true && !lead;
    const chosen = chooseParts(scored.tip, { asked, alsoAsked, terms: questionTerms, said, lead });
    const parts = textOnly ? chosen.filter((p) => p.part === 'text') : chosen;
    if (parts.length === 0) continue;
    const fitting = (textOnly ? [] : examplesFor(scored.tip, parts, asked)).filter(
      (e) => lead || !questionTerms || tokenize(e.code).some((t) => questionTerms.has(t)),
    );
    const examples = fitting.filter((e) => !shown.has(exampleKey(scored.tip.id, e, scored.tip.examples.indexOf(e))));
    units.push({ scored, parts, examples });
  }
  const first = ordered[0];
  if (units.length === 0 && first) {
    const others = (closest ?? []).filter((c) => !ordered.some((o) => o.tip.id === c.tip.id));
    const answer = nothingNew(first, nextUnits(first, others, shown), others.length > 0);
    // `facet` says what the question asked for, even when nothing of that facet is left to quote.
    return asked ? { ...answer, facet: asked } : answer;
  }
  const citations: Citation[] = units.map(({ scored, parts }, i) =>
    citationOf(
      scored,
      i + 1,
      parts.map((p): QuotedPart => ({ part: p.part, source: p.source })),
    ),
  );
  const examples: AnswerExample[] = units.flatMap(({ scored: { tip }, examples: list }) =>
    list.map((e) => ({
      language: e.language,
      code: e.code,
      citation: tip.id,
      ...(e.facet ? { facet: e.facet } : {}),
      ...(e.output !== undefined ? { output: e.output } : {}),
      ...(e.source ? { source: e.source } : {}),
    })),
  );
  return {
    answer: renderMarkdown(units, asked, triage === true),
    abstained: false,
    citations,
    examples,
    coverage: 'answer',
    ...(asked ? { facet: asked } : {}),
  };
}

/** The keys of everything an answer quoted and showed: what a follow-up must not say again. */
export function quotedKeys(
  answer: Pick<ComposedAnswer, 'citations' | 'examples'>,
  tips: ReadonlyMap<string, Tip>,
): string[] {
  const parts = answer.citations.flatMap((c) => (c.quoted ?? []).map((q) => partKey(c.id, q)));
  const examples = answer.examples.flatMap((e) => {
    const tip = tips.get(e.citation);
    const i = tip ? tip.examples.findIndex((x) => x.code === e.code) : -1;
    return tip && i >= 0 ? [exampleKey(tip.id, tip.examples[i] as TipExample, i)] : [];
  });
  return [...parts, ...examples];
}

/** A markdown list item at the start of a text. */
const LIST_ITEM = /^[-*+] /;

function renderMarkdown(units: readonly PlannedUnit[], asked: FacetKind | undefined, triage = false): string {
  const several = units.length > 1;
  const bullets = units.flatMap(({ scored: { tip }, parts }, i) => {
    const text = parts.find((p) => p.part === 'text');
    return text ? [`- **${tip.title}**: ${text.text} [${i + 1}]`] : [];
  });
  const facets = units.flatMap(({ scored: { tip }, parts }, i) =>
    parts.flatMap((p) => {
      if (p.part === 'text') return [];
      const label = FACET_LABELS[p.part];
      const where = `${p.source.file}, ${lineRange(p)}`;
      // A facet written as a list starts on a line of its own, or its first item runs on after the label.
      const body = LIST_ITEM.test(p.text) ? `\n\n${p.text}` : ` ${p.text}`;
      return [`**${label}** (${several ? `${tip.title}; ` : ''}${where}):${body} [${i + 1}]`];
    }),
  );
  const code = units.flatMap(({ scored: { tip }, examples }, i) =>
    examples.map((e) => {
      const block = `Example for **${tip.title}** [${i + 1}]:\n\n\`\`\`${e.language}\n${e.code}\n\`\`\``;
      return e.output === undefined ? block : `${block}\n\nOutput:\n\n\`\`\`text\n${e.output}\n\`\`\``;
    }),
  );
  const sources = units.map(({ scored: { tip }, parts }, i) => {
    // A facet written in another file (the companion extending a guidance tip) names its own lines.
    const elsewhere = parts
      .filter((p) => p.part !== 'text' && !within(tip.source, p.source))
      .map((p) => `${p.part}: ${p.source.file} ${lineRange(p)}`);
    return `${sourceLine(tip, i + 1)}${elsewhere.length > 0 ? `; ${elsewhere.join('; ')}` : ''}`;
  });
  const body = [bullets.join('\n'), ...facets].filter((x) => x !== '');
  const lead = triage ? triageLeadSentence(units) : leadSentence(units, asked);
  return [lead, ...body, ...code, `**Sources**\n\n${sources.join('\n')}`].join('\n\n');
}

/**
 * The answer's first sentence: where it comes from. The guidance is named as the guidance; a
 * unit of another file by its file, as the companion to the guidance when that file deepens it
 * (`Tip.companion`); a follow-up that continues on a unit already
 * introduced says it adds to it. When the question asked for a facet the first unit does not have,
 * it says so.
 */
function leadSentence(units: readonly PlannedUnit[], asked: FacetKind | undefined): string {
  const tips = units.map((u) => u.scored.tip);
  const first = tips[0] as Tip;
  const shownFacet = units[0]?.parts.find((p) => p.part !== 'text')?.part;
  // Said when the question asked for a facet the first unit does not have: the answer gives another one.
  const has = asked !== undefined && first.facets.some((f) => f.kind === asked);
  const missing =
    asked && shownFacet && shownFacet !== 'text' && shownFacet !== asked
      ? has
        ? ` Its *${FACET_LABELS[asked].toLowerCase()}* was given above; next, its *${FACET_LABELS[shownFacet].toLowerCase()}*.`
        : ` The knowledge has no *${FACET_LABELS[asked].toLowerCase()}* for it; here is its *${FACET_LABELS[shownFacet].toLowerCase()}*.`
      : '';
  const continues = !units[0]?.parts.some((p) => p.part === 'text');
  if (continues) {
    const from = first.primary
      ? `the guidance's **${first.title}** (${first.section})`
      : `**${first.title}** (\`${first.source.file}\`${first.companion ? ', the companion to the guidance' : ''})`;
    return `More on ${from}.${missing}`;
  }
  const sections = [...new Set(tips.map((t) => t.section))].map((s) => `**${s}**`).join(', ');
  const others = tips.filter((t) => !t.primary);
  const files = [...new Set(others.map((t) => `\`${t.source.file}\``))];
  const listed = files.join(', ');
  // Only a file written to deepen the guidance is its companion; an operator's page is named by its file.
  const companion = others.every((t) => t.companion === true);
  const lead = tips.every((t) => t.primary)
    ? tips.length === 1
      ? `The guidance covers this under ${sections}:`
      : `The guidance has ${tips.length} tips on this, from ${sections}:`
    : tips.some((t) => t.primary)
      ? `The guidance and ${companion ? `its companion (${listed})` : listed} have ${tips.length} units on this, from ${sections}:`
      : companion
        ? tips.length === 1
          ? `The companion to the guidance, ${listed}, covers this under ${sections} (${lineRange(first)}):`
          : `The companion to the guidance, ${listed}, has ${tips.length} units on this, from ${sections}:`
        : tips.length === 1
          ? `${listed} covers this under ${sections} (${lineRange(first)}):`
          : `${listed} ${files.length === 1 ? 'has' : 'have'} ${tips.length} units on this, from ${sections}:`;
  return missing ? `${lead.slice(0, -1)}.${missing}` : lead;
}

/**
 * A triage answer's first sentence, after the note that no tip clearly matches: where the steps
 * come from, then where the closest units do. "The companion has 2 units on this" would say that
 * they answer the report, which the note just denied.
 */
function triageLeadSentence(units: readonly PlannedUnit[]): string {
  const [steps, ...closest] = units.map((u) => u.scored.tip);
  if (!steps) return '';
  const from = (tip: Tip) =>
    tip.primary
      ? `the guidance, under **${tip.section}**`
      : tip.companion
        ? `the companion to the guidance (\`${tip.source.file}\`), under **${tip.section}**`
        : `\`${tip.source.file}\`, under **${tip.section}**`;
  const then = closest.map((tip) => `the closest ${tip.primary ? 'tip' : 'unit'}, from ${from(tip)}`);
  return `The steps are from ${from(steps)}${then.length > 0 ? `; then ${then.join(', ')}` : ''}:`;
}

/** Most units a follow-up with nothing new to say offers instead (see {@link nextUnits}). */
export const MAX_NEXT_UNITS = 2;

/**
 * The units a follow-up offers when its cited units were quoted in full: of the units searched
 * for it and not cited (`others`), those whose short text the conversation has not quoted, the ones the
 * exhausted unit names as related (`see`, the knowledge author's word) first, then by score; at
 * most {@link MAX_NEXT_UNITS}. Each later exhausted turn finds the next ones, since these are
 * quoted now.
 */
function nextUnits(exhausted: ScoredTip, others: readonly ScoredTip[], said: ReadonlySet<string>): ScoredTip[] {
  const unsaid = others.filter(({ tip }) => !said.has(partKey(tip.id, { part: 'text', source: tip.source })));
  const named = (s: ScoredTip) => (exhausted.tip.see.includes(s.tip.id) ? 0 : 1);
  // Stable: within each group, the search's order.
  return unsaid.sort((a, b) => named(a) - named(b)).slice(0, MAX_NEXT_UNITS);
}

/**
 * The answer to a follow-up when the conversation already quoted every part of the unit it is
 * about: it says so, lists the unit's references, where there is more to read, and offers the
 * closest units not quoted yet (`next`), by their short text, marked as related rather than as
 * more on the unit. Those are cited, so the next such follow-up offers others: a conversation
 * that keeps asking does not get the same answer twice until the units searched for it run out
 * (`othersQuoted`: there were some, and the earlier answers quoted them all).
 */
function nothingNew(scored: ScoredTip, next: readonly ScoredTip[], othersQuoted: boolean): ComposedAnswer {
  const { tip } = scored;
  const references = tip.references.map((r) => `- [${r.title}](${r.url})`);
  const offered = next.map(({ tip: t }, i) => `${relatedLine(t)} [${i + 2}]`);
  const sources = [scored, ...next].map(({ tip: t }, i) => sourceLine(t, i + 1));
  const answer = [
    `That is all the knowledge says about **${tip.title}**: the earlier answers quoted every part of it.`,
    ...(references.length > 0 ? [`Its references [1]:\n\n${references.join('\n')}`] : []),
    ...(offered.length > 0
      ? [
          `${offered.length === 1 ? 'The closest unit' : 'The closest units'} not quoted yet (related, not more on **${tip.title}**):\n\n${offered.join('\n')}`,
        ]
      : othersQuoted
        ? ['The earlier answers quoted the units closest to it too: ask about another topic for more.']
        : []),
    `**Sources**\n\n${sources.join('\n')}`,
  ].join('\n\n');
  const citations: Citation[] = [
    citationOf(scored, 1, []),
    ...next.map((t, i) => citationOf(t, i + 2, [{ part: 'text', source: t.tip.source }])),
  ];
  return { answer, abstained: false, citations, examples: [], coverage: 'answer' };
}

/** A cited unit, numbered `n` as its `[n]` marker, with what the answer quotes from it. */
function citationOf({ tip, score }: ScoredTip, n: number, quoted: readonly QuotedPart[]): Citation {
  return { n, id: tip.id, title: tip.title, section: tip.section, score, source: tip.source, quoted };
}

/** A unit's line under **Sources**: its number, title, section, file and lines. */
function sourceLine(tip: Tip, n: number): string {
  return `${n}. ${tip.title} (${tip.section}), ${tip.source.file} ${lineRange(tip)}`;
}

/** A unit listed as related, not as the answer: title, where it is, and its short text. */
function relatedLine(tip: Tip): string {
  return `- **${tip.title}** (${tip.section}, ${tip.source.file} ${lineRange(tip)}): ${tip.text}`;
}

function within(outer: TipSource, inner: TipSource): boolean {
  return outer.file === inner.file && outer.lineStart <= inner.lineStart && inner.lineEnd <= outer.lineEnd;
}

/**
 * The answer to a Python memory question the guidance has no tip for: it says so, and lists the
 * related tips (at most two) as related, not as the answer. It is an abstention
 * (`abstained: true`, nothing cited), so clients that only know abstentions stay right.
 */
export function relatedAnswer(related: readonly ScoredTip[], allTips: readonly Tip[]): ComposedAnswer {
  if (related.length === 0) return abstention('low_similarity', allTips);
  const listed: RelatedTip[] = related.map(({ tip, score }) => ({
    id: tip.id,
    title: tip.title,
    section: tip.section,
    score,
    source: tip.source,
  }));
  const lines = related.map(({ tip }) => relatedLine(tip));
  const answer = [
    "The guidance I answer from doesn't cover this question, so I won't guess an answer.",
    `${related.length === 1 ? 'This tip is' : 'These tips are'} on a related topic (related, not an answer to your question):`,
    lines.join('\n'),
    `The guidance covers: ${knowledgeCovers(allTips)}.`,
  ].join('\n\n');
  return {
    answer,
    abstained: true,
    citations: [],
    examples: [],
    coverage: 'related',
    related: listed,
    abstainReason: 'low_similarity',
    confidence: 'low',
  };
}

/**
 * The abstention for `reason`: why the guidance does not answer, and what it covers. Every text
 * says the guidance "doesn't cover this question".
 *
 * @example abstention('other_runtime', tips, { id: 'jvm', label: 'Java and the JVM', score: 6, cues: ['-Xmx'] })
 */
export function abstention(
  reason: Exclude<AbstainReason, 'empty_question'>,
  allTips: readonly Tip[],
  runtime?: RuntimeEvidence,
): ComposedAnswer {
  const covers = `It covers Python memory topics: ${knowledgeCovers(allTips)}.`;
  const why: Record<typeof reason, string> = {
    out_of_scope: "The guidance I answer from doesn't cover this question, so I won't guess.",
    low_similarity: "The guidance I answer from doesn't cover this question, so I won't guess.",
    other_runtime: `This looks like a question about ${runtime?.label ?? 'another runtime or language'}, not about memory in Python (CPython): the guidance I answer from doesn't cover this question, so I won't guess.`,
    not_memory:
      "This looks like a Python question without a memory angle (memory use, leaks, resources or object lifetime): the guidance I answer from doesn't cover this question, so I won't guess.",
  };
  return {
    answer: `${why[reason]} ${covers}`,
    abstained: true,
    citations: [],
    examples: [],
    coverage: 'none',
    abstainReason: reason,
    confidence: 'low',
  };
}

/**
 * Most sections an abstention names. The shipped knowledge has 27 and an operator's wiki may have
 * hundreds: listed in full, they made every refusal from a 1,000-unit knowledge a 4 KB wall of
 * names in a chat message (and most of its cost to send). The knowledge's first ones are the
 * guidance's own.
 */
export const MAX_LISTED_SECTIONS = 12;

const coversByKnowledge = new WeakMap<readonly Tip[], string>();

/**
 * What an abstention says the knowledge covers: its sections in order, each once, at most
 * {@link MAX_LISTED_SECTIONS}, then how many more there are. Found once per knowledge.
 *
 * @example knowledgeCovers(index.knowledge.tips) // "Understand Python's Memory Management; …; and 15 more topics"
 */
export function knowledgeCovers(allTips: readonly Tip[]): string {
  let covers = coversByKnowledge.get(allTips);
  if (covers === undefined) {
    const sections = [...new Set(allTips.map((t) => t.section))];
    const listed = sections.slice(0, MAX_LISTED_SECTIONS);
    const more = sections.length - listed.length;
    covers = more > 0 ? `${listed.join('; ')}; and ${more} more topic${more === 1 ? '' : 's'}` : listed.join('; ');
    coversByKnowledge.set(allTips, covers);
  }
  return covers;
}

function lineRange({ source }: { readonly source: TipSource }): string {
  return source.lineStart === source.lineEnd
    ? `line ${source.lineStart}`
    : `lines ${source.lineStart}–${source.lineEnd}`;
}
