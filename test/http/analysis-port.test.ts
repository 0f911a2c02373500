import { describe, expect, it } from 'vitest';
import { AnalysisBudgetError } from '../../src/analyze/analysis-budget.js';
import { AnalysisUnavailableError, inProcessAnalyzer, type CodeAnalyzer } from '../../src/analyze/code-analyzer.js';
import { createApp } from '../../src/app.js';
import { answerChatQuestion } from '../../src/integrations/chat/chat-question.js';
import { createAssistant } from '../../src/assistant.js';
import { DEFAULT_ANSWER_OPTIONS } from '../../src/answer/answer-options.js';
import { silentLogger } from '../../src/logger.js';
import { builtIndex } from '../helpers/built-index.js';
import { parseSse } from '../helpers/sse-events.js';

// Issue #19: every channel that analyzes pasted code goes through the app's CodeAnalyzer (on Node a
// worker-thread pool), exactly once per request, and its refusals are clear problems.

const CODE = 's = ""\nfor w in words:\n    s += w\n';

/** The in-process analyzer, counting the analyses it is asked for. */
function countingAnalyzer(): CodeAnalyzer & { readonly calls: string[] } {
  const inner = inProcessAnalyzer();
  const calls: string[] = [];
  return {
    calls,
    analyze: (request) => {
      calls.push(request.code);
      return inner.analyze(request);
    },
    close: () => inner.close(),
  };
}

function refusingAnalyzer(error: Error): CodeAnalyzer {
  return { analyze: async () => Promise.reject(error), close: async () => {} };
}

const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});
const MCP_HEADERS = { accept: 'application/json, text/event-stream' };
const mcpCall = (name: string, args: Record<string, unknown>) =>
  json({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name, arguments: args } }, MCP_HEADERS);
const fenced = `Is this slow?\n\`\`\`python\n${CODE}\`\`\``;

describe('every channel analyzes through the CodeAnalyzer, once', () => {
  const channels: [string, string, RequestInit][] = [
    ['POST /v1/analyze', '/v1/analyze', json({ code: CODE })],
    ['POST /v1/ask with a snippet', '/v1/ask', json({ question: 'is this ok?', snippet: CODE })],
    ['POST /v1/ask/stream with a snippet', '/v1/ask/stream', json({ question: 'is this ok?', snippet: CODE })],
    [
      'chat completions',
      '/v1/chat/completions',
      json({ model: 'pymem-assistant', messages: [{ role: 'user', content: fenced }] }),
    ],
    [
      'chat completions, streamed',
      '/v1/chat/completions',
      json({ model: 'pymem-assistant', stream: true, messages: [{ role: 'user', content: fenced }] }),
    ],
    ['MCP analyze_python_snippet', '/mcp', mcpCall('analyze_python_snippet', { code: CODE })],
    [
      'MCP ask_python_memory with a snippet',
      '/mcp',
      mcpCall('ask_python_memory', { question: 'is this ok?', snippet: CODE }),
    ],
  ];
  it.each(channels)('%s', async (_name, path, init) => {
    const analyzer = countingAnalyzer();
    const app = createApp({ index: await builtIndex(), logger: silentLogger, analyzer });
    const res = await app.request(path, init);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain('string-concat-in-loop');
    expect(analyzer.calls.map((code) => code.trim())).toEqual([CODE.trim()]);
  });

  it('Slack and Discord (answerChatQuestion): the reply shows the same analysis the answer was made from', async () => {
    const analyzer = countingAnalyzer();
    const assistant = createAssistant(await builtIndex(), DEFAULT_ANSWER_OPTIONS, { analyzer, logger: silentLogger });
    const reply = await answerChatQuestion(assistant, { question: 'is this ok?', snippet: CODE });
    expect(analyzer.calls).toEqual([CODE]);
    expect(reply.analysis?.findings.map((f) => f.rule)).toEqual(['string-concat-in-loop']);
    expect(reply.answer.findings).toEqual(reply.analysis?.findings);
  });
});

describe('refused analyses are clear problems, never a 5xx or a broken stream', () => {
  const budget = new AnalysisBudgetError(1_100_000, 'parse');
  const busy = new AnalysisUnavailableError(
    'time-budget',
    'No analysis thread was free within the time budget of 3,000 ms (ANALYSIS_TIMEOUT_MS): the server is busy.',
    3,
  );

  it.each([
    ['/v1/analyze', json({ code: CODE })],
    ['/v1/ask', json({ question: 'is this ok?', snippet: CODE })],
    ['/v1/ask/stream', json({ question: 'is this ok?', snippet: CODE })],
  ])('%s: 422 analysis-budget when the code is too costly', async (path, init) => {
    const app = createApp({ index: await builtIndex(), logger: silentLogger, analyzer: refusingAnalyzer(budget) });
    const res = await app.request(path, init);
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await res.json()).toMatchObject({
      type: 'urn:pymem:problem:analysis-budget',
      status: 422,
      detail: expect.stringContaining('1,100,000 work units'),
    });
  });

  it.each([
    ['/v1/analyze', json({ code: CODE })],
    ['/v1/ask', json({ question: 'is this ok?', snippet: CODE })],
    ['/v1/ask/stream', json({ question: 'is this ok?', snippet: CODE })],
  ])('%s: 503 analysis-unavailable with Retry-After when no thread was free in time', async (path, init) => {
    const app = createApp({ index: await builtIndex(), logger: silentLogger, analyzer: refusingAnalyzer(busy) });
    const res = await app.request(path, init);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('3');
    expect(await res.json()).toMatchObject({
      type: 'urn:pymem:problem:analysis-unavailable',
      detail: expect.stringContaining('ANALYSIS_TIMEOUT_MS'),
    });
  });

  it('chat completions: the same refusal in OpenAI error shape, streamed or not', async () => {
    const app = createApp({ index: await builtIndex(), logger: silentLogger, analyzer: refusingAnalyzer(budget) });
    for (const stream of [false, true]) {
      const res = await app.request(
        '/v1/chat/completions',
        json({ model: 'pymem-assistant', stream, messages: [{ role: 'user', content: fenced }] }),
      );
      expect(res.status).toBe(422);
      expect(await res.json()).toMatchObject({ error: { type: 'invalid_request_error', code: 'analysis_budget' } });
    }
  });

  it('MCP: a tool error naming the limit', async () => {
    const app = createApp({ index: await builtIndex(), logger: silentLogger, analyzer: refusingAnalyzer(budget) });
    const res = await app.request('/mcp', mcpCall('analyze_python_snippet', { code: CODE }));
    const body = (await res.json()) as { result?: { isError?: boolean; content: { text: string }[] } };
    expect(body.result?.isError).toBe(true);
    expect(body.result?.content[0]?.text).toContain('1,100,000 work units');
  });

  it('a question without code never asks the analyzer', async () => {
    const analyzer = countingAnalyzer();
    const app = createApp({ index: await builtIndex(), logger: silentLogger, analyzer });
    const res = await app.request('/v1/ask/stream', json({ question: 'how do I find a leak?' }));
    expect(parseSse(await res.text()).at(-1)?.event).toBe('done');
    expect(analyzer.calls).toEqual([]);
  });
});
