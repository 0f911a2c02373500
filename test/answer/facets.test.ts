import { describe, expect, it } from 'vitest';
import { DEFAULT_ANSWER_OPTIONS } from '../../src/answer/answer-options.js';
import { answerQuestion } from '../../src/answer/answer-question.js';
import { FACET_LABELS } from '../../src/answer/extractive-answer.js';
import { askedFacets, chooseParts, facetsToOffer, partKey } from '../../src/answer/facets.js';
import type { ChatTurn } from '../../src/answer/follow-up/chat-turn.js';
import type { Answer } from '../../src/answer/types.js';
import { builtIndex } from '../helpers/built-index.js';

const index = await builtIndex();
const tips = new Map(index.knowledge.tips.map((t) => [t.id, t]));
const tip = (id: string) => {
  const found = tips.get(id);
  if (!found) throw new Error(id);
  return found;
};
const ask = (question: string, history: ChatTurn[] = []) =>
  answerQuestion(index, DEFAULT_ANSWER_OPTIONS, { question, history });
const TUPLES = 'use-built-in-data-structures-wisely--tuples-over-lists';
const SLOTS = 'classes--slots';

describe('askedFacets: the question’s wording picks the facet', () => {
  it.each([
    ['why do tuples take less space than lists?', 'why'],
    ['Do you know why it happens?', 'why'],
    ['how do I find a memory leak?', 'how'],
    ['show me code', 'how'],
    ['how?', 'how'],
    ['can you give an example', 'how'],
    ['how much does it save?', 'measure'],
    ['how many bytes is an empty dict?', 'measure'],
    ['does __slots__ really save memory?', 'measure'],
    ['how can I measure it?', 'measure'],
    ['how is the memory of a process measured?', 'measure'],
    ['when not to use a generator?', 'caveats'],
    ['any downsides?', 'caveats'],
    ['is it always faster?', 'caveats'],
    ['is memory_profiler reliable?', 'caveats'],
    ['what are the limitations of __slots__?', 'caveats'],
  ] as const)('%j → %s', (question, facet) => {
    expect(askedFacets(question)[0]).toBe(facet);
  });

  it('lists every facet asked, the specific ones in the order asked and `how` last', () => {
    expect(askedFacets('how do I count how many instances of my class are still alive?')).toEqual(['measure', 'how']);
    expect(askedFacets('why is it slow and how much does it save?')).toEqual(['why', 'measure']);
    expect(askedFacets('show me code')).toEqual(['how']);
  });

  it('reads "limit how much" as asking how to set a limit, not for a number (a trial question, 2026-12-07)', () => {
    expect(askedFacets('Is there a way to limit how much memory a Python script can use?')).toEqual(['how']);
    expect(askedFacets('how can I cap how much RAM my workers take?')).toEqual(['how']);
    expect(askedFacets('how much memory does a list of a million ints use?')).toEqual(['measure']);
    expect(askedFacets('limit how many threads my pool starts')).toEqual([]);
  });

  it.each([
    'Python string interning',
    'weakref hold large dictionaries',
    'opening a large number of files',
    // numpy/numpy#7732: "usage" names what grows, it does not ask for the API.
    'Issue with large memory usage when creating a memory mapped array',
    // A real report (2026-12-06): the limit it hit, not the caveats it asks for.
    'my scraper dies with status 137. I assume a supervisor process decided it exceeded its memory limitations?',
    'Container crashes with error code 137 when given high load',
    'Container crashes with code 137 when given high load',
    // celery/celery#4125: how the asker saw the growth, not a request for the measure.
    'Does WORKER_MAX_MEMORY_PER_CHILD work? Worker initial starts with about 90MB of used memory, as measured by `mem_rss()`',
    // google/adk-python (fresh questions, 2026-12-06): a quoted documentation note and code are not the asker's words.
    'task can be garbage collected mid-execution\n> A task that isn’t referenced elsewhere may get garbage collected. For reliable “fire-and-forget” background tasks, gather them in a collection',
    'memory grows in this loop\n```python\ndef measure(x):\n    return why(x)\n```',
  ])('%j asks for no facet', (question) => {
    expect(askedFacets(question)).toEqual([]);
  });
});

describe('chooseParts: what an answer quotes from a unit', () => {
  it('gives the first unit its short text and the facet asked for', () => {
    expect(chooseParts(tip(SLOTS), { asked: 'measure', lead: true }).map((p) => p.part)).toEqual(['text', 'measure']);
    expect(chooseParts(tip(SLOTS), { asked: 'caveats', lead: true }).map((p) => p.part)).toEqual(['text', 'caveats']);
  });

  it('gives the mechanism and the API when nothing in particular is asked, one of them when what is asked is missing', () => {
    expect(chooseParts(tip(SLOTS), { lead: true }).map((p) => p.part)).toEqual(['text', 'why', 'how']);
    // With its why said, an unspecific follow-up gets the how alone, never the why again.
    const slots = tip(SLOTS);
    const saidWhy = new Set(
      slots.facets.filter((f) => f.kind === 'why').map((f) => partKey(slots.id, { part: f.kind, source: f.source })),
    );
    expect(chooseParts(slots, { said: saidWhy, lead: true }).map((p) => p.part)).toEqual(['text', 'how']);
    // Tuples over Lists has no `how`: an answer to "how …" gives its why.
    expect(chooseParts(tip(TUPLES), { asked: 'how', lead: true }).map((p) => p.part)).toEqual(['text', 'why']);
  });

  it('answers a reported problem that asks for nothing in particular with the mechanism and the fix', async () => {
    // From omry/omegaconf#1295, a real issue: the asker needs to know why the cycle keeps memory, and what to do.
    const answer = await ask(
      'Omegaconf exception has reference cycle. Exceptions raised by `_format_and_raise()` have the `ex -> traceback -> stack frame -> ex` reference cycle',
    );
    expect(answer.citations[0]?.id).toBe('lifetimes--stored-exceptions-keep-frames');
    expect(answer.citations[0]?.quoted?.map((q) => q.part)).toEqual(['text', 'why', 'how']);
    expect(answer.answer.indexOf('**Why**')).toBeLessThan(answer.answer.indexOf('**How**'));
    expect(answer.answer).toContain('traceback.clear_frames(exc.__traceback__)');
  });

  it('quotes the next facet the question asks for when the unit lacks the first one', () => {
    // The objgraph unit has no `measure`: "how do I count how many…" gets its `how`, not its `why`.
    const parts = chooseParts(tip('gc--objgraph'), { asked: 'measure', alsoAsked: ['how'], lead: true });
    expect(parts.map((p) => p.part)).toEqual(['text', 'how']);
  });

  it('answers "how do I count how many…" with the API and its example when the unit has no measure', async () => {
    const answer = await ask('how do I count how many instances of my class are still alive?');
    expect(answer.citations[0]?.id).toBe('gc--objgraph');
    expect(answer.citations[0]?.quoted?.map((q) => q.part)).toEqual(['text', 'how']);
    expect(answer.answer).toContain('The knowledge has no *measure* for it; here is its *how*.');
    expect(answer.examples[0]?.code).toContain('objgraph.growth()');
  });

  it('of two facets of a kind (two companion sections), quotes the one that fits the question, asked for or not', async () => {
    const withTip = tip('optimize-code-for-memory-efficiency--use-with-statement-for-file-operations');
    const hows = withTip.facets.filter((f) => f.kind === 'how');
    expect(hows.length).toBeGreaterThanOrEqual(2);
    // Real titles (tuning questions): a descriptor leak wants the how of closing files, not of reading line by line.
    for (const question of [
      'Image.open with non-image file raises IOError without closing the file',
      'ResourceWarning: unclosed file. I get a `ResourceWarning: unclosed file` warning on line 61 in celestrak.py because the file is not closed.',
      'opening a large number of files. After reading 1018 files I always get the Error: unhandled OSError "[Errno 24] Too many open files',
    ]) {
      const answer = await ask(question);
      const how = answer.citations[0]?.quoted?.find((q) => q.part === 'how');
      expect(answer.answer, question).toContain('contextlib.ExitStack');
      expect(how?.source.lineStart, question).toBe(hows.find((f) => f.text.includes('ExitStack'))?.source.lineStart);
    }
  });

  it('in a follow-up, stays with the companion section the conversation quoted while it has something left', async () => {
    // conv-06 of test/eval/conversations.json, opened by a real tuning question.
    const first =
      'ResourceWarning: unclosed file. I get a `ResourceWarning: unclosed file` warning on line 61 in celestrak.py because the file is not closed.';
    const opened = await ask(first);
    const why = await ask('why?', [
      { role: 'user', content: first },
      { role: 'assistant', content: opened.answer },
    ]);
    expect(why.answer).toContain('Its *why* was given above; next, its *caveats*.');
    expect(why.answer).toContain('python -X dev');
    expect(why.answer).not.toContain('A file object is its own iterator');
    // With nothing quoted yet, every section is offered.
    const withTip = tip('optimize-code-for-memory-efficiency--use-with-statement-for-file-operations');
    expect(facetsToOffer(withTip, new Set()).length).toBe(withTip.facets.length);
  });

  it('gives a further unit its short text (and the asked facet), and never what was said', () => {
    expect(chooseParts(tip(SLOTS), { lead: false }).map((p) => p.part)).toEqual(['text']);
    expect(chooseParts(tip(SLOTS), { asked: 'how', lead: false }).map((p) => p.part)).toEqual(['text', 'how']);
    const slots = tip(SLOTS);
    const said = new Set([
      partKey(slots.id, { part: 'text', source: slots.source }),
      ...slots.facets.filter((f) => f.kind === 'why').map((f) => partKey(slots.id, { part: f.kind, source: f.source })),
    ]);
    expect(chooseParts(slots, { asked: 'why', said, lead: true }).map((p) => p.part)).toEqual(['how']);
  });
});

/** Every facet paragraph of the markdown, as `[label, lines, text, n]`. */
function facetParagraphs(answer: Answer): { label: string; text: string; n: number }[] {
  return answer.answer
    .split('\n\n**')
    .slice(1)
    .flatMap((chunk) => {
      const match = /^(Why|How|Measure|Caveats)\*\* \([^)]*\): ([\s\S]*) \[(\d+)\]$/.exec(
        chunk.split('\n\nExample for')[0]?.split('\n\n**Sources**')[0] ?? '',
      );
      return match ? [{ label: match[1] as string, text: match[2] as string, n: Number(match[3]) }] : [];
    });
}

describe('answers that use the facets', () => {
  it.each([
    ['why do tuples take less space than lists?', 'why'],
    ['how do I build a big string efficiently?', 'how'],
    ['how much memory does __slots__ save?', 'measure'],
    ['what are the downsides of __slots__?', 'caveats'],
  ] as const)('%j quotes the %s facet, verbatim, with the lines it stands on', async (question, facet) => {
    const answer = await ask(question);
    expect(answer.facet).toBe(facet);
    const first = answer.citations[0];
    const unit = tip(first?.id ?? '');
    const quotedFacet = first?.quoted?.find((q) => q.part === facet);
    expect(quotedFacet, answer.answer).toBeDefined();
    const written = unit.facets.find((f) => f.kind === facet && f.source.lineStart === quotedFacet?.source.lineStart);
    const paragraphs = facetParagraphs(answer);
    expect(paragraphs).toContainEqual({ label: FACET_LABELS[facet], text: written?.text, n: 1 });
    // Every sentence is a unit's own: each facet paragraph is the text of a facet of the unit it cites.
    for (const p of paragraphs) {
      const cited = tip(answer.citations[p.n - 1]?.id ?? '');
      expect(cited.facets.map((f) => f.text)).toContain(p.text);
    }
  });

  it('names the companion, with its file and lines, when a companion unit answers; the guidance when a guidance tip does', async () => {
    const companion = await ask('How do I use gc.freeze before forking gunicorn workers?');
    expect(tip(companion.citations[0]?.id ?? '').primary).toBe(false);
    expect(companion.answer).toMatch(
      /^The companion to the guidance, `python-memory-companion\.md`, covers this under \*\*[^*]+\*\* \(lines \d+–\d+\):/,
    );
    const guidance = await ask('why do tuples take less space than lists?');
    expect(guidance.answer).toMatch(/^The guidance covers this under \*\*Use Built-in Data Structures Wisely\*\*:/);
    // The extended tip is cited as the guidance's, and its companion facet names the companion's lines.
    expect(guidance.citations[0]?.source.file).toBe('python-memory-guidance.md');
    expect(guidance.citations[0]?.quoted?.map((q) => q.source.file)).toEqual([
      'python-memory-guidance.md',
      'python-memory-companion.md',
    ]);
    expect(guidance.answer).toMatch(
      /\*\*Sources\*\*\n\n1\. Tuples over Lists \(Use Built-in Data Structures Wisely\), python-memory-guidance\.md line 11; why: python-memory-companion\.md line \d+/,
    );
  });
});

describe('follow-ups that add something', () => {
  it('a three-turn conversation never repeats a previous answer’s body: why → show me code → how much does it save', async () => {
    const questions = ['why do tuples take less space than lists?', 'show me code', 'how much does it save?'];
    const history: ChatTurn[] = [];
    const said = new Set<string>();
    for (const question of questions) {
      const answer = await ask(question, history);
      expect(answer.citations[0]?.id, question).toBe(TUPLES);
      const keys = (answer.citations[0]?.quoted ?? []).map((q) => partKey(TUPLES, q));
      expect(keys.length, question).toBeGreaterThan(0);
      for (const key of keys) expect(said.has(key), `${question} repeats ${key}`).toBe(false);
      for (const key of keys) said.add(key);
      history.push({ role: 'user', content: question }, { role: 'assistant', content: answer.answer });
    }
  });

  it('is the same whether the assistant turns are sent or not (earlier answers are recomputed)', async () => {
    const withAnswers = await ask('how much does it save?', [
      { role: 'user', content: 'why do tuples take less space than lists?' },
      { role: 'assistant', content: 'whatever the client kept' },
    ]);
    const without = await ask('how much does it save?', [
      { role: 'user', content: 'why do tuples take less space than lists?' },
    ]);
    expect(without.answer).toBe(withAnswers.answer);
    expect(without.citations).toEqual(withAnswers.citations);
  });

  it('"what about dicts?" moves to the dict unit and keeps the facet the conversation asks for', async () => {
    const answer = await ask('what about dicts?', [
      { role: 'user', content: 'how much memory does a tuple save over a list?' },
    ]);
    expect(answer.citations[0]?.id).toBe('use-built-in-data-structures-wisely--list-and-dictionary-sizes');
    expect(answer.facet).toBe('measure');
    expect(answer.citations[0]?.quoted?.map((q) => q.part)).toEqual(['text', 'measure']);
  });

  it('"what about callbacks?" after weak references moves to the unit on WeakMethod (a plural the word table knows only as rare)', async () => {
    const answer = await ask('what about callbacks?', [
      { role: 'user', content: 'How do weak references help avoid memory leaks?' },
    ]);
    expect(answer).toMatchObject({ coverage: 'answer', followUp: { rule: 'continuation' } });
    expect(answer.citations[0]?.id).toBe('weakref--weak-listeners');
  });

  it('says so, and points at the unit’s references, when every part of it was quoted already', async () => {
    const history: ChatTurn[] = [];
    let answer: Answer | undefined;
    for (const question of ['what is __slots__?', 'how?', 'how much does it save?', 'any downsides?', 'tell me more']) {
      answer = await ask(question, history);
      history.push({ role: 'user', content: question });
    }
    expect(answer?.citations[0]).toMatchObject({ id: SLOTS, quoted: [] });
    expect(answer?.answer).toContain('That is all the knowledge says about');
    expect(answer?.answer).toContain('https://docs.python.org/');
  });

  it('offers the closest units not quoted yet, as related, and the next such follow-up offers others', async () => {
    const CLOSURES = 'lifetimes--closures-keep-variables';
    const history: ChatTurn[] = [];
    const answers: Answer[] = [];
    for (const question of [
      'do closures keep variables alive in memory?',
      'why?',
      'how?',
      'how much does it save?',
      'and?',
    ]) {
      answers.push(await ask(question, history));
      history.push({ role: 'user', content: question });
    }
    const [, second, third, , last] = answers;
    // The first answer quoted the whole unit (text, why, how); "why?" has nothing new on it.
    expect(second?.citations[0]).toMatchObject({ id: CLOSURES, quoted: [] });
    expect([second?.facet, third?.facet]).toEqual(['why', 'how']);
    expect(second?.answer).toContain(
      'not quoted yet (related, not more on **Closures keep the variables they use alive**)',
    );
    const offered = (a: Answer | undefined) => (a?.citations ?? []).slice(1);
    // The units the exhausted one names as related (`see`) come first; each is quoted by its short text.
    expect(offered(second)[0]?.id).toBe(tip(CLOSURES).see[0]);
    for (const c of [...offered(second), ...offered(third)]) {
      expect(c.quoted?.map((q) => q.part)).toEqual(['text']);
      expect(second?.answer.includes(tip(c.id).text) || third?.answer.includes(tip(c.id).text)).toBe(true);
    }
    const secondIds = offered(second).map((c) => c.id);
    expect(offered(third).length).toBeGreaterThan(0);
    expect(offered(third).some((c) => secondIds.includes(c.id))).toBe(false);
    // Once the units searched for it were all quoted, it says so.
    expect(offered(last)).toEqual([]);
    expect(last?.answer).toContain('The earlier answers quoted the units closest to it too');
  });

  it('never gives the same answer body twice in a row, for any unit, over six follow-ups', async () => {
    const followUps = ['why?', 'how?', 'how much does it save?', 'any downsides?', 'show me code', 'tell me more'];
    const repeated: string[] = [];
    for (const unit of index.knowledge.tips) {
      const history: ChatTurn[] = [];
      let previous = '';
      for (const question of [`${unit.title} memory?`, ...followUps]) {
        const answer = await ask(question, history);
        const body = answer.answer.split('**Sources**')[0] as string;
        // An abstention may repeat (a follow-up to "not covered" is not covered either); an answer may not.
        if (!answer.abstained && body === previous) repeated.push(`${unit.id}: "${question}"`);
        previous = body;
        history.push({ role: 'user', content: question });
      }
    }
    expect(repeated).toEqual([]);
  });
});
