import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LocalIndex } from 'vectra';
import { chunkMarkdown } from '../../src/knowledge/chunk.js';
import type { KnowledgeContext, Tip } from '../../src/knowledge/types.js';
import type { Embedder } from '../../src/retrieval/embedder.js';
import {
  INDEX_FILES,
  INDEX_FORMAT,
  tipSearchText,
  type IndexManifest,
  type KnowledgeArtifact,
} from '../../src/retrieval/index-artifacts.js';
import { LexicalIndex } from '../../src/retrieval/lexical-index.js';
import { hashKnowledge, readKnowledgeFiles } from './knowledge-files.js';

export interface BuildIndexOptions {
  readonly knowledgeDir: string;
  readonly outDir: string;
  readonly embedder: Embedder;
  /** Skip the build when the manifest in `outDir` already matches. */
  readonly onlyIfStale?: boolean;
}

export interface BuildIndexResult {
  readonly built: boolean;
  readonly manifest: IndexManifest;
}

/** knowledge/*.md → tips → vectra index + BM25 index + manifest, all in `outDir`. */
export async function buildIndex(options: BuildIndexOptions): Promise<BuildIndexResult> {
  const files = await readKnowledgeFiles(options.knowledgeDir);
  const knowledgeHash = hashKnowledge(files);
  const { embedder } = options;
  if (options.onlyIfStale) {
    const current = await readManifest(options.outDir);
    if (current && isCurrent(current, knowledgeHash, embedder)) return { built: false, manifest: current };
  }

  const tips: Tip[] = [];
  const context: KnowledgeContext[] = [];
  for (const file of files) {
    const chunked = chunkMarkdown(file.name, file.content);
    tips.push(...chunked.tips);
    context.push(...chunked.context);
  }
  assertUniqueIds(tips);

  await rm(options.outDir, { recursive: true, force: true });
  await mkdir(options.outDir, { recursive: true });
  await writeVectors(options.outDir, tips, await embedder.embed(tips.map(tipSearchText)));
  const knowledge: KnowledgeArtifact = { tips, context };
  const manifest: IndexManifest = {
    format: INDEX_FORMAT,
    knowledgeHash,
    embedder: { id: embedder.id, dimensions: embedder.dimensions },
    tipCount: tips.length,
    files: files.map((f) => f.name),
  };
  await writeJson(options.outDir, INDEX_FILES.knowledge, knowledge);
  await writeFile(join(options.outDir, INDEX_FILES.lexical), LexicalIndex.build(tips).toJSON());
  await writeJson(options.outDir, INDEX_FILES.manifest, manifest);
  return { built: true, manifest };
}

function isCurrent(manifest: IndexManifest, knowledgeHash: string, embedder: Embedder): boolean {
  return (
    manifest.format === INDEX_FORMAT &&
    manifest.knowledgeHash === knowledgeHash &&
    manifest.embedder.id === embedder.id
  );
}

async function readManifest(dir: string): Promise<IndexManifest | null> {
  try {
    return JSON.parse(await readFile(join(dir, INDEX_FILES.manifest), 'utf8')) as IndexManifest;
  } catch {
    return null;
  }
}

async function writeVectors(dir: string, tips: readonly Tip[], vectors: number[][]): Promise<void> {
  const index = new LocalIndex(dir, INDEX_FILES.vectors);
  await index.createIndex({ version: 1, deleteIfExists: true });
  await index.batchInsertItems(
    tips.map((tip, i) => ({ id: tip.id, vector: vectors[i] ?? [], metadata: { section: tip.section } })),
  );
}

function assertUniqueIds(tips: readonly Tip[]): void {
  const seen = new Map<string, Tip>();
  for (const tip of tips) {
    const other = seen.get(tip.id);
    if (other) {
      throw new Error(
        `Duplicate tip id "${tip.id}" (${other.source.file}:${other.source.lineStart} and ${tip.source.file}:${tip.source.lineStart}): give one tip another title.`,
      );
    }
    seen.set(tip.id, tip);
  }
}

async function writeJson(dir: string, name: string, value: unknown): Promise<void> {
  await writeFile(join(dir, name), `${JSON.stringify(value, null, 1)}\n`);
}
