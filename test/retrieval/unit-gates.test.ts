import { describe, expect, it } from 'vitest';
import { KNOWLEDGE_DIR } from '../../scripts/lib/paths.js';
import { parseSearchPhrases, readSearchPhraseFiles } from '../../scripts/lib/search-phrases.js';
import { builtIndex } from '../helpers/built-index.js';

/**
 * A unit with `when` words scores nothing for a question that says none of them, so a gate
 * written too narrowly hides the unit from the very questions it answers: "Is there a way to limit
 * how much memory a Python script can use?" never reached the unit on memory limits, whose gate
 * knew "limit memory usage of" but not "limit how much memory". The example questions of
 * `*.search.json` were written for each unit by helpers who saw only its text, so they are a fair
 * sample of how people ask for it. A gate must open for most of them; the ones it may stay closed
 * for only describe a symptom ("Discord bot slowly eats memory as users join") that other units
 * answer too, which is what the gate is there to keep apart.
 */
const MIN_OPEN_SHARE = 0.75;

const index = await builtIndex();
// The example questions by unit, read as the build reads them (every `*.search.json`, merged).
const { questions: exampleQuestions } = parseSearchPhrases(
  await readSearchPhraseFiles(KNOWLEDGE_DIR),
  index.knowledge.tips,
);

describe('unit gates (`when`): a unit opens for the questions written for it', () => {
  const gated = index.knowledge.tips.filter((tip) => (tip.when?.length ?? 0) > 0);

  it('has gated units, each with example questions', () => {
    expect(gated.length).toBeGreaterThanOrEqual(10);
    for (const tip of gated) expect(exampleQuestions[tip.id]?.length ?? 0, tip.id).toBeGreaterThanOrEqual(20);
  });

  it.each(gated.map((tip) => [tip.id]))(
    `%s opens for at least ${MIN_OPEN_SHARE * 100}% of its example questions`,
    async (id) => {
      const questions = exampleQuestions[id] ?? [];
      const closed: string[] = [];
      for (const question of questions) {
        const scored = await index.retriever.scoreAll(question);
        const unit = scored.find((s) => s.tip.id === id);
        // A closed unit has no similarity at all: no vector, no BM25, no coverage.
        if (!unit || (unit.vectorScore === 0 && unit.lexicalScore === 0)) closed.push(question);
      }
      const open = questions.length - closed.length;
      expect(open / questions.length, `${id} closed for:\n- ${closed.join('\n- ')}`).toBeGreaterThanOrEqual(
        MIN_OPEN_SHARE,
      );
    },
  );

  it('answers the question that showed the gate too narrow with the unit it was closed to', async () => {
    for (const question of [
      'Is there a way to limit how much memory a Python script can use?',
      'How can I cap the RAM my python program uses?',
    ]) {
      const [first] = await index.retriever.search(question, 1);
      expect(first?.tip.id, question).toBe('processes--memory-limits');
    }
  });

  it('lets a gate stay closed on a question that names no word of it', async () => {
    const scored = await index.retriever.scoreAll('Discord bot slowly eats memory as users join');
    const logging = scored.find((s) => s.tip.id === 'logging--loggers-are-never-freed');
    expect(logging).toMatchObject({ vectorScore: 0, lexicalScore: 0, score: 0 });
  });
});
