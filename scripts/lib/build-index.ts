import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AsPlainObject } from 'minisearch';
import { LocalIndex } from 'vectra';
import { chunkMarkdown } from '../../src/knowledge/chunk.js';
import type { KnowledgeContext } from '../../src/knowledge/types.js';
import { assembleUnits, type ChunkedFile } from '../../src/knowledge/units.js';
import { createDefaultEmbedder } from '../../src/retrieval/default-embedder.js';
import type { Embedder } from '../../src/retrieval/embedder.js';
import {
  INDEX_ASSETS_FOLDER,
  INDEX_FILES,
  INDEX_FORMAT,
  RUNTIME_INDEX_FILES,
  tipFacets,
  type IndexManifest,
  type KnowledgeFileEntry,
  type TipFacet,
  type KnowledgeArtifact,
} from '../../src/retrieval/index-artifacts.js';
import { codeOnlyWords } from '../../src/retrieval/named-apis.js';
import type { VectorIndexFile } from '../../src/retrieval/facet-vectors.js';
import { LexicalIndex } from '../../src/retrieval/lexical-index.js';
import { packRetrievalTables, trainQuestionClassifier } from '../../src/retrieval/load-retriever.js';
import { WordVectors } from '../../src/retrieval/word-vectors.js';
import { hashKnowledge, knowledgeFileEntry, readKnowledgeFiles } from './knowledge-files.js';
import { parseSearchPhrases, primaryFiles, readSearchPhraseFiles } from './search-phrases.js';

export interface BuildIndexOptions {
  readonly knowledgeDir: string;
  readonly outDir: string;
  /** The word-vector table (`build/word-vectors.bin`); copied into the index. */
  readonly wordVectors: Uint8Array;
  /** Defaults to the SIF embedder over `wordVectors`. */
  readonly embedder?: Embedder;
  /** Skip the build when the manifest in `outDir` already matches. */
  readonly onlyIfStale?: boolean;
}

export interface BuildIndexResult {
  readonly built: boolean;
  readonly manifest: IndexManifest;
}

/**
 * knowledge/*.md (+ *.search.json phrases, *.examples.json listed and hashed) → units, extensions
 * folded in, primary files first → vectra index over tip facets + BM25 index (MiniSearch) + both
 * packed with the coverage groups, typo lexicon and question classifier (trained on the example
 * questions) for the runtime + word-vector table + manifest,
 * all in `outDir`.
 */
export async function buildIndex(options: BuildIndexOptions): Promise<BuildIndexResult> {
  const files = await readKnowledgeFiles(options.knowledgeDir);
  const phraseFiles = await readSearchPhraseFiles(options.knowledgeDir);
  const exampleFiles = await readKnowledgeFiles(options.knowledgeDir, 'examples');
  const knowledgeHash = hashKnowledge([...files, ...phraseFiles, ...exampleFiles]);
  const wordVectors = WordVectors.decode(options.wordVectors);
  const embedder = options.embedder ?? createDefaultEmbedder(wordVectors);
  if (options.onlyIfStale) {
    const current = await readManifest(options.outDir);
    if (current && isCurrent(current, knowledgeHash, embedder)) return { built: false, manifest: current };
  }

  const primary = primaryFiles(phraseFiles);
  const chunked: ChunkedFile[] = [];
  const context: KnowledgeContext[] = [];
  for (const file of files) {
    const { tips: units, context: prose } = chunkMarkdown(file.name, file.content);
    chunked.push({ file: file.name, primary: primary.has(file.name), units });
    context.push(...prose);
  }
  const tips = assembleUnits(chunked);
  const searchPhrases = parseSearchPhrases(phraseFiles, tips);

  await rm(options.outDir, { recursive: true, force: true });
  await mkdir(options.outDir, { recursive: true });
  const facets = tips.flatMap((tip) => tipFacets(tip, searchPhrases.tips[tip.id]));
  await writeVectors(options.outDir, facets, await embedder.embed(facets.map((f) => f.text)));
  await writeFile(join(options.outDir, INDEX_FILES.wordVectors), options.wordVectors);
  const knowledge: KnowledgeArtifact = {
    tips,
    context,
    searchPhrases: searchPhrases.tips,
    notCovered: searchPhrases.notCovered,
    codeWords: codeOnlyWords(tips, (w) => wordVectors.has(w)),
  };
  const manifest: IndexManifest = {
    format: INDEX_FORMAT,
    knowledgeHash,
    embedder: { id: embedder.id, dimensions: embedder.dimensions },
    tipCount: tips.length,
    files: [
      ...chunked.map(({ file, primary: isPrimary, units }): KnowledgeFileEntry => {
        const content = files.find((f) => f.name === file) ?? { name: file, content: '' };
        const extensions = units.filter((u) => u.extends).length;
        return {
          ...knowledgeFileEntry(content, 'markdown'),
          units: units.length - extensions,
          extensions,
          primary: isPrimary,
        };
      }),
      ...phraseFiles.map((f) => knowledgeFileEntry(f, 'search-phrases')),
      ...exampleFiles.map((f) => knowledgeFileEntry(f, 'examples')),
    ].sort(
      (a, b) =>
        Number(b.primary ?? false) - Number(a.primary ?? false) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
    ),
  };
  await writeFile(join(options.outDir, INDEX_FILES.knowledge), startupJson(knowledge));
  const lexical = JSON.stringify(LexicalIndex.miniSearch(tips, searchPhrases.tips));
  await writeFile(join(options.outDir, INDEX_FILES.lexical), lexical);
  // What the runtime reads: vectra's vectors (with the norms it stored) and MiniSearch's index, packed.
  const vectors = JSON.parse(await readFile(join(options.outDir, INDEX_FILES.vectors), 'utf8')) as VectorIndexFile;
  const classifier = trainQuestionClassifier(knowledge, searchPhrases.questions, (w) => wordVectors.has(w));
  const tables = packRetrievalTables(knowledge, vectors, JSON.parse(lexical) as AsPlainObject, classifier);
  await writeFile(join(options.outDir, INDEX_FILES.tables), tables);
  await writeJson(options.outDir, INDEX_FILES.manifest, manifest);
  return { built: true, manifest };
}

function isCurrent(manifest: IndexManifest, knowledgeHash: string, embedder: Embedder): boolean {
  return (
    manifest.format === INDEX_FORMAT && manifest.knowledgeHash === knowledgeHash && manifest.embedder.id === embedder.id
  );
}

async function readManifest(dir: string): Promise<IndexManifest | null> {
  try {
    return JSON.parse(await readFile(join(dir, INDEX_FILES.manifest), 'utf8')) as IndexManifest;
  } catch {
    return null;
  }
}

async function writeVectors(dir: string, facets: readonly TipFacet[], vectors: number[][]): Promise<void> {
  const index = new LocalIndex(dir, INDEX_FILES.vectors);
  await index.createIndex({ version: 1, deleteIfExists: true });
  // A facet none of whose words the embedder knows has a zero vector: it would only add NaN cosines.
  const items = facets.flatMap((facet, i) => {
    const vector = vectors[i] ?? [];
    return vector.some((x) => x !== 0)
      ? [{ id: facet.id, vector: quantize(vector), metadata: { tip: facet.tipId } }]
      : [];
  });
  await index.batchInsertItems(items);
}

/**
 * A facet vector stored as integers: scaled so its largest component is ±127, then rounded.
 * Cosine similarity ignores a vector's length, and the rounding moves a cosine by about 0.001,
 * while the index (vectra's JSON) gets three times smaller: what keeps an operator-sized
 * knowledge inside the Worker's size limit (`npm run bench`, "Cost as knowledge grows").
 */
export function quantize(vector: readonly number[]): number[] {
  const largest = vector.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
  if (largest === 0) return [...vector];
  const scale = 127 / largest;
  return vector.map((x) => Math.round(x * scale));
}

/**
 * JSON the runtime parses at every start: without indentation (a sixth fewer bytes at 1,000
 * units) and in ASCII, the few other characters escaped (`\u2014`): one dash in a megabyte
 * makes the whole text a two-byte string, twice as slow to decode and slower to parse.
 */
export function startupJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

async function writeJson(dir: string, name: string, value: unknown): Promise<void> {
  await writeFile(join(dir, name), `${JSON.stringify(value, null, 1)}\n`);
}

/**
 * Copies the files the runtime reads from the index in `indexDir` into `publicDir/_index/`, the
 * Worker's static assets (see `loadIndexFromAssets`), replacing what an older build left there.
 */
export async function publishIndexAssets(indexDir: string, publicDir: string): Promise<void> {
  const assetsDir = join(publicDir, INDEX_ASSETS_FOLDER);
  await rm(assetsDir, { recursive: true, force: true });
  await mkdir(assetsDir, { recursive: true });
  for (const name of RUNTIME_INDEX_FILES) await copyFile(join(indexDir, name), join(assetsDir, name));
}
