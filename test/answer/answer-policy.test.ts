import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ANSWER_OPTIONS, type AnswerSettings } from '../../src/answer/answer-options.js';
import {
  answerConfidence,
  composeDecision,
  decide,
  DEEPER_UNIT_SCOPE_SCORE,
  candidateWindow,
  HIGH_CONFIDENCE_MEMORY_ANGLE,
  LEAD_RANK,
  leadOf,
  MAX_RELATED,
} from '../../src/answer/answer-policy.js';
import { answerQuestion } from '../../src/answer/answer-question.js';
import {
  abstention,
  knowledgeCovers,
  MAX_LISTED_SECTIONS,
  novelty,
  renderAnswer,
  selectCitations,
} from '../../src/answer/extractive-answer.js';
import type { ScoredTip } from '../../src/retrieval/hybrid-retriever.js';
import type { ScopeReading } from '../../src/retrieval/scope.js';
import { builtIndex } from '../helpers/built-index.js';

const index = await builtIndex();
const tips = index.knowledge.tips;
const tip = (id: string) => {
  const found = tips.find((t) => t.id === id);
  if (!found) throw new Error(id);
  return found;
};
const ask = (question: string, k?: number) =>
  answerQuestion(index, DEFAULT_ANSWER_OPTIONS, { question, ...(k ? { k } : {}) });

const WORDS = ['build', 'string', 'memory'];
const WEIGHTS = [1, 1, 1];
/** A scored tip with the given score and share of each of WORDS it explains. */
function scored(id: string, score: number, matches: number[], extra: Partial<ScoredTip> = {}): ScoredTip {
  const coverage = matches.reduce((a, b) => a + b, 0) / matches.length;
  return {
    tip: tip(id),
    score,
    vectorScore: score,
    lexicalScore: score,
    coverage,
    notCovered: 0,
    uncovered: 0,
    words: { words: WORDS, weights: WEIGHTS, matches },
    ...extra,
  };
}
const reading = (over: Partial<ScopeReading> = {}): ScopeReading => ({
  python: { score: 2, cues: ['python'] },
  memory: { score: 3, cues: ['memory'] },
  notMemory: { score: 0, cues: [] },
  codeShare: 0,
  ...over,
});
const settings: AnswerSettings = {
  ...DEFAULT_ANSWER_OPTIONS,
  minScore: 0.3,
  relativeCutoff: 0.5,
  minNovelty: 0.3,
  related: { margin: 0.1, floor: 0.15 },
};

const CONCAT = 'optimize-string-usage--string-concatenation';
const INTERN = 'optimize-string-usage--interning-strings';
const PROFILE = 'monitor-and-profile-memory-usage--memory-profiling-tools';
const VIEWS = 'numpy--views-and-copies';

describe('citations that earn their place', () => {
  it('cites a further tip only when it scores close to the first and explains words the first does not', () => {
    const first = scored(CONCAT, 0.8, [1, 1, 0]);
    const same = scored(INTERN, 0.7, [1, 1, 0]);
    const other = scored(PROFILE, 0.6, [0, 0, 1]);
    const far = scored(PROFILE, 0.3, [0, 0, 1]);
    expect(novelty(same, [first])).toBe(0);
    expect(novelty(other, [first])).toBeCloseTo(1 / 3);
    expect(selectCitations([first, same, other], { ...settings, k: 3 }).map((s) => s.tip.id)).toEqual([
      CONCAT,
      PROFILE,
    ]);
    expect(selectCitations([first, far], { ...settings, k: 3 }).map((s) => s.tip.id)).toEqual([CONCAT]);
  });

  it('cites a unit beside the first when the question has its `beside` words and the first is a unit it `see`s', () => {
    const COMPARE = 'leaks--tracemalloc-compare-to';
    expect(tip(COMPARE).see).toContain(PROFILE);
    expect(tip(COMPARE).beside).toContain('leak');
    const first = scored(PROFILE, 0.6, [0, 1, 1]);
    // The same words as the first: no novelty, cited only for being beside it.
    const beside = scored(COMPARE, 0.5, [0, 1, 1], { besideAsked: true });
    expect(novelty(beside, [first])).toBe(0);
    const ids = (ranked: ScoredTip[], k = 3) => selectCitations(ranked, { ...settings, k }).map((s) => s.tip.id);
    expect(ids([first, scored(INTERN, 0.55, [1, 0, 0]), beside])).toEqual([PROFILE, COMPARE, INTERN]);
    expect(ids([first, beside], 1)).toEqual([PROFILE]);
    // Without its words in the question, under the floor, or beside a unit it does not `see`: not cited.
    expect(ids([first, scored(COMPARE, 0.5, [0, 1, 1])])).toEqual([PROFILE]);
    expect(ids([first, scored(COMPARE, 0.25, [0, 1, 1], { besideAsked: true })])).toEqual([PROFILE]);
    expect(ids([scored(CONCAT, 0.6, [0, 1, 1]), beside])).toEqual([CONCAT]);
    // A question of two kinds gets both units, best first, up to k: "cv2.VideoCapture leaks memory".
    const native = scored('leaks--native-memory-memray', 0.45, [0, 1, 1], { besideAsked: true });
    expect(ids([first, beside, native])).toEqual([PROFILE, COMPARE, 'leaks--native-memory-memray']);
    expect(ids([first, beside, native], 2)).toEqual([PROFILE, COMPARE]);
  });

  it('answers a real report of growing memory with the guidance tip on profiling tools, and the unit on comparing snapshots beside it', async () => {
    // From the tuning-only set: the generic tip alone was the commonest shortfall two judges found (docs/answers.md).
    const answer = await ask('Memory Leaks After every request the RAM usage grows');
    expect(answer.citations.map((c) => c.id)).toEqual([PROFILE, 'leaks--tracemalloc-compare-to']);
    expect(answer.answer).toContain("after.compare_to(before, 'lineno')");
  });

  it('cites the unit on native memory beside a leak-finding unit when the question names a C-extension library', async () => {
    // Judged on fresh real questions (test/eval/answers-compared.json): Pillow, OpenCV and TensorFlow leaks got
    // tracemalloc alone, which does not see their buffers. Whatever its rank: for "tensorflow predict() in a
    // loop leaks memory" it ranks below sixth, and retrieval returns it after the others (`HybridRetriever.search`).
    for (const question of [
      'Memory leak with PIL: RSS keeps growing when I open thousands of images, tracemalloc shows nothing',
      'cv2.VideoCapture in a loop leaks memory',
      'tensorflow predict() in a loop leaks memory',
    ]) {
      const answer = await ask(question);
      expect(
        answer.citations.map((c) => c.id),
        question,
      ).toEqual(['leaks--tracemalloc-compare-to', 'leaks--native-memory-memray']);
    }
    // Without a native library named, the snapshot unit stays alone beside the tip.
    const plain = await ask('Memory Leaks After every request the RAM usage grows');
    expect(plain.citations.map((c) => c.id)).not.toContain('leaks--native-memory-memray');
    // A real report (test/eval/answers-compared-6.json, judged misleading by both judges when it got
    // tracemalloc alone): the native-memory unit ranked below sixth.
    const { items } = JSON.parse(
      await readFile(new URL('../eval/answers-compared-6.json', import.meta.url), 'utf8'),
    ) as { items: { source: string; question: string }[] };
    const report = items.find((i) => i.source === 'https://github.com/opencv/opencv/issues/21985')?.question ?? '';
    const ranked = await index.retriever.search(report, candidateWindow(3));
    expect(ranked.slice(0, LEAD_RANK).map((s) => s.tip.id)).not.toContain('leaks--native-memory-memray');
    expect((await ask(report)).citations.map((c) => c.id)).toContain('leaks--native-memory-memray');
  });

  it('treats k as a maximum, never a quota', () => {
    const ranked = [scored(CONCAT, 0.8, [1, 0, 0]), scored(INTERN, 0.75, [0, 1, 0]), scored(PROFILE, 0.7, [0, 0, 1])];
    expect(selectCitations(ranked, { ...settings, k: 1 })).toHaveLength(1);
    expect(selectCitations(ranked, { ...settings, k: 2 })).toHaveLength(2);
    expect(selectCitations(ranked, { ...settings, k: 5 })).toHaveLength(3);
  });

  it('shows the first tip’s examples of what it quotes, and a further tip’s only when they share a word with the question', () => {
    const answer = renderAnswer([scored(CONCAT, 0.8, [1, 1, 0]), scored(PROFILE, 0.6, [0, 0, 1])], {
      question: 'how do I build a string?',
      asked: 'how',
    });
    // Its own example and the examples of the `how` it quotes; none of the further tip's.
    const own = tip(CONCAT).examples.filter((e) => e.facet === undefined || e.facet === 'how');
    expect(answer.examples.map((e) => e.code)).toEqual(own.map((e) => e.code));
    expect(answer.examples.every((e) => e.citation === CONCAT)).toBe(true);
    const both = renderAnswer(
      [scored(CONCAT, 0.8, [1, 1, 0]), scored(PROFILE, 0.6, [0, 0, 1])],
      'build a string and profile it with memory_profiler',
    );
    expect(both.examples.some((e) => e.citation === PROFILE)).toBe(true);
  });

  it('cites one tip for a question one tip answers, even with k = 3', async () => {
    const answer = await ask('how do I build a big string efficiently?', 3);
    expect(answer.citations.map((c) => c.id)).toEqual([CONCAT]);
  });
});

describe('what an abstention says the knowledge covers', () => {
  const sections = [...new Set(tips.map((t) => t.section))];

  it(`names at most ${MAX_LISTED_SECTIONS} sections, the guidance's first, then how many more`, () => {
    expect(sections.length).toBeGreaterThan(MAX_LISTED_SECTIONS);
    const covers = knowledgeCovers(tips);
    expect(covers.startsWith(`${sections.slice(0, MAX_LISTED_SECTIONS).join('; ')}; and `)).toBe(true);
    expect(covers.endsWith(`and ${sections.length - MAX_LISTED_SECTIONS} more topics`)).toBe(true);
    expect(covers.startsWith("Understand Python's Memory Management; Use Built-in Data Structures Wisely")).toBe(true);
  });

  it('names every section of a knowledge that has few', () => {
    const guidance = tips.filter((t) => t.source.file === 'python-memory-guidance.md');
    const own = [...new Set(guidance.map((t) => t.section))];
    expect(own.length).toBeLessThanOrEqual(MAX_LISTED_SECTIONS);
    expect(knowledgeCovers(guidance)).toBe(own.join('; '));
  });

  it('keeps a refusal short whatever the size of the knowledge', () => {
    // An operator's wiki: hundreds of sections.
    const wiki = Array.from({ length: 600 }, (_, i) => ({ ...tip(tips[0]?.id ?? ''), section: `Wiki page ${i}` }));
    const { answer } = abstention('other_runtime', wiki);
    expect(answer).toContain('Wiki page 11; and 588 more topics.');
    expect(answer).not.toContain('Wiki page 12');
    expect(answer.length).toBeLessThan(600);
  });
});

describe('decide', () => {
  const ranked = [scored(CONCAT, 0.8, [1, 1, 0]), scored(PROFILE, 0.4, [0, 0, 1])];

  it('turns away another runtime first, whatever the tips score', () => {
    const other = reading({
      runtime: { id: 'jvm', label: 'Java and the JVM', score: 6, cues: ['-Xmx'] },
      python: { score: 0, cues: [] },
    });
    expect(decide({ scope: other, ranked, k: 3 }, settings)).toMatchObject({
      kind: 'abstain',
      reason: 'other_runtime',
      runtime: { id: 'jvm' },
    });
  });

  it('turns away a question with no memory angle: `not_memory` when it is about Python, `out_of_scope` otherwise', () => {
    const noAngle = { memory: { score: 0, cues: [] }, notMemory: { score: 2, cues: ['TypeError'] } };
    expect(decide({ scope: reading(noAngle), ranked, k: 3 }, settings)).toEqual({
      kind: 'abstain',
      reason: 'not_memory',
    });
    const lowCoverage = ranked.map((s) => ({ ...s, coverage: 0 }));
    expect(
      decide({ scope: reading({ ...noAngle, python: { score: 0, cues: [] } }), ranked: lowCoverage, k: 3 }, settings),
    ).toEqual({
      kind: 'abstain',
      reason: 'out_of_scope',
    });
  });

  it('answers as related when a not-covered memory topic explains the question better than the tips', () => {
    const uncovered = ranked.map((s) => ({ ...s, uncovered: 0.2 }));
    const decision = decide({ scope: reading(), ranked: uncovered, k: 3 }, settings);
    expect(decision.kind).toBe('related');
    if (decision.kind !== 'related') return;
    expect(decision.related.length).toBeLessThanOrEqual(MAX_RELATED);
    const composed = composeDecision(decision, settings, { allTips: tips, question: 'q' });
    expect(composed).toMatchObject({
      coverage: 'related',
      abstained: true,
      confidence: 'low',
      citations: [],
      abstainReason: 'low_similarity',
    });
    expect(composed.answer).toContain("doesn't cover this question");
    expect(composed.answer).toContain('related, not an answer');
    expect(composed.related?.map((r) => r.id)).toEqual(decision.related.map((s) => s.tip.id));
  });

  it('answers when the best tip reaches minScore, with coverage `answer`', () => {
    const decision = decide({ scope: reading(), ranked, k: 3 }, settings);
    expect(decision).toMatchObject({ kind: 'answer' });
    expect(composeDecision(decision, settings, { allTips: tips, question: 'build a string' })).toMatchObject({
      coverage: 'answer',
      abstained: false,
    });
  });

  it('answers at most `medium` when the memory angle is only a hint, whatever the score', async () => {
    expect(HIGH_CONFIDENCE_MEMORY_ANGLE).toBe(2);
    const strong = [scored(CONCAT, 0.95, [1, 1, 1])];
    const hint = reading({ memory: { score: 1, cues: ['instead of'] } });
    const plain = decide({ scope: reading(), ranked: strong, k: 3 }, settings);
    if (plain.kind !== 'answer') throw new Error(plain.kind);
    expect(answerConfidence(plain, settings)).toBe('high');
    const capped = decide({ scope: hint, ranked: strong, k: 3 }, settings);
    expect(capped).toMatchObject({ kind: 'answer', weakMemoryAngle: true });
    expect(composeDecision(capped, settings, { allTips: tips, question: 'x' }).confidence).toBe('medium');
    // A real question with no memory angle but a tip's words (a tuning-only one, from Stack Overflow).
    const join = await ask('Why is it string.join(list) instead of list.join(string)?');
    expect(join.citations[0]?.score).toBeGreaterThanOrEqual(DEFAULT_ANSWER_OPTIONS.confidence.high);
    expect(join.confidence).toBe('medium');
    expect((await ask('Use __slots__ to reduce memory footprint')).confidence).toBe('high');
  });

  it('answers `low` when a `medium` score barely leads the sixth unit: the match is on words many units share', async () => {
    const { minLead } = DEFAULT_ANSWER_OPTIONS.confidence;
    expect(minLead).toBeGreaterThan(0);
    const others = [INTERN, PROFILE, VIEWS, 'numpy--dtypes', 'numpy--grow-once'];
    const flat = [scored(CONCAT, 0.6, [1, 1, 1]), ...others.map((id) => scored(id, 0.6 - minLead / 2, [0, 0, 1]))];
    const ahead = [scored(CONCAT, 0.6, [1, 1, 1]), ...others.map((id) => scored(id, 0.6 - 2 * minLead, [0, 0, 1]))];
    const decided = (ranked: ScoredTip[]) => {
      const d = decide({ scope: reading(), ranked, k: 3 }, DEFAULT_ANSWER_OPTIONS);
      if (d.kind !== 'answer') throw new Error(d.kind);
      return d;
    };
    expect(leadOf(flat)).toBeCloseTo(minLead / 2, 6);
    expect(answerConfidence(decided(flat), DEFAULT_ANSWER_OPTIONS)).toBe('low');
    expect(answerConfidence(decided(ahead), DEFAULT_ANSWER_OPTIONS)).toBe('medium');
    // Fewer units than LEAD_RANK matched: the best leads by its whole score.
    expect(leadOf(flat.slice(0, LEAD_RANK - 1))).toBe(0.6);
    // A `high` score is not lowered by its lead.
    const high = flat.map((s, i) => ({ ...s, score: i === 0 ? 0.95 : 0.95 - minLead / 2 }));
    expect(answerConfidence(decided(high), DEFAULT_ANSWER_OPTIONS)).toBe('high');
    // The service searches far enough to measure the lead whatever k is.
    expect(candidateWindow(1)).toBe(LEAD_RANK);
    // A real report whose words many units share (a fresh GitHub issue, judged not helpful by two
    // judges: test/eval/answers-compared-4.json): `low`, and every channel says so.
    const record = JSON.parse(await readFile(new URL('../eval/answers-compared-4.json', import.meta.url), 'utf8')) as {
      items: { question: string; source: string }[];
    };
    const boto = record.items.find((i) => i.source === 'https://github.com/boto/boto3/issues/2176');
    expect((await ask(boto?.question ?? '')).confidence).toBe('low');
  });

  it('answers a question with no memory words either way when a deeper unit matches it strongly', () => {
    expect(DEFAULT_ANSWER_OPTIONS.scope.notMemory).toBeGreaterThan(0); // angle 0 is `not_memory`
    const silent = reading({ memory: { score: 0, cues: [] } });
    const deeper = (score: number) => [scored(VIEWS, score, [1, 1, 0]), scored(PROFILE, 0.3, [0, 0, 1])];
    const at = DEFAULT_ANSWER_OPTIONS;
    expect(decide({ scope: silent, ranked: deeper(DEEPER_UNIT_SCOPE_SCORE), k: 3 }, at)).toMatchObject({
      kind: 'answer',
      weakMemoryAngle: true,
    });
    expect(decide({ scope: silent, ranked: deeper(DEEPER_UNIT_SCOPE_SCORE - 0.01), k: 3 }, at)).toMatchObject({
      kind: 'abstain',
      reason: 'not_memory',
    });
    // A guidance tip's match does not count, nor does a deeper unit's against no-memory evidence.
    const guidance = [scored(CONCAT, 0.9, [1, 1, 0])];
    expect(decide({ scope: silent, ranked: guidance, k: 3 }, at)).toMatchObject({ kind: 'abstain' });
    const against = reading({ memory: { score: 0, cues: [] }, notMemory: { score: 1, cues: ['TypeError'] } });
    expect(decide({ scope: against, ranked: deeper(0.9), k: 3 }, at)).toMatchObject({ kind: 'abstain' });
  });

  it('says related, not abstain, for a clear memory question whose tips all score under minScore', () => {
    const weak = [scored(PROFILE, 0.25, [0, 0, 1]), scored(CONCAT, 0.1, [0, 1, 0])];
    const decision = decide(
      { scope: reading({ memory: { score: 6, cues: ['memory', 'leak'] } }), ranked: weak, k: 3 },
      settings,
    );
    expect(decision).toMatchObject({ kind: 'related' });
  });
});

describe('answers on real questions (through answerQuestion)', () => {
  it.each([
    ['How to increase the Java heap memory? I need -Xmx for my jar', 'other_runtime'],
    ['JavaScript heap out of memory when running npm run build', 'other_runtime'],
    ['How can I split a list into N equal parts in Python?', 'not_memory'],
    ["What's the difference between a tuple and a list in python? Why are tuples immutable?", 'not_memory'],
  ])('%s → abstains, %s', async (question, reason) => {
    const answer = await ask(question);
    expect(answer).toMatchObject({
      abstained: true,
      coverage: 'none',
      abstainReason: reason,
      confidence: 'low',
      citations: [],
    });
    expect(answer.answer).toContain("doesn't cover this question");
  });

  it('names the other runtime it saw', async () => {
    expect((await ask('How to increase the Java heap memory? I need -Xmx for my jar')).answer).toContain('Java');
    // A language of the catch-all runtime by its own name, not as "another programming language".
    expect((await ask('Error: cannot allocate vector of size 2.5 Gb when I merge two data frames')).answer).toContain(
      'This looks like a question about R, not about memory in Python (CPython)',
    );
  });

  // Real tuning questions with no memory words: a deeper unit answers the first two (tuning-only
  // set: silx-kit/silx#232, syntaxfix.com 53889), only a guidance tip matches the others (tuning
  // half: syntaxfix.com 26363, Stack Overflow 11458239).
  it.each([
    ['Using reshape to get a reshaped view without modifying the input data.', 'numpy--views-and-copies'],
    ['"Least Astonishment" and the Mutable Default Argument', 'lifetimes--mutable-default-argument'],
  ])('%s → answered from the deeper unit, at most medium', async (question, unit) => {
    const answer = await ask(question);
    expect(answer).toMatchObject({ abstained: false, coverage: 'answer' });
    expect(answer.citations[0]?.id).toBe(unit);
    expect(answer.confidence).not.toBe('high');
  });

  it.each(['Python function global variables?', 'How to change values in a tuple?'])(
    '%s → not_memory, though a guidance tip shares its words',
    async (question) => {
      expect(await ask(question)).toMatchObject({ abstained: true, abstainReason: 'not_memory' });
    },
  );

  it('a contraction is no topic: "we\'re" once read as `re`, the regular-expression cache (gnocchixyz/gnocchi#96)', async () => {
    const answer = await ask("use generators when possible minimise the amount of lists we're putting into memory");
    expect(answer).toMatchObject({ abstained: false, coverage: 'answer' });
  });

  it('"compile" alone is not the regular-expression cache (inmanta/inmanta-core#10667)', async () => {
    const answer = await ask('Relax cyclic GC thresholds during a compile');
    expect(answer).toMatchObject({ coverage: 'answer' });
    expect(answer.citations[0]?.id).toBe('gc--set-threshold');
    expect(await ask('Does the re.compile cache of regular expressions keep every pattern in memory?')).toMatchObject({
      coverage: 'related',
    });
  });

  it.each([
    // Found by trying the service (2026-12-06): Chunking (through "process") and the profiling tip answered them before
    // the units' search phrases said it this way.
    ['why is my Python process using more memory after fork?', 'gc--freeze-before-fork'],
    ['tracemalloc shows 50MB but top shows 2GB', 'freeing--rss-versus-python-heap'],
    // (2026-12-06) the pandas `memory_usage(deep=True)` unit answered this one, the commonest size question.
    ['how much memory does an object use', 'object-sizes--deep-size'],
    ['size of a variable in python', 'object-sizes--deep-size'],
    // (2026-12-06, session 39) Tried by hand: the tip on local variables, the list and dict sizes tip, the unit on
    // gc.freeze (through "app") and the unit on `__slots__` answered these before the units' search phrases said it so.
    ['how do I check how much memory a variable uses', 'object-sizes--deep-size'],
    [
      "Why does Python's memory usage not decrease after deleting a large list?",
      'freeing--memory-not-returned-to-the-os',
    ],
    ['Why does my Flask app memory keep growing?', 'leaks--tracemalloc-compare-to'],
    ['itertools to save memory', 'iteration--itertools'],
    // Names the knowledge writes only as code count as named APIs (NamedApiIndex.namedIn): the guidance's tip on
    // profiling tools and its tip on efficient data structures answered these before.
    ['can itertools reduce memory usage', 'iteration--itertools'],
    ['numpy memmap', 'binary--mmap'],
    // The unit on `mmap` opens only on words about mapping (its `when:`): before, it outranked Chunking and the tip on
    // `with` for any question about reading a whole file (real questions of the tuning-only set).
    ['Read file in chunks instead of reading it in memory at once?', 'manage-large-data-sets-efficiently--chunking'],
    [
      // As asked (a tie with Chunking when cut after "memory": 0.677 against 0.678 since 2026-12-06).
      'Remove readlines to avoid memory blowup The `readlines()` functions loads the whole file into memory before it even starts iterating over the lines.',
      'optimize-code-for-memory-efficiency--use-with-statement-for-file-operations',
    ],
    ['should I mmap a 20 GB file instead of reading it?', 'binary--mmap'],
    // Tried by hand (session 39): the pandas unit on memory_usage (a tie with the profiling tip, "check"), Interning
    // Strings, the tip on local variables and the mmap unit (through "binary file") answered these.
    ['How do I check memory usage of my python script?', 'leaks--memory-profiler'],
    ['Are Python strings stored as UTF-8 internally?', 'object-sizes--string-sizes'],
    ['How to delete a variable from memory?', 'understand-python-s-memory-management--reference-counting'],
    ['How to read a binary file in chunks?', 'manage-large-data-sets-efficiently--chunking'],
    // The unit on millions of records (through "millions") and the tip on weak references answered these.
    ['How do I store millions of integers efficiently?', 'binary--array-module'],
    ["how can I tell what's holding a reference to my object", 'gc--get-referrers'],
  ])('%s → %s first', async (question, unit) => {
    const answer = await ask(question);
    expect(answer.citations[0]?.id).toBe(unit);
  });

  it('my Flask app leaks memory: in scope, answered', async () => {
    const answer = await ask('my Flask app leaks memory, how do I find where?');
    expect(answer).toMatchObject({ abstained: false, coverage: 'answer' });
  });

  it('a Python memory question no unit answers (async generators, a real question: python/cpython#85158) → related coverage, at most two related tips, low confidence', async () => {
    const answer = await ask('Async generators are not garbage collected');
    expect(answer).toMatchObject({ coverage: 'related', abstained: true, confidence: 'low', citations: [] });
    expect(answer.related?.length).toBeGreaterThan(0);
    expect(answer.related?.length).toBeLessThanOrEqual(2);
    expect(answer.answer).toContain("doesn't cover this question");
  });
});
