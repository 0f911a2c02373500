/**
 * The score-identity fixture (test/retrieval/score-fixture.json): every tip's scores, as
 * `retriever.scoreAll` returns them, for every question of the eval sets and a few probes that
 * reach the rarer paths (typos that only fuzzy BM25 matches, a pasted snippet long enough to be
 * compacted, words no table knows). Retrieval's speed-ups must leave every one of these numbers
 * bit-identical; test/retrieval/score-identity.test.ts checks it, `npm run fixture:retrieval`
 * writes it again (after a knowledge change, which changes the scores on purpose).
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { LoadedIndex } from '../../src/retrieval/load-retriever.js';
import type { ScoredTip } from '../../src/retrieval/hybrid-retriever.js';

/** The command that rewrites the fixture; the test names it when the knowledge moved on. */
export const FIXTURE_COMMAND = 'npm run fixture:retrieval';

export const FIXTURE_FILE = new URL('../../test/retrieval/score-fixture.json', import.meta.url);

const QUESTION_FILES = ['questions.json', 'holdout.json', 'real-questions.json'].map(
  (name) => new URL(`../../test/eval/${name}`, import.meta.url),
);

/**
 * One query's scores. `tips[i]` is the i-th tip of `RetrievalFixture.tipIds`:
 * `[score, vectorScore, lexicalScore, coverage]` in units of 1e-4 (the retriever rounds every
 * score to 4 decimals, so `n / 1e4` is the very number it returned), or `0` when all four are 0. `matches` is a
 * digest of every tip's per-word matches (Float32 bytes, tip order; `-` where a tip has none),
 * which citations read: checked exactly, too long to keep readable.
 */
export interface FixtureQuery {
  readonly query: string;
  readonly notCovered: number;
  readonly uncovered: number;
  readonly words: readonly string[] | null;
  readonly weights: readonly number[] | null;
  readonly tips: readonly (readonly [number, number, number, number] | 0)[];
  readonly matches: string;
}

export interface RetrievalFixture {
  readonly $comment: string;
  /** `manifest.knowledgeHash` of the index the scores come from. */
  readonly knowledgeHash: string;
  readonly embedder: string;
  readonly tipIds: readonly string[];
  readonly queries: readonly FixtureQuery[];
}

/**
 * Probes beside the eval questions: typos only fuzzy matching finds, a snippet over the 2,000
 * characters past which a query is compacted, identifiers, words no table knows, no words at all.
 */
const PROBES = [
  'pyhton garbige colector refrence cylce',
  'memmory leek in my dictionry of strngs',
  'tracemaloc snapshott compare_to',
  'zzzqqq xyzzy plugh',
  '?!',
  'gc.get_referrers(obj) weakref.WeakValueDictionary sys.getsizeof',
  `why does this use so much memory?\n${Array.from({ length: 120 }, (_, i) => `rows_${i % 40} = [line.split(',') for line in open('data_${i}.csv').readlines()]`).join('\n')}`,
];

/** The questions the fixture covers: every eval question (duplicates once), then the probes. */
export async function fixtureQuestions(): Promise<string[]> {
  const questions: string[] = [];
  for (const url of QUESTION_FILES) {
    const set = JSON.parse(await readFile(url, 'utf8')) as {
      inScope?: { question: string }[];
      outOfScope?: { question: string }[];
      questions?: { question: string }[];
    };
    for (const q of [...(set.inScope ?? []), ...(set.outOfScope ?? []), ...(set.questions ?? [])])
      questions.push(q.question);
  }
  return [...new Set([...questions, ...PROBES])];
}

export async function recordQuery(index: LoadedIndex, query: string): Promise<FixtureQuery> {
  return describeScores(query, await index.retriever.scoreAll(query));
}

export function describeScores(query: string, scored: readonly ScoredTip[]): FixtureQuery {
  const first = scored[0];
  const words = first?.words;
  const digest = createHash('sha256');
  for (const s of scored) {
    const m = s.words?.matches;
    digest.update(m ? Buffer.from(Float32Array.from(m).buffer) : Buffer.from('-'));
  }
  return {
    query,
    notCovered: first?.notCovered ?? 0,
    uncovered: first?.uncovered ?? 0,
    words: words ? [...words.words] : null,
    weights: words ? Array.from(words.weights) : null,
    tips: scored.map((s) => {
      const values = [s.score, s.vectorScore, s.lexicalScore, s.coverage] as const;
      return values.every((v) => v === 0)
        ? 0
        : (values.map(inTenThousandths) as unknown as readonly [number, number, number, number]);
    }),
    matches: digest.digest('hex').slice(0, 32),
  };
}

/**
 * A score as an integer count of 1e-4; throws for a number that is not one (the retriever rounds
 * every score, so that would be a change in itself), and the round trip is checked exactly.
 */
function inTenThousandths(score: number): number {
  const n = Math.round(score * 1e4);
  if (n / 1e4 !== score) throw new Error(`score ${score} is not rounded to 4 decimals`);
  return n;
}

export async function recordFixture(index: LoadedIndex, questions: readonly string[]): Promise<RetrievalFixture> {
  const queries: FixtureQuery[] = [];
  for (const q of questions) queries.push(await recordQuery(index, q));
  return {
    $comment: `Every tip's scores from retriever.scoreAll for each question of test/eval (and a few probes), as the retriever computed them when this was written. test/retrieval/score-identity.test.ts requires them bit-identical. Written by \`${FIXTURE_COMMAND}\`: run it again only when the knowledge (or a deliberate scoring change) moves the scores.`,
    knowledgeHash: index.manifest.knowledgeHash,
    embedder: index.manifest.embedder.id,
    tipIds: index.knowledge.tips.map((t) => t.id),
    queries,
  };
}

/** Every difference between the fixture's scores and the index's, as readable lines (empty when identical). */
export async function compareWithFixture(index: LoadedIndex, fixture: RetrievalFixture, limit = 20): Promise<string[]> {
  const problems: string[] = [];
  const tipIds = index.knowledge.tips.map((t) => t.id);
  if (tipIds.join('\n') !== fixture.tipIds.join('\n'))
    problems.push(`tips differ: ${tipIds.length} now, ${fixture.tipIds.length} in the fixture`);
  for (const expected of fixture.queries) {
    if (problems.length >= limit) break;
    const actual = await recordQuery(index, expected.query);
    const label = JSON.stringify(expected.query.slice(0, 60));
    for (const key of ['notCovered', 'uncovered', 'words', 'weights', 'matches'] as const) {
      if (JSON.stringify(actual[key]) !== JSON.stringify(expected[key]))
        problems.push(`${label}: ${key} ${JSON.stringify(actual[key])} ≠ ${JSON.stringify(expected[key])}`);
    }
    expected.tips.forEach((tip, i) => {
      const now = actual.tips[i];
      if (JSON.stringify(now) !== JSON.stringify(tip))
        problems.push(
          `${label}: ${fixture.tipIds[i]} [score, vector, lexical, coverage] ${JSON.stringify(now)} ≠ ${JSON.stringify(tip)}`,
        );
    });
  }
  return problems.slice(0, limit);
}

/** The fixture as written: one line per query, so a refresh diffs by question. */
export function serializeFixture(fixture: RetrievalFixture): string {
  const { queries, ...head } = fixture;
  const headJson = JSON.stringify(head, null, 1).replace(/\n}$/, '');
  return `${headJson},\n "queries": [\n${queries.map((q) => `  ${JSON.stringify(q)}`).join(',\n')}\n ]\n}\n`;
}
