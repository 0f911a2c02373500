import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { parseNodeConfig } from '../../src/config.js';
import type { Tip } from '../../src/knowledge/types.js';
import { silentLogger } from '../../src/logger.js';
import { loadIndexFromDisk } from '../../src/platform/node/load-index.js';
import {
  DEEPER_UNIT_MARGIN,
  DEEPER_UNIT_ODDS,
  DEEPER_UNIT_SPECIFICITY,
  type ScoredTip,
} from '../../src/retrieval/hybrid-retriever.js';
import {
  FOLLOW_MARGIN,
  guidanceFirst,
  KnowledgeFilesError,
  PRIMARY_MARGIN,
  SPECIFICITY_MARGIN,
} from '../../src/retrieval/load-retriever.js';
import { BUILT_INDEX_DIR, builtIndex } from '../helpers/built-index.js';

const GUIDANCE = 'python-memory-guidance.md';
const COMPANION = 'python-memory-companion.md';
const full = await builtIndex();

describe('KNOWLEDGE_FILES: answers from chosen files only', () => {
  it('keeps the guidance alone: its 16 tips, without what the companion adds to them', async () => {
    const index = await loadIndexFromDisk(BUILT_INDEX_DIR, undefined, { files: [GUIDANCE] });
    expect(index.knowledge.tips).toHaveLength(16);
    for (const tip of index.knowledge.tips) {
      expect(tip).toMatchObject({ facets: [], references: [], extensions: [] });
      expect(tip.examples.every((e) => e.source?.file === GUIDANCE)).toBe(true);
    }
    // A companion-only topic has nothing to land on; the guidance's own topics still do.
    const mmap = await index.retriever.search('mmap.mmap memory-mapped file ACCESS_READ', 5);
    expect(mmap.every((s) => s.tip.source.file === GUIDANCE)).toBe(true);
    const [weak] = await index.retriever.search('weakref.ref', 1);
    expect(weak?.tip.id).toBe('avoid-memory-leaks--weak-references');
    expect(index.files.find((f) => f.name === COMPANION)?.enabled).toBe(false);
    expect(index.files.find((f) => f.name === GUIDANCE)?.enabled).toBe(true);
  });

  it('keeps the companion alone: its own units, the guidance left out', async () => {
    const index = await loadIndexFromDisk(BUILT_INDEX_DIR, undefined, { files: [COMPANION] });
    expect(index.knowledge.tips.length).toBe(full.knowledge.tips.length - 16);
    expect(index.knowledge.tips.every((t) => t.source.file === COMPANION && !t.primary)).toBe(true);
    const results = await index.retriever.search('WeakValueDictionary cache', 3);
    expect(results[0]?.tip.id).toBe('weakref--weakvaluedictionary');
    expect(results.every((s) => s.tip.source.file === COMPANION)).toBe(true);
  });

  it('is all files when unset or empty, and refuses a file the index was not built from, naming those it has', async () => {
    expect((await loadIndexFromDisk(BUILT_INDEX_DIR, undefined, { files: [] })).knowledge.tips).toHaveLength(
      full.knowledge.tips.length,
    );
    const err = await loadIndexFromDisk(BUILT_INDEX_DIR, undefined, { files: ['wiki.md'] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KnowledgeFilesError);
    expect(String(err)).toMatch(
      /KNOWLEDGE_FILES names "wiki\.md", which the index was not built from; its knowledge files are "python-memory-guidance\.md", "python-memory-companion\.md"/,
    );
  });

  it('shows on /healthz and /v1/tips: every file listed, the others not enabled, only chosen tips answer', async () => {
    const app = createApp({
      index: await loadIndexFromDisk(BUILT_INDEX_DIR, undefined, { files: [GUIDANCE] }),
      logger: silentLogger,
    });
    const health = (await (await app.request('/healthz')).json()) as {
      tips: number;
      files: { name: string; enabled: boolean }[];
    };
    expect(health.tips).toBe(16);
    expect(health.files.map((f) => [f.name, f.enabled])).toContainEqual([COMPANION, false]);
    const tips = (await (await app.request('/v1/tips')).json()) as { tips: { file: string }[] };
    expect(tips.tips.every((t) => t.file === GUIDANCE)).toBe(true);
    expect((await app.request('/v1/tips/weakref--finalize')).status).toBe(404);
  });

  it('is read from the environment as a comma-separated list of file names', () => {
    expect(parseNodeConfig({ KNOWLEDGE_FILES: ` ${GUIDANCE}, team-wiki.md ` }).KNOWLEDGE_FILES).toEqual([
      GUIDANCE,
      'team-wiki.md',
    ]);
    expect(parseNodeConfig({}).KNOWLEDGE_FILES).toEqual([]);
    expect(() => parseNodeConfig({ KNOWLEDGE_FILES: '../etc/passwd' })).toThrow(/KNOWLEDGE_FILES/);
  });
});

describe('guidanceFirst', () => {
  const tip = (id: string, primary: boolean) => ({ id, primary }) as Tip;
  const scored = (id: string, primary: boolean, score: number) => ({ tip: tip(id, primary), score }) as ScoredTip;
  /** Scored tips that match each of `words` (all weighted 1) as much as `matches` says. */
  const matchingWords = (words: string[]) => (id: string, primary: boolean, score: number, matches: number[]) =>
    ({
      tip: tip(id, primary),
      score,
      coverage: matches.reduce((a, b) => a + b, 0) / matches.length,
      words: { words, weights: words.map(() => 1), matches },
    }) as unknown as ScoredTip;

  it('moves guidance tips within the margin of a better companion unit ahead of it, keeping their order and the best score', () => {
    const input = [
      scored('companion', false, 0.8),
      scored('guide-a', true, 0.75),
      scored('guide-b', true, 0.72),
      scored('guide-c', true, 0.6),
    ];
    const out = guidanceFirst(input, 0.1);
    expect(out.map((s) => [s.tip.id, s.score])).toEqual([
      ['companion', 0.8],
      ['guide-a', 0.8001],
      ['guide-b', 0.7701],
      ['guide-c', 0.6],
    ]);
  });

  it('changes nothing when the guidance leads already, is out of the margin, or the margin is 0', () => {
    const leads = [scored('guide', true, 0.8), scored('companion', false, 0.79)];
    expect(guidanceFirst(leads, 0.1)).toEqual(leads);
    const far = [scored('companion', false, 0.8), scored('guide', true, 0.65)];
    expect(guidanceFirst(far, 0.1)).toEqual(far);
    expect(guidanceFirst([scored('companion', false, 0.8), scored('guide', true, 0.79)], 0)).toEqual([
      scored('companion', false, 0.8),
      scored('guide', true, 0.79),
    ]);
  });

  it('keeps a unit of another file first when it matches words of the question the guidance tips near it do not (it is more specific), with them right after it', () => {
    const matching = matchingWords(['freeze', 'fork', 'collector']);
    const ids = (list: ScoredTip[]) => [...list].sort((a, b) => b.score - a.score).map((s) => `${s.tip.id} ${s.score}`);
    // gc.freeze names "freeze" and "fork", which the gc module tip does not: a third of the question beyond it.
    const specific = [
      matching('gc-freeze', false, 0.8, [1, 1, 1]),
      matching('other', false, 0.78, [0, 1, 0]),
      matching('gc-module', true, 0.76, [0, 0, 1]),
    ];
    expect(ids(guidanceFirst(specific, 0.15, 0.05))).toEqual(['gc-freeze 0.8', 'gc-module 0.7999', 'other 0.78']);
    // The same words, a little better matched (under 5% of the question beyond): the guidance goes first.
    const asBroad = [matching('companion', false, 0.8, [1, 0.1, 1]), matching('guide', true, 0.76, [1, 0, 1])];
    expect(guidanceFirst(asBroad, 0.15, 0.05).map((s) => s.tip.id === 'guide' && s.score)).toContain(0.8001);
    // Beyond *every* guidance tip near it: what one of them matches does not count.
    const shared = [
      matching('companion', false, 0.8, [1, 1, 0]),
      matching('guide-a', true, 0.76, [1, 0, 0]),
      matching('guide-b', true, 0.7, [0, 1, 0]),
    ];
    expect(guidanceFirst(shared, 0.15, 0.05).find((s) => s.tip.id === 'guide-a')?.score).toBe(0.8001);
    // Without word matches (no coverage signal), the coverages are compared.
    const covering = (id: string, primary: boolean, score: number, coverage: number) =>
      ({ tip: tip(id, primary), score, coverage }) as ScoredTip;
    const wider = [covering('companion', false, 0.8, 0.6), covering('guide', true, 0.76, 0.3)];
    expect(ids(guidanceFirst(wider, 0.15, 0.05))).toEqual(['companion 0.8', 'guide 0.7999']);
    expect(SPECIFICITY_MARGIN).toBe(0.01);
  });

  it('after a more specific unit, lifts only the guidance tips within the follow margin of it', () => {
    const matching = matchingWords(['getsizeof', 'total', 'memory']);
    const ranked = [
      matching('deep-size', false, 0.9, [1, 1, 1]),
      matching('shallow', false, 0.78, [1, 0, 1]),
      matching('close-guide', true, 0.8, [0, 0, 1]),
      matching('far-guide', true, 0.72, [0, 0, 1]),
    ];
    const order = (list: ScoredTip[]) => [...list].sort((a, b) => b.score - a.score).map((s) => s.tip.id);
    // In a 0.2 window both guidance tips are within it; only the one within 0.15 of the best follows
    // it, the other stays behind the second specific unit. With a follow margin as wide as the window, both follow.
    expect(order(guidanceFirst(ranked, 0.2, 0.02, 0.15))).toEqual(['deep-size', 'close-guide', 'shallow', 'far-guide']);
    expect(order(guidanceFirst(ranked, 0.2, 0.02, 0.2))).toEqual(['deep-size', 'close-guide', 'far-guide', 'shallow']);
    expect(FOLLOW_MARGIN).toBe(0.15);
  });

  it('ranks the guidance first in the loaded retriever by default', async () => {
    expect(PRIMARY_MARGIN).toBe(0.15);
    // Weak References and `gc.get_referrers` tie; the guidance tip answers, so it goes first.
    const [best, next] = await full.retriever.search('how to point at an object without keeping it alive', 2);
    expect(best?.tip.id).toBe('avoid-memory-leaks--weak-references');
    expect(next?.tip.id).toBe('gc--get-referrers');
    // A question about the API a companion unit deepens goes to that unit: the guidance tip's search
    // phrases name only what its own line says (`weakref`), not `WeakValueDictionary`.
    const [specific] = await full.retriever.search('WeakValueDictionary for a cache', 1);
    expect(specific?.tip.id).toBe('weakref--weakvaluedictionary');
  });

  it('puts a unit of another file before the guidance tip ranked first only when it scores close, the classifier finds it far likelier, and it names more of the question', async () => {
    expect([DEEPER_UNIT_MARGIN, DEEPER_UNIT_ODDS, DEEPER_UNIT_SPECIFICITY]).toEqual([0.08, 2.25, 0.05]);
    // The tip on efficient data structures and the unit on growing an array once score alike; the
    // unit is what the question is about (np.concatenate in a loop), so it goes first, by 0.0001.
    const [grow, tip] = await full.retriever.search(
      'np.concatenate inside a loop makes building my array slow and memory hungry',
      2,
    );
    expect(grow?.tip.id).toBe('numpy--grow-once');
    expect(tip?.tip.id).toBe('manage-large-data-sets-efficiently--use-efficient-data-structures');
    expect(Math.round(((grow?.score ?? 0) - (tip?.score ?? 0)) * 1e4)).toBe(1);
    // The same for in-place numpy arithmetic and its unit.
    const [inPlace] = await full.retriever.search('inplace numpy operations to avoid a copy of a huge array', 1);
    expect(inPlace?.tip.id).toBe('numpy--in-place-operations');
    // A unit need not deepen the tip it passes: `weakref.finalize` before Reference Counting.
    const [finalize, refcount] = await full.retriever.search(
      'use atexit instead of __del__ to delete temp dirs when the server closes',
      2,
    );
    expect(finalize?.tip.id).toBe('weakref--finalize');
    expect(refcount?.tip.id).toBe('understand-python-s-memory-management--reference-counting');
    // The classifier alone would move Chunking behind the mmap unit (it finds it three times as
    // likely), but the unit neither scores close nor names more of the question: the tip stays.
    const [slurp] = await full.retriever.search('my script eats all my RAM when I slurp a 10 GB log', 1);
    expect(slurp?.tip.id).toBe('manage-large-data-sets-efficiently--chunking');
  });

  it('puts a unit that names an API of the question the guidance tip does not (and few units name) before the tip', async () => {
    const first = async (question: string) => (await full.retriever.search(question, 1))[0]?.tip.id;
    // Real tuning-only questions: sima#61, calcure#72, numpy#24169.
    expect(
      await first(
        'replace chain(*iterable) with chain.from_iterable(iterable)\nThe latter is much more memory efficient.',
      ),
    ).toBe('iteration--itertools');
    expect(
      await first(
        'Use StringIO instead of string concatenation. This may bring a *huge* performance benefit while loading a large .ics file for platforms where the creation of a new string object is costly.',
      ),
    ).toBe('strings--stringio');
    // `read_csv` is named by three units: it says which topic, not which unit, so the tips stay
    // (pandas#61783; a code question of questions.json).
    expect(await first('PERF: Unnecessary string interning in read_csv?')).toBe(
      'optimize-string-usage--interning-strings',
    );
    expect(await first("pd.read_csv('big.csv', chunksize=100000)")).toBe(
      'manage-large-data-sets-efficiently--chunking',
    );
  });
});
