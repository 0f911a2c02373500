/**
 * Retrieval's speed-ups (precomputed artifacts, candidate selection, typed arrays) must not move a
 * single score: every tip's score, vector, lexical and coverage signal, the not-covered and
 * uncovered shares, the query's weighted words and every per-word match stay bit-identical to the
 * scores recorded in score-fixture.json, for every question of test/eval and a few probes.
 *
 * The fixture belongs to the knowledge it was recorded with. After a knowledge change (new units,
 * new search phrases) or a deliberate scoring change, rewrite it with `npm run fixture:retrieval`
 * and review what moved; never rewrite it to make an optimization pass.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  compareWithFixture,
  FIXTURE_COMMAND,
  FIXTURE_FILE,
  type RetrievalFixture,
} from '../../scripts/lib/retrieval-fixture.js';
import { builtIndex } from '../helpers/built-index.js';

const fixture = JSON.parse(readFileSync(FIXTURE_FILE, 'utf8')) as RetrievalFixture;
const index = await builtIndex();

describe('retrieval scores are bit-identical to the recorded fixture', () => {
  it('was recorded from the knowledge the index is built from', () => {
    expect(
      index.manifest.knowledgeHash,
      `The knowledge changed since test/retrieval/score-fixture.json was recorded (knowledge ${fixture.knowledgeHash.slice(0, 12)}…, now ${index.manifest.knowledgeHash.slice(0, 12)}…): scores are expected to move. Run \`${FIXTURE_COMMAND}\`, review the diff, and commit it.`,
    ).toBe(fixture.knowledgeHash);
    expect(
      index.manifest.embedder.id,
      `The embedder changed since the fixture was recorded: run \`${FIXTURE_COMMAND}\`.`,
    ).toBe(fixture.embedder);
  });

  it(`scores ${fixture.queries.length} queries × ${fixture.tipIds.length} tips exactly as recorded`, async () => {
    if (index.manifest.knowledgeHash !== fixture.knowledgeHash) {
      throw new Error(`Fixture recorded from other knowledge: run \`${FIXTURE_COMMAND}\` (see the test above).`);
    }
    expect(await compareWithFixture(index, fixture)).toEqual([]);
  }, 120_000);

  it('compares every query, and would see a changed score', async () => {
    const [first] = fixture.queries;
    expect(first).toBeDefined();
    if (!first) return;
    const tipIndex = first.tips.findIndex((t) => t !== 0);
    const tampered: RetrievalFixture = {
      ...fixture,
      queries: [
        { ...first, tips: first.tips.map((t, i) => (i === tipIndex && t !== 0 ? [t[0] + 1, t[1], t[2], t[3]] : t)) },
      ],
    };
    expect((await compareWithFixture(index, tampered)).join('\n')).toContain(fixture.tipIds[tipIndex]);
  });
});
