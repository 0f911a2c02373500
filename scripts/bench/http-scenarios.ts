import { readFileSync } from 'node:fs';
import { DEFAULT_EVAL_SET, evalSetSchema } from '../lib/eval/eval-set.js';
import type { LoadScenario } from './http-load.js';
import { KIB, pythonSnippet } from './python-snippets.js';

/** The ceiling: the bare server's constant JSON route. */
export const BARE_SCENARIO: LoadScenario = {
  name: 'bare Hono route',
  workload: '`GET /` → constant `{"status":"ok"}`, separate process, same stack (@hono/node-server)',
  method: 'GET',
  path: '/',
};

/** The bare server's reference POST: read a JSON body, send a constant answer-sized JSON. */
export const BARE_POST_SCENARIO: LoadScenario = {
  name: 'bare Hono POST, 2 KB JSON',
  workload:
    'reference, not a target: `POST /answer` reads the JSON body (the eval questions, as /v1/ask sends them) and sends a constant 2 KB JSON; same bare process',
  method: 'POST',
  path: '/answer',
  bodies: evalQuestions().map(({ question }) => JSON.stringify({ question })),
};

/**
 * The service's endpoints under load, with the bodies a real mix of users sends: every question
 * of the eval set (in-scope, out-of-scope, with and without history) in rotation.
 *
 * @example
 * const [search, ask, analyze2k, analyze64k] = serviceScenarios();
 */
export function serviceScenarios(): LoadScenario[] {
  const questions = evalQuestions();
  const analyze = (kib: number): LoadScenario => {
    const code = pythonSnippet(kib * KIB);
    return {
      name: `POST /v1/analyze (${kib} KiB)`,
      workload: `${Buffer.byteLength(code).toLocaleString('en')} bytes of Python (${code.split('\n').length - 1} lines, the analyzer's test corpus)`,
      method: 'POST',
      path: '/v1/analyze',
      bodies: [JSON.stringify({ code })],
      mayShed: true,
    };
  };
  return [
    {
      name: 'GET /healthz',
      workload:
        'no body, a constant answer: the cost of the middleware every route shares (request id, log line, metrics)',
      method: 'GET',
      path: '/healthz',
    },
    {
      name: 'POST /v1/search',
      workload: `the ${questions.length} eval-set questions as queries, in rotation, k = 5`,
      method: 'POST',
      path: '/v1/search',
      bodies: questions.map(({ question }) => JSON.stringify({ query: question })),
    },
    {
      name: 'POST /v1/ask',
      workload: `the ${questions.length} eval-set questions (in and out of scope, ${questions.filter((q) => q.history).length} follow-ups with history), in rotation`,
      method: 'POST',
      path: '/v1/ask',
      bodies: questions.map(({ question, history }) => JSON.stringify(history ? { question, history } : { question })),
    },
    {
      name: 'POST /v1/ask, every question new',
      workload:
        'the same questions, each made unique by a counter (" (1234)"): no query is ever seen twice, the query cache never helps',
      method: 'POST',
      path: '/v1/ask',
      bodies: questions.map(({ question, history }) => JSON.stringify(history ? { question, history } : { question })),
      uniqueField: 'question',
    },
    analyze(2),
    analyze(64),
  ];
}

/** Every question of `test/eval/questions.json`, in-scope and out-of-scope interleaved. */
export function evalQuestions(): {
  question: string;
  history?: { role: 'user' | 'assistant'; content: string }[] | undefined;
}[] {
  const set = evalSetSchema.parse(JSON.parse(readFileSync(DEFAULT_EVAL_SET, 'utf8')));
  const all = [...set.inScope, ...set.outOfScope];
  // Interleave so consecutive requests differ in kind (a typo, then an off-topic question, …).
  return all
    .map((q, i) => ({ q, key: (i * 7919) % all.length }))
    .sort((a, b) => a.key - b.key)
    .map(({ q }) => q);
}
