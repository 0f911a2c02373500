/**
 * `npm run fixture:retrieval`: writes test/retrieval/score-fixture.json from the built index (see
 * scripts/lib/retrieval-fixture.ts), the scores test/retrieval/score-identity.test.ts holds the
 * retriever to. Run it after a knowledge change (the test says so), never to make a speed-up pass.
 *
 * `-- --index-dir DIR --out FILE` records another index (e.g. the bench's operator-sized one);
 * `-- --index-dir DIR --check FILE` compares that index's scores with a recorded file instead.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { loadIndexFromDisk } from '../src/platform/node/load-index.js';
import { INDEX_DIR } from './lib/paths.js';
import {
  compareWithFixture,
  FIXTURE_FILE,
  fixtureQuestions,
  recordFixture,
  serializeFixture,
  type RetrievalFixture,
} from './lib/retrieval-fixture.js';

const { values } = parseArgs({
  options: { 'index-dir': { type: 'string' }, out: { type: 'string' }, check: { type: 'string' } },
});
const index = await loadIndexFromDisk(values['index-dir'] ?? INDEX_DIR);
if (values.check) {
  const fixture = JSON.parse(await readFile(values.check, 'utf8')) as RetrievalFixture;
  const problems = await compareWithFixture(index, fixture, 50);
  console.log(
    problems.length === 0
      ? `identical: ${fixture.queries.length} queries × ${fixture.tipIds.length} tips`
      : problems.join('\n'),
  );
  process.exitCode = problems.length === 0 ? 0 : 1;
} else {
  const fixture = await recordFixture(index, await fixtureQuestions());
  const out = values.out ?? FIXTURE_FILE;
  await writeFile(out, serializeFixture(fixture));
  console.log(
    `wrote ${String(out)}: ${fixture.queries.length} queries × ${fixture.tipIds.length} tips (knowledge ${fixture.knowledgeHash.slice(0, 12)})`,
  );
}
