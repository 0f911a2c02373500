import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { buildIndex } from '../../scripts/lib/build-index.js';
import { KNOWLEDGE_DIR } from '../../scripts/lib/paths.js';
import { loadIndexFromDisk } from '../../src/platform/node/load-index.js';
import { HashedNgramEmbedder } from '../../src/retrieval/hashed-ngram-embedder.js';
import { INDEX_FORMAT, type KnowledgeArtifact } from '../../src/retrieval/index-artifacts.js';
import { EmbedderMismatchError } from '../../src/retrieval/load-retriever.js';
import { PackedSections } from '../../src/retrieval/packed-tables.js';
import { QuestionClassifier } from '../../src/retrieval/question-classifier.js';
import { tokenize } from '../../src/retrieval/tokenize.js';
import { builtWordVectorBytes } from './fixtures.js';

const temps: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pymem-index-'));
  temps.push(dir);
  return dir;
}
afterAll(() => Promise.all(temps.map((d) => rm(d, { recursive: true, force: true }))));

async function folderHash(dir: string): Promise<string> {
  const hash = createHash('sha256');
  for (const name of (await readdir(dir)).sort()) hash.update(name).update(await readFile(join(dir, name)));
  return hash.digest('hex');
}

const wordVectors = await builtWordVectorBytes();
// A build of the shipped knowledge trains the question classifier: 4.6 s alone on a 2-core
// machine, past vitest's 5 s default when the suite's other files share it (CI, 2026-12-06).
// Allowed: 30 s a build, times the most builds one test makes (five).
const BUILDS_MS = 5 * 30_000;
const PHRASES = 'python-memory-guidance.search.json';

describe('buildIndex', { timeout: BUILDS_MS }, () => {
  it('writes the vectra index over tip facets, the BM25 index, the tips, the word table and a manifest', async () => {
    const out = await tempDir();
    const { built, manifest } = await buildIndex({ knowledgeDir: KNOWLEDGE_DIR, outDir: out, wordVectors });
    expect(built).toBe(true);
    expect((await readdir(out)).sort()).toEqual([
      'index.json',
      'knowledge.json',
      'lexical.json',
      'manifest.json',
      'retrieval.bin',
      'word-vectors.bin',
    ]);
    expect(manifest).toMatchObject({ format: INDEX_FORMAT, embedder: { dimensions: 100 } });
    expect(manifest.files.map((f) => [f.name, f.kind, f.primary])).toEqual([
      ['python-memory-guidance.md', 'markdown', true],
      ['python-memory-companion.md', 'markdown', false],
      ['python-memory-companion.search.json', 'search-phrases', undefined],
      ['python-memory-guidance.examples.json', 'examples', undefined],
      ['python-memory-guidance.search.json', 'search-phrases', undefined],
    ]);
    const guidanceBytes = await readFile(join(KNOWLEDGE_DIR, 'python-memory-guidance.md'));
    expect(manifest.files[0]).toEqual({
      name: 'python-memory-guidance.md',
      kind: 'markdown',
      sha256: createHash('sha256').update(guidanceBytes).digest('hex'),
      bytes: guidanceBytes.byteLength,
      units: 16,
      extensions: 0,
      primary: true,
    });
    const companion = manifest.files[1];
    expect(manifest.tipCount).toBe(16 + (companion?.units ?? 0));
    expect(companion?.units).toBeGreaterThanOrEqual(40);
    expect(companion?.extensions).toBeGreaterThanOrEqual(16);
    expect(manifest.embedder.id).toMatch(/^glove-sif-v1-100d-/);
    expect(manifest.knowledgeHash).toMatch(/^[0-9a-f]{64}$/);
    expect((await readFile(join(out, 'word-vectors.bin'))).equals(wordVectors)).toBe(true);

    const knowledge = JSON.parse(await readFile(join(out, 'knowledge.json'), 'utf8')) as KnowledgeArtifact;
    expect(knowledge.tips.slice(0, 16).every((t) => t.primary && t.source.file === 'python-memory-guidance.md')).toBe(
      true,
    );
    expect(Object.keys(knowledge.searchPhrases ?? {}).length).toBeGreaterThanOrEqual(16);
    expect(knowledge.notCovered?.length).toBeGreaterThan(50);
    const vectra = JSON.parse(await readFile(join(out, 'index.json'), 'utf8')) as {
      items: { id: string; vector: number[]; metadata: { tip: string } }[];
    };
    const ids = vectra.items.map((i) => i.id);
    for (const tip of knowledge.tips) {
      if (tip.triage) {
        // A triage unit is never ranked: nothing of it is embedded (see `tipFacets`).
        expect(ids.filter((id) => id === tip.id || id.startsWith(`${tip.id}#`))).toEqual([]);
        continue;
      }
      expect(ids).toContain(tip.id); // the tip's text
      expect(ids).toContain(`${tip.id}#0`); // its title
    }
    // Each facet of a tip (why, how, …) is embedded on its own, an extension's under the tip it extends.
    const weak = knowledge.tips.find((t) => t.id === 'avoid-memory-leaks--weak-references');
    expect(weak?.facets.length).toBeGreaterThan(0);
    weak?.facets.forEach((_, i) => expect(ids).toContain(`avoid-memory-leaks--weak-references#f${i}`));
    expect(ids).toContain('avoid-memory-leaks--weak-references#x0');
    expect(vectra.items.every((i) => i.vector.length === 100 && i.vector.some((x) => x !== 0))).toBe(true);
    expect(vectra.items.find((i) => i.id.endsWith('#1'))?.metadata.tip).toBeDefined();
  });

  it('is deterministic: two builds are byte for byte the same', async () => {
    const a = await tempDir();
    const b = await tempDir();
    await buildIndex({ knowledgeDir: KNOWLEDGE_DIR, outDir: a, wordVectors });
    await buildIndex({ knowledgeDir: KNOWLEDGE_DIR, outDir: b, wordVectors });
    expect(await folderHash(a)).toBe(await folderHash(b));
  });

  it('skips a current index, and rebuilds when the knowledge, its phrases or the embedder change', async () => {
    const knowledge = await tempDir();
    const out = await tempDir();
    await cp(KNOWLEDGE_DIR, knowledge, { recursive: true });
    const first = await buildIndex({ knowledgeDir: knowledge, outDir: out, wordVectors });
    expect((await buildIndex({ knowledgeDir: knowledge, outDir: out, wordVectors, onlyIfStale: true })).built).toBe(
      false,
    );

    const other = new HashedNgramEmbedder({ dimensions: 256 });
    const rebuilt = await buildIndex({
      knowledgeDir: knowledge,
      outDir: out,
      wordVectors,
      embedder: other,
      onlyIfStale: true,
    });
    expect(rebuilt.built).toBe(true);
    expect(rebuilt.manifest.embedder.id).toBe(other.id);

    const phrases = JSON.parse(await readFile(join(knowledge, PHRASES), 'utf8')) as { tips: Record<string, string[]> };
    phrases.tips['optimize-string-usage--interning-strings']?.push('string pool');
    await writeFile(join(knowledge, PHRASES), JSON.stringify(phrases));
    const rephrased = await buildIndex({
      knowledgeDir: knowledge,
      outDir: out,
      wordVectors,
      embedder: other,
      onlyIfStale: true,
    });
    expect(rephrased.built).toBe(true);
    expect(rephrased.manifest.knowledgeHash).not.toBe(first.manifest.knowledgeHash);

    // A topic no shipped unit covers, so the new file's unit is what a question about it finds.
    await writeFile(
      join(knowledge, 'threads.md'),
      '### Threads\n\n- **Thread stack size**: `threading.stack_size()` sets the memory reserved for the stack of each new thread.\n',
    );
    const grown = await buildIndex({
      knowledgeDir: knowledge,
      outDir: out,
      wordVectors,
      embedder: other,
      onlyIfStale: true,
    });
    expect(grown.built).toBe(true);
    expect(grown.manifest.tipCount).toBe(first.manifest.tipCount + 1);
    expect(grown.manifest.files.filter((f) => f.kind === 'markdown').map((f) => f.name)).toEqual([
      'python-memory-guidance.md',
      'python-memory-companion.md',
      'threads.md',
    ]);

    const sidecar = JSON.parse(await readFile(join(knowledge, 'python-memory-guidance.examples.json'), 'utf8')) as {
      $comment: string;
    };
    sidecar.$comment += ' (edited)';
    await writeFile(join(knowledge, 'python-memory-guidance.examples.json'), JSON.stringify(sidecar));
    const resetup = await buildIndex({
      knowledgeDir: knowledge,
      outDir: out,
      wordVectors,
      embedder: other,
      onlyIfStale: true,
    });
    expect(resetup.built).toBe(true);
    expect(resetup.manifest.knowledgeHash).not.toBe(grown.manifest.knowledgeHash);

    const index = await loadIndexFromDisk(out, other);
    const [top] = await index.retriever.search('threading.stack_size memory of a thread stack', 1);
    expect(top?.tip.id).toBe('threads--thread-stack-size');
    // Five builds of the shipped knowledge: 25 s alone.
  });

  it('refuses two tips with the same id', async () => {
    const knowledge = await tempDir();
    await writeFile(join(knowledge, 'a.md'), '### S\n\n- **Same**: one\n- **Same**: two\n');
    await expect(buildIndex({ knowledgeDir: knowledge, outDir: await tempDir(), wordVectors })).rejects.toThrow(
      /Duplicate tip id "s--same"/,
    );
  });

  it('refuses phrases for a tip that does not exist, and a malformed phrase file', async () => {
    const knowledge = await tempDir();
    await writeFile(join(knowledge, 'a.md'), '### S\n\n- **Tip**: text\n');
    await writeFile(join(knowledge, 'a.search.json'), JSON.stringify({ tips: { 's--renamed': ['x'] } }));
    await expect(buildIndex({ knowledgeDir: knowledge, outDir: await tempDir(), wordVectors })).rejects.toThrow(
      /unknown tip id "s--renamed"/,
    );
    await writeFile(join(knowledge, 'a.search.json'), '{ not json');
    await expect(buildIndex({ knowledgeDir: knowledge, outDir: await tempDir(), wordVectors })).rejects.toThrow(
      /a\.search\.json is not valid JSON/,
    );
    await writeFile(join(knowledge, 'a.search.json'), JSON.stringify({ tips: { 's--tip': [''] } }));
    await expect(buildIndex({ knowledgeDir: knowledge, outDir: await tempDir(), wordVectors })).rejects.toThrow(
      /a\.search\.json/,
    );
    await writeFile(
      join(knowledge, 'a.search.json'),
      JSON.stringify({ tips: {}, questions: { 's--renamed': ['x?'] } }),
    );
    await expect(buildIndex({ knowledgeDir: knowledge, outDir: await tempDir(), wordVectors })).rejects.toThrow(
      /example questions for unknown tip id "s--renamed"/,
    );
  });

  it('packs a question classifier trained on the example questions, and none without them', async () => {
    const knowledge = await tempDir();
    await writeFile(
      join(knowledge, 'a.md'),
      '### S\n\n- **Slots**: `__slots__` drops the per-instance dict.\n- **Weak**: weak references do not keep objects alive.\n',
    );
    const tablesOf = async () => {
      const out = await tempDir();
      await buildIndex({ knowledgeDir: knowledge, outDir: out, wordVectors });
      return PackedSections.read(await readFile(join(out, 'retrieval.bin')));
    };
    expect(QuestionClassifier.fromSections(await tablesOf())).toBeUndefined();

    const questions = {
      's--slots': ['millions of instances each carry a dict', 'how do I shrink my class instances'],
      's--weak': ['my cache keeps objects alive forever', 'a callback registry that leaks listeners'],
    };
    await writeFile(join(knowledge, 'a.search.json'), JSON.stringify({ tips: {}, questions }));
    const classifier = QuestionClassifier.fromSections(await tablesOf());
    expect(classifier?.classes.toArray()).toEqual(['s--slots', 's--weak']);
    const p = new Float64Array(2);
    // Read as the runtime reads a question: tokenized and stemmed ("instances" → instanc).
    expect(classifier?.probabilities(tokenize('so many instances'), p)).toBe(1);
    expect(p[0]).toBeGreaterThan(p[1] ?? 1);
  });
});

describe('loading an index', { timeout: BUILDS_MS }, () => {
  it('fails clearly when the query embedder is not the one the index was built with', async () => {
    const out = await tempDir();
    const { manifest } = await buildIndex({ knowledgeDir: KNOWLEDGE_DIR, outDir: out, wordVectors });
    const err = await loadIndexFromDisk(out, new HashedNgramEmbedder({ dimensions: 512 })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EmbedderMismatchError);
    expect(String(err)).toContain(manifest.embedder.id);
    expect(String(err)).toContain('hashed-ngram-v2-512');
  });

  it('fails clearly when there is no index', async () => {
    await expect(loadIndexFromDisk(join(await tempDir(), 'missing'))).rejects.toThrow(/npm run build:index/);
  });
});

describe('the committed knowledge', () => {
  // The SHA-256 of the user's guidance (../shared/guidance/python-memory-guidance.md) as it was given.
  const GUIDANCE_SHA256 = '8d4b0bf39df1464499e07dba989583ae6d4f32accc9a00211aed59bb70de6406';
  const shared = fileURLToPath(new URL('../../../shared/guidance/python-memory-guidance.md', import.meta.url));
  const readGuidance = () => readFile(join(KNOWLEDGE_DIR, 'python-memory-guidance.md'));

  it('is the guidance as the user gave it, byte for byte (its SHA-256)', async () => {
    expect(
      createHash('sha256')
        .update(await readGuidance())
        .digest('hex'),
    ).toBe(GUIDANCE_SHA256);
  });

  // A clone without the user's folder beside it (CI) has no ../shared: the pinned hash above still holds it.
  it.skipIf(!existsSync(shared))(
    'is the file in ../shared/guidance today (skipped when the checkout has no ../shared beside it)',
    async () => {
      expect((await readGuidance()).equals(await readFile(shared))).toBe(true);
    },
  );
});
