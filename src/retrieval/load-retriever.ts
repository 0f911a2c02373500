import type { AsPlainObject } from 'minisearch';
import { restrictToFiles } from '../knowledge/units.js';
import { plainWords, tokenize } from './tokenize.js';
import { createDefaultEmbedder } from './default-embedder.js';
import type { Embedder } from './embedder.js';
import { FacetVectors, type VectorIndexFile } from './facet-vectors.js';
import { HybridRetriever, type FusionOptions, type HybridRetrieverOptions } from './hybrid-retriever.js';
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
import { packSections, PackedSections } from './packed-tables.js';
import { QueryAnalyzer } from './query-analyzer.js';
import { QuestionClassifier, type ClassifierTraining } from './question-classifier.js';
import { CoverageGroups, TermCoverage } from './term-coverage.js';
import { WordVectors } from './word-vectors.js';

export { FOLLOW_MARGIN, guidanceFirst, SPECIFICITY_MARGIN } from './hybrid-retriever.js';

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
  /** The build's `retrieval.bin` (see {@link packRetrievalTables}). */
  readonly tables: ArrayBuffer | ArrayBufferView;
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
  /**
   * The compiled `facet-dots.wasm`, which each platform loads its own way (see FacetDotsKernel):
   * the facet similarities in WebAssembly, the same numbers faster. Without it, in JavaScript.
   */
  readonly facetDots?: WebAssembly.Module | undefined;
}

export class EmbedderMismatchError extends Error {
  override readonly name = 'EmbedderMismatchError';
}

/** `KNOWLEDGE_FILES` names a file the index was not built from. */
export class KnowledgeFilesError extends Error {
  override readonly name = 'KnowledgeFilesError';
}

/**
 * What the build precomputes for retrieval, packed into `retrieval.bin` (see PackedSections): the
 * facet vectors (vectra's `index.json`, as a matrix), the BM25 index (MiniSearch's, as postings),
 * the word groups coverage scores with the typo lexicon (one word table: they are nearly the same
 * words). Everything the runtime used to rebuild at start-up (0.8 s for 1,000 units, 0.1 s for
 * the shipped 60) is read in place instead. Facets and passages are recorded by their tip and
 * their place among its `tipFacets`/`tipPassages`, coverage owners by their tip: no id is packed
 * that `knowledge.json` already holds.
 *
 * @param vectors the build's `index.json`, as vectra wrote it (its norms are the ones searched with)
 * @param lexical the build's MiniSearch index, serialized (`lexical.json`)
 */
export function packRetrievalTables(
  knowledge: KnowledgeArtifact,
  vectors: VectorIndexFile,
  lexical: AsPlainObject,
  classifier?: QuestionClassifier,
): Uint8Array {
  const tipIds = knowledge.tips.map((t) => t.id);
  const facetOrdinal = new Map<string, number>();
  const passageOrdinal = new Map<string, number>();
  for (const tip of knowledge.tips) {
    tipFacets(tip, knowledge.searchPhrases?.[tip.id]).forEach((f, i) => facetOrdinal.set(f.id, i));
    tipPassages(tip, knowledge.searchPhrases?.[tip.id]).forEach((p, i) => passageOrdinal.set(p.id, i));
  }
  return packSections({
    ...FacetVectors.fromIndexFile(vectors, tipIds).sections((id) => facetOrdinal.get(id) ?? -1),
    ...LexicalIndex.fromMiniSearch(lexical, tipIds).sections((id) => passageOrdinal.get(id) ?? -1),
    ...CoverageGroups.build(coverageGroups(knowledge), {
      ownerOf: coverageOwner,
      tipIds,
      lexicon: knowledgeLexicon(knowledge),
    }).sections('coverage'),
    ...classifier?.sections(),
  });
}

/**
 * Trains the question classifier on the knowledge's example questions (`questions` of
 * `*.search.json`, by tip id), each read as the runtime reads a question: typos corrected and
 * domain words added by the knowledge's own analyzer, then tokenized. `undefined` when no tip has
 * example questions (an operator's knowledge may have none: the other signals then rank alone).
 *
 * @param isKnownWord whether the build's word table has a word (what typo correction leaves alone)
 */
export function trainQuestionClassifier(
  knowledge: KnowledgeArtifact,
  questions: Readonly<Record<string, readonly string[]>>,
  isKnownWord: (word: string) => boolean,
  training?: ClassifierTraining,
): QuestionClassifier | undefined {
  const classes = knowledge.tips.map((t) => t.id).filter((id) => (questions[id]?.length ?? 0) > 0);
  if (classes.length === 0) return undefined;
  const analyzer = knowledgeAnalyzer(knowledge, isKnownWord);
  const examples = classes.flatMap((id, label) =>
    (questions[id] ?? []).map((q) => ({ terms: tokenize(analyzer.analyze(q).expanded), label })),
  );
  return QuestionClassifier.train(examples, classes, training);
}

/**
 * Wires build artifacts into a retriever. Without an `embedder`, the default one is built over
 * the index's own word-vector table. Refuses an embedder other than the one the index was built
 * with: its vectors would live in another space and every score would be noise.
 *
 * With `KNOWLEDGE_FILES` set, the coverage groups and the typo lexicon are those of the chosen
 * files' tips, computed here (as the build does for all of them), and facets and passages of the
 * other files are left out of the packed vectors and BM25 index.
 */
export function loadRetriever(parts: IndexParts, embedder?: Embedder, options: RetrieverOptions = {}): LoadedIndex {
  const wordVectors = WordVectors.decode(parts.wordVectors);
  const queryEmbedder = embedder ?? createDefaultEmbedder(wordVectors);
  assertSameEmbedder(parts.manifest, queryEmbedder);
  const { files: chosen, primaryMargin, facetDots, ...retrieverOptions } = options;
  const enabled = enabledFiles(parts.manifest, chosen);
  const tables = PackedSections.read(parts.tables);
  const vectors = FacetVectors.fromSections(tables, facetDots);
  const lexical = LexicalIndex.fromSections(tables);
  const classifier = QuestionClassifier.fromSections(tables);
  const topics = CoverageGroups.build(uncoveredTopicGroups(SCOPE_RULES.uncoveredMemoryTopics));
  let knowledge = parts.knowledge;
  let wiring: Pick<HybridRetrieverOptions, 'facetTips' | 'passageTips' | 'analyzer' | 'coverage'>;
  if (!enabled) {
    const groups = CoverageGroups.fromSections(tables, 'coverage');
    wiring = {
      facetTips: vectors.tips,
      passageTips: lexical.docTips,
      analyzer: new QueryAnalyzer({
        lexicon: groups.lexicon,
        isKnownWord: (w) => wordVectors.has(w),
        isCommonWord: (w) => wordVectors.isCommon(w),
      }),
      coverage: new TermCoverage(wordVectors, [groups, topics]),
    };
  } else {
    knowledge = restrictKnowledge(parts.knowledge, enabled);
    const all = parts.knowledge;
    const tipIndex = new Map(knowledge.tips.map((t, i) => [t.id, i]));
    // A facet or passage stays when its words come from a chosen file and its tip stays.
    const kept = (tip: number, part: { readonly file: string } | undefined) =>
      part && enabled.has(part.file) ? (tipIndex.get(all.tips[tip]?.id ?? '') ?? -1) : -1;
    const facetsOf = all.tips.map((tip) => tipFacets(tip, all.searchPhrases?.[tip.id]));
    const passagesOf = all.tips.map((tip) => tipPassages(tip, all.searchPhrases?.[tip.id]));
    const { ordinals } = vectors;
    const { docOrdinals } = lexical;
    wiring = {
      facetTips: Int32Array.from(vectors.tips, (tip, i) => kept(tip, facetsOf[tip]?.[ordinals[i] ?? 0])),
      passageTips: Int32Array.from(lexical.docTips, (tip, d) => kept(tip, passagesOf[tip]?.[docOrdinals[d] ?? 0])),
      analyzer: knowledgeAnalyzer(
        knowledge,
        (w) => wordVectors.has(w),
        (w) => wordVectors.isCommon(w),
      ),
      coverage: new TermCoverage(wordVectors, [
        CoverageGroups.build(coverageGroups(knowledge), {
          ownerOf: coverageOwner,
          tipIds: knowledge.tips.map((t) => t.id),
        }),
        topics,
      ]),
    };
  }
  const retriever = new GuidanceFirstRetriever(
    {
      tips: knowledge.tips,
      vectors,
      lexical,
      embedder: queryEmbedder,
      ...wiring,
      coverageTips: wiring.coverage?.ownerTips(),
      ...(classifier ? { classifier, classifierTips: classifierTips(classifier, knowledge) } : {}),
      ...(knowledge.codeWords ? { codeWords: knowledge.codeWords } : {}),
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

/** Each classifier class's index in `knowledge.tips` (-1 for a tip `KNOWLEDGE_FILES` leaves out). */
function classifierTips(classifier: QuestionClassifier, knowledge: KnowledgeArtifact): Int32Array {
  const index = new Map(knowledge.tips.map((t, i) => [t.id, i]));
  return Int32Array.from({ length: classifier.classes.size }, (_, c) => index.get(classifier.classes.at(c)) ?? -1);
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

/** The knowledge of the chosen files: their tips (without what other files' extensions add), context and phrases. */
function restrictKnowledge(knowledge: KnowledgeArtifact, files: ReadonlySet<string>): KnowledgeArtifact {
  const tips = restrictToFiles(knowledge.tips, files);
  const kept = new Set(tips.map((t) => t.id));
  const searchPhrases = Object.fromEntries(
    Object.entries(knowledge.searchPhrases ?? {}).filter(([id]) => kept.has(id)),
  );
  return { ...knowledge, tips, searchPhrases, context: knowledge.context.filter((c) => files.has(c.file)) };
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
  return groups;
}

/** Not-covered phrases and uncovered memory topics are scored one by one; a tip's passages report under its id. */
function coverageOwner(group: string): string {
  return isTopicGroup(group) ? group : facetTipId(group);
}

function isTopicGroup(group: string): boolean {
  return group.startsWith(NOT_COVERED_ID) || group.startsWith(UNCOVERED_MEMORY_ID);
}

/**
 * Coverage groups for the memory topics the guidance has no tip for (`scope-rules.json`), ids
 * `~uncovered-memory#n`. They are scored by word coverage only, never embedded or indexed, so the
 * index build does not depend on them (they are added at load): a question one of them explains
 * better than any tip is about Python memory but not answered by the guidance (coverage `related`).
 */
export function uncoveredTopicGroups(topics: readonly string[]): Map<string, string[]> {
  return new Map(topics.map((text, i) => [`${UNCOVERED_MEMORY_ID}#${i + 1}`, plainWords(text)] as const));
}

/** How the runtime reads a question against this knowledge (the classifier's examples are read the same way). */
function knowledgeAnalyzer(
  knowledge: KnowledgeArtifact,
  isKnownWord: (word: string) => boolean,
  isCommonWord?: (word: string) => boolean,
): QueryAnalyzer {
  return new QueryAnalyzer({
    lexicon: knowledgeLexicon(knowledge),
    isKnownWord,
    ...(isCommonWord ? { isCommonWord } : {}),
  });
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
 * first: 0.2 before the question classifier, 0.15 with it (one more companion question right first,
 * no other line changed; 0.1 lost a follow-up of `questions.json`, 0.25 and 0.3 companion questions).
 */
export const PRIMARY_MARGIN = 0.15;

/**
 * The guidance-first retriever (see {@link guidanceFirst}): when a tip of a primary file scores
 * within {@link PRIMARY_MARGIN} of the best unit of another file, the guidance tips in that window
 * move ahead of it (by the same shift, so their own order stays), or, when that unit is more
 * specific to the question ({@link SPECIFICITY_MARGIN}), those within {@link FOLLOW_MARGIN} of it
 * right after it. The best score itself is unchanged but for 0.0001, so abstention and confidence
 * read the same number; only near-ties change order.
 */
export class GuidanceFirstRetriever extends HybridRetriever {
  constructor(options: HybridRetrieverOptions, margin: number = PRIMARY_MARGIN) {
    super({ ...options, primaryMargin: margin });
  }
}
