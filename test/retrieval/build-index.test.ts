import { createHash } from 'node:crypto';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildIndex } from '../../scripts/lib/build-index.js';
import { KNOWLEDGE_DIR } from '../../scripts/lib/paths.js';
import { loadIndexFromDisk } from '../../src/platform/node-index.js';
import { HashedNgramEmbedder } from '../../src/retrieval/hashed-ngram-embedder.js';
import { EmbedderMismatchError } from '../../src/retrieval/load-retriever.js';

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

const embedder = new HashedNgramEmbedder();

describe('buildIndex', () => {
  it('writes the vectra index, the BM25 index, the tips and a manifest', async () => {
    const out = await tempDir();
    const { built, manifest } = await buildIndex({ knowledgeDir: KNOWLEDGE_DIR, outDir: out, embedder });
    expect(built).toBe(true);
    expect((await readdir(out)).sort()).toEqual(['index.json', 'knowledge.json', 'lexical.json', 'manifest.json']);
    expect(manifest).toMatchObject({
      format: 1,
      embedder: { id: embedder.id, dimensions: embedder.dimensions },
      tipCount: 16,
      files: ['python-memory-guidance.md'],
    });
    expect(manifest.knowledgeHash).toMatch(/^[0-9a-f]{64}$/);
    const vectra = JSON.parse(await readFile(join(out, 'index.json'), 'utf8')) as { items: { id: string; vector: number[] }[] };
    expect(vectra.items).toHaveLength(16);
    expect(vectra.items.every((i) => i.vector.length === embedder.dimensions)).toBe(true);
  });

  it('is deterministic: two builds are byte for byte the same', async () => {
    const a = await tempDir();
    const b = await tempDir();
    await buildIndex({ knowledgeDir: KNOWLEDGE_DIR, outDir: a, embedder });
    await buildIndex({ knowledgeDir: KNOWLEDGE_DIR, outDir: b, embedder });
    expect(await folderHash(a)).toBe(await folderHash(b));
  });

  it('skips a current index, and rebuilds when the knowledge or the embedder changes', async () => {
    const knowledge = await tempDir();
    const out = await tempDir();
    await cp(KNOWLEDGE_DIR, knowledge, { recursive: true });
    await buildIndex({ knowledgeDir: knowledge, outDir: out, embedder });

    expect((await buildIndex({ knowledgeDir: knowledge, outDir: out, embedder, onlyIfStale: true })).built).toBe(false);

    const other = new HashedNgramEmbedder({ dimensions: 256 });
    const rebuilt = await buildIndex({ knowledgeDir: knowledge, outDir: out, embedder: other, onlyIfStale: true });
    expect(rebuilt.built).toBe(true);
    expect(rebuilt.manifest.embedder.id).toBe(other.id);

    await writeFile(
      join(knowledge, 'slots.md'),
      '### Classes\n\n- **Use `__slots__`**: Declaring `__slots__` avoids a per-instance `__dict__`.\n',
    );
    const grown = await buildIndex({ knowledgeDir: knowledge, outDir: out, embedder: other, onlyIfStale: true });
    expect(grown.built).toBe(true);
    expect(grown.manifest.tipCount).toBe(17);
    expect(grown.manifest.files).toEqual(['python-memory-guidance.md', 'slots.md']);

    const index = await loadIndexFromDisk(out, other);
    const [top] = await index.retriever.search('__slots__ per-instance dict', 1);
    expect(top?.tip.id).toBe('classes--use-slots');
  });

  it('refuses two tips with the same id', async () => {
    const knowledge = await tempDir();
    await writeFile(join(knowledge, 'a.md'), '### S\n\n- **Same**: one\n- **Same**: two\n');
    await expect(buildIndex({ knowledgeDir: knowledge, outDir: await tempDir(), embedder })).rejects.toThrow(
      /Duplicate tip id "s--same"/,
    );
  });
});

describe('loading an index', () => {
  it('fails clearly when the query embedder is not the one the index was built with', async () => {
    const out = await tempDir();
    await buildIndex({ knowledgeDir: KNOWLEDGE_DIR, outDir: out, embedder });
    const err = await loadIndexFromDisk(out, new HashedNgramEmbedder({ dimensions: 512 })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EmbedderMismatchError);
    expect(String(err)).toContain('hashed-ngram-v2-4096');
  });

  it('fails clearly when there is no index', async () => {
    await expect(loadIndexFromDisk(join(await tempDir(), 'missing'), embedder)).rejects.toThrow(/npm run build:index/);
  });
});

describe('the committed knowledge', () => {
  it('is the shared guidance, unchanged', async () => {
    const shared = new URL('../../../shared/guidance/python-memory-guidance.md', import.meta.url);
    const mine = await readFile(join(KNOWLEDGE_DIR, 'python-memory-guidance.md'));
    const theirs = await readFile(shared).catch(() => null);
    if (theirs === null) return; // a checkout without ../shared beside it has nothing to compare to
    expect(mine.equals(theirs)).toBe(true);
  });
});
