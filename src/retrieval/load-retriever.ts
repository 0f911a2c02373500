import { restrictToFiles } from '../knowledge/units.js';
import { plainWords } from './tokenize.js';
import { createDefaultEmbedder } from './default-embedder.js';
import type { Embedder } from './embedder.js';
import { FacetVectors, type VectorIndexFile } from './facet-vectors.js';
import {
  HybridRetriever,
  type FusionOptions,
  type HybridRetrieverOptions,
  type ScoredTip,
} from './hybrid-retriever.js';
import {
  facetTipId,
  NOT_COVERED_ID,
  notCoveredFacets,
  tipFacets,
  tipPassages,
  UNCOVERED_MEMORY_ID,
  type IndexManifest,
  type KnowledgeArtifact,
  type KnowledgeFileEntry,
} from './index-artifacts.js';
import { SCOPE_RULES } from './scope.js';
import { LexicalIndex } from './lexical-index.js';
import { QueryAnalyzer } from './query-analyzer.js';
import { TermCoverage } from './term-coverage.js';
import { WordVectors } from './word-vectors.js';

export interface LoadedIndex {
  readonly manifest: IndexManifest;
  /** The knowledge answers come from: with `KNOWLEDGE_FILES` set, only those files' tips and facets. */
  readonly knowledge: KnowledgeArtifact;
  readonly retriever: HybridRetriever;
  /** Every knowledge file of the build, `enabled` when answers may use it (`KNOWLEDGE_FILES`). */
  readonly files: readonly LoadedKnowledgeFile[];
}

export interface LoadedKnowledgeFile extends KnowledgeFileEntry {
  /** Markdown: its units may answer (every file unless `KNOWLEDGE_FILES` leaves it out). Sidecars: their file is enabled. */
  readonly enabled: boolean;
}

export interface IndexParts {
  readonly manifest: IndexManifest;
  readonly knowledge: KnowledgeArtifact;
  /** MiniSearch's serialized JSON, as written by the build. */
  readonly lexicalJson: string;
  /** The build's `index.json` (vectra's format), parsed. */
  readonly vectors: VectorIndexFile;
  /** The build's `word-vectors.bin`. */
  readonly wordVectors: ArrayBuffer | ArrayBufferView;
}

export interface RetrieverOptions extends FusionOptions {
  /** See HybridRetrieverOptions.onEmbedderError: degrade to the other signals instead of failing. */
  readonly onEmbedderError?: (error: unknown) => void;
  /** See HybridRetrieverOptions.queryCacheSize: recent queries' scores kept (default 1,000; 0 = none). */
  readonly queryCacheSize?: number;
  /** See {@link GuidanceFirstRetriever}; default {@link PRIMARY_MARGIN}, 0 turns the preference off. */
  readonly primaryMargin?: number;
  /**
   * `KNOWLEDGE_FILES`: the markdown files answers may use (names as in `manifest.files`); empty or
   * absent, all of them. Tips of other files are left out, and so is what their extensions add
   * to a kept tip.
   */
  readonly files?: readonly string[] | undefined;
}

export class EmbedderMismatchError extends Error {
  override readonly name = 'EmbedderMismatchError';
}

/** `KNOWLEDGE_FILES` names a file the index was not built from. */
export class KnowledgeFilesError extends Error {
  override readonly name = 'KnowledgeFilesError';
}

/**
 * Wires build artifacts into a retriever. Without an `embedder`, the default one is built over
 * the index's own word-vector table. Refuses an embedder other than the one the index was built
 * with: its vectors would live in another space and every score would be noise.
 */
export function loadRetriever(parts: IndexParts, embedder?: Embedder, options: RetrieverOptions = {}): LoadedIndex {
  const wordVectors = WordVectors.decode(parts.wordVectors);
  const queryEmbedder = embedder ?? createDefaultEmbedder(wordVectors);
  assertSameEmbedder(parts.manifest, queryEmbedder);
  const { files: chosen, primaryMargin, ...retrieverOptions } = options;
  const enabled = enabledFiles(parts.manifest, chosen);
  const restricted = enabled ? restrictKnowledge(parts, enabled) : undefined;
  const knowledge = restricted?.knowledge ?? parts.knowledge;
  const lexical = LexicalIndex.fromJSON(parts.lexicalJson);
  const retriever = new GuidanceFirstRetriever(
    {
      tips: knowledge.tips,
      vectors: FacetVectors.fromIndexFile(
        restricted ? { items: parts.vectors.items.filter((i) => restricted.facetIds.has(i.id)) } : parts.vectors,
      ),
      lexical: restricted ? lexical.restrictTo(restricted.documentIds) : lexical,
      embedder: queryEmbedder,
      analyzer: new QueryAnalyzer({ lexicon: knowledgeLexicon(knowledge), isKnownWord: (w) => wordVectors.has(w) }),
      // Not-covered phrases and uncovered memory topics are scored one by one; a tip's passages report under its id.
      coverage: new TermCoverage(wordVectors, coverageGroups(knowledge), (group) =>
        isTopicGroup(group) ? group : facetTipId(group),
      ),
      ...retrieverOptions,
    },
    primaryMargin,
  );
  const files = parts.manifest.files.map((f) => ({
    ...f,
    enabled: !enabled || f.kind !== 'markdown' || enabled.has(f.name),
  }));
  return { manifest: parts.manifest, knowledge, retriever, files };
}

/** The markdown files `KNOWLEDGE_FILES` keeps, or `undefined` for all; refuses a name the build has not. */
function enabledFiles(manifest: IndexManifest, chosen: readonly string[] | undefined): ReadonlySet<string> | undefined {
  if (!chosen || chosen.length === 0) return undefined;
  const markdown = manifest.files.filter((f) => f.kind === 'markdown').map((f) => f.name);
  const unknown = chosen.filter((name) => !markdown.includes(name));
  if (unknown.length > 0) {
    throw new KnowledgeFilesError(
      `KNOWLEDGE_FILES names ${unknown.map((n) => `"${n}"`).join(', ')}, which the index was not built from; its knowledge files are ${markdown.map((n) => `"${n}"`).join(', ')}.`,
    );
  }
  return new Set(chosen);
}

/** The knowledge of the chosen files, and which vectors and BM25 documents stay searchable. */
function restrictKnowledge(parts: IndexParts, files: ReadonlySet<string>) {
  const { knowledge } = parts;
  const facetIds = new Set<string>();
  const documentIds = new Set<string>();
  for (const tip of knowledge.tips) {
    for (const facet of tipFacets(tip, knowledge.searchPhrases?.[tip.id]))
      if (files.has(facet.file)) facetIds.add(facet.id);
    for (const passage of tipPassages(tip, knowledge.searchPhrases?.[tip.id]))
      if (files.has(passage.file)) documentIds.add(passage.id);
  }
  const tips = restrictToFiles(knowledge.tips, files);
  const kept = new Set(tips.map((t) => t.id));
  const searchPhrases = Object.fromEntries(
    Object.entries(knowledge.searchPhrases ?? {}).filter(([id]) => kept.has(id)),
  );
  return {
    knowledge: { ...knowledge, tips, searchPhrases, context: knowledge.context.filter((c) => files.has(c.file)) },
    facetIds,
    documentIds,
  };
}

export function assertSameEmbedder(manifest: IndexManifest, embedder: Embedder): void {
  const built = manifest.embedder;
  if (built.id !== embedder.id || built.dimensions !== embedder.dimensions) {
    throw new EmbedderMismatchError(
      `The index was built with embedder "${built.id}" (${built.dimensions} dims) but the query embedder is "${embedder.id}" (${embedder.dimensions} dims). Rebuild it with \`npm run build:index\` under the same embedder settings, or configure the embedder it was built with.`,
    );
  }
}

/**
 * The word groups coverage scores, each reported under its tip's id by the best of them: a tip's
 * own passage (title, section, short text, search phrases, the code of its own examples), the
 * title and code of each unit that extends it, and each not-covered phrase. Coverage asks what a
 * unit is *about*; the prose of its facets explains with everyday words ("question", "file",
 * "reset") that would make a growing knowledge look as if it covered any question, so facets are
 * left to the vectors and BM25, which score each facet as the paragraph it is.
 */
function coverageGroups(knowledge: KnowledgeArtifact): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const tip of knowledge.tips) {
    for (const p of tipPassages(tip, knowledge.searchPhrases?.[tip.id])) {
      if (p.facet) continue;
      groups.set(p.id, [p.title, p.section, p.text, ...p.phrases, ...p.code].flatMap(plainWords));
    }
  }
  for (const facet of notCoveredFacets(knowledge.notCovered ?? [])) groups.set(facet.id, plainWords(facet.text));
  for (const [id, words] of uncoveredTopicGroups(SCOPE_RULES.uncoveredMemoryTopics)) groups.set(id, words);
  return groups;
}

/**
 * Coverage groups for the memory topics the guidance has no tip for (`scope-rules.json`), ids
 * `~uncovered-memory#n`. They are scored by word coverage only, never embedded or indexed, so the
 * index build does not depend on them: a question one of them explains better than any tip is
 * about Python memory but not answered by the guidance (coverage `related`).
 */
function isTopicGroup(group: string): boolean {
  return group.startsWith(NOT_COVERED_ID) || group.startsWith(UNCOVERED_MEMORY_ID);
}

export function uncoveredTopicGroups(topics: readonly string[]): Map<string, string[]> {
  return new Map(topics.map((text, i) => [`${UNCOVERED_MEMORY_ID}#${i + 1}`, plainWords(text)] as const));
}

/**
 * What typos are corrected to: the words tips are known by (titles, sections, short texts, search
 * phrases, the titles of the units that extend them) and the identifiers of their code. Not the
 * prose of their facets: explanations use plenty of ordinary words ("outer", "reset") that a
 * misspelled or merely rare word of an unrelated question ("router") would be "corrected" to.
 */
function knowledgeLexicon(knowledge: KnowledgeArtifact): Set<string> {
  const words = new Set<string>();
  for (const tip of knowledge.tips) {
    const named = tipFacets(tip, knowledge.searchPhrases?.[tip.id]).filter((f) => !f.id.includes('#f'));
    for (const text of [...named.map((f) => f.text), ...tip.examples.map((e) => e.code)]) {
      for (const w of plainWords(text)) words.add(w);
    }
  }
  return words;
}

/**
 * How close to the best unit a primary (guidance) tip must score to be ranked before it (unless
 * that unit is more specific to the question, see {@link SPECIFICITY_MARGIN}): about the spread
 * the signals show between two units that both answer a question. Chosen with `npm run eval` on
 * the tuning questions (real and `questions.json`), where it also decides which cited unit comes
 * first.
 */
export const PRIMARY_MARGIN = 0.15;

/**
 * The guidance-first retriever: when a tip of a primary file scores within
 * {@link PRIMARY_MARGIN} of the best unit of another file, the guidance tips in that window move
 * ahead of it (by the same shift, so their own order stays), or, when that unit is more specific
 * to the question ({@link SPECIFICITY_MARGIN}), right after it. The best score itself is unchanged
 * but for 0.0001, so abstention and confidence read the same number; only near-ties change order.
 */
export class GuidanceFirstRetriever extends HybridRetriever {
  private readonly margin: number;

  constructor(options: HybridRetrieverOptions, margin: number = PRIMARY_MARGIN) {
    super(options);
    this.margin = margin;
  }

  override async scoreAll(query: string): Promise<ScoredTip[]> {
    return guidanceFirst(await super.scoreAll(query), this.margin);
  }
}

/**
 * The share of a question's words (weighted by rarity, as `ScoredTip.coverage`) the best unit of
 * another file must account for *beyond* every guidance tip near it to keep its rank: each word
 * counts by how much better the unit matches it than the best of those tips does. Such a unit
 * names what the question turns on ("returned to the operating system", "`__traceback__`") where
 * the guidance tips only share its general words ("memory", "objects"), so it answers and they do
 * not. Chosen with `npm run eval` on the tuning questions (real and `questions.json`).
 */
export const SPECIFICITY_MARGIN = 0.05;

/** See {@link GuidanceFirstRetriever}; `scored` in any order, returned in the same order. */
export function guidanceFirst(
  scored: readonly ScoredTip[],
  margin: number,
  specificity: number = SPECIFICITY_MARGIN,
): ScoredTip[] {
  let best: ScoredTip | undefined;
  let primaryBest = 0;
  for (const s of scored) {
    if (!best || s.score > best.score) best = s;
    if (s.tip.primary) primaryBest = Math.max(primaryBest, s.score);
  }
  if (!best || primaryBest === 0 || primaryBest >= best.score || primaryBest < best.score - margin) return [...scored];
  const floor = best.score - margin;
  const near = scored.filter((s) => s.tip.primary && s.score >= floor);
  // A more specific unit keeps the lead; the guidance tips near it come right after it.
  const shift = best.score - primaryBest + (beyond(best, near) >= specificity ? -0.0001 : 0.0001);
  return scored.map((s) =>
    s.tip.primary && s.score >= floor ? { ...s, score: Math.min(1, Math.round((s.score + shift) * 1e4) / 1e4) } : s,
  );
}

/**
 * The weighted share of the question's words `unit` matches better than every one of `others`:
 * Σ weight × max(0, unit's match − best other match) / Σ weight. Without word matches (no coverage
 * signal), the difference of their coverages.
 */
function beyond(unit: ScoredTip, others: readonly ScoredTip[]): number {
  const words = unit.words;
  if (!words) return unit.coverage - Math.max(0, ...others.map((o) => o.coverage));
  let total = 0;
  let extra = 0;
  for (let i = 0; i < words.words.length; i++) {
    const weight = words.weights[i] ?? 0;
    total += weight;
    const theirs = Math.max(0, ...others.map((o) => o.words?.matches[i] ?? 0));
    extra += weight * Math.max(0, (words.matches[i] ?? 0) - theirs);
  }
  return total > 0 ? extra / total : 0;
}
