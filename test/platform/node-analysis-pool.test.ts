import { afterEach, describe, expect, it } from 'vitest';
import { AnalysisBudgetError, SERVICE_ANALYSIS_LIMITS } from '../../src/analyze/analysis-budget.js';
import { AnalysisUnavailableError, type CodeAnalyzer } from '../../src/analyze/code-analyzer.js';
import type { Logger } from '../../src/logger.js';
import { createAnalysisPool, type AnalysisPoolOptions } from '../../src/platform/node/analysis-pool.js';
import { pythonSnippet } from '../../scripts/bench/python-snippets.js';

const logged: { event: string; fields?: Record<string, unknown> }[] = [];
const logger: Logger = { info: () => {}, error: (event, fields) => logged.push({ event, fields }) };
const pools: CodeAnalyzer[] = [];
const pool = (options: Partial<AnalysisPoolOptions> = {}) => {
  const created = createAnalysisPool({ threads: 1, timeoutMs: 30_000, maxQueue: 16, logger, ...options });
  pools.push(created);
  return created;
};
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
  logged.length = 0;
});

describe('the Node analysis pool (worker threads)', () => {
  it('analyzes in a worker thread, with the service limits', async () => {
    const analyzer = pool();
    const result = await analyzer.analyze({ code: 's = ""\nfor w in ws:\n    s += w\n' });
    expect(result.findings.map((f) => f.rule)).toEqual(['string-concat-in-loop']);
    expect(result.truncated).toBe(false);
    const many = await analyzer.analyze({ code: 'open(p)\n'.repeat(2_000) });
    expect(many.findings).toHaveLength(SERVICE_ANALYSIS_LIMITS.maxFindings);
    expect(many.truncated).toBe(true);
  }, 60_000);

  it('refuses code over the work budget with AnalysisBudgetError, the class restored across the thread', async () => {
    const analyzer = pool({ limits: { ...SERVICE_ANALYSIS_LIMITS, workUnits: 1_000 } });
    await expect(analyzer.analyze({ code: pythonSnippet(8 * 1024) })).rejects.toBeInstanceOf(AnalysisBudgetError);
  }, 60_000);

  it('stops an analysis past its time budget (503, Retry-After), and the next one runs on a fresh thread', async () => {
    const analyzer = pool({
      timeoutMs: 3_000,
      limits: { ...SERVICE_ANALYSIS_LIMITS, workUnits: Number.MAX_SAFE_INTEGER },
    });
    await analyzer.analyze({ code: 'x = 1\n' }); // the thread is up
    // Valid code, so nothing stops the parse early: about 15 s of work without a work budget.
    const slow = analyzer.analyze({ code: 'x = [1, 2, 3]\n'.repeat(300_000) });
    await expect(slow).rejects.toMatchObject({
      name: 'AnalysisUnavailableError',
      reason: 'time-budget',
      retryAfterSeconds: 3,
    });
    await expect(slow).rejects.toThrow(/did not finish within its time budget of 3,000 ms \(ANALYSIS_TIMEOUT_MS\)/);
    expect((await analyzer.analyze({ code: 'f = open(p)\n' })).findings).toHaveLength(1);
  }, 60_000);

  it('refuses, without running it, an analysis that waits longer than the time budget for a thread', async () => {
    const analyzer = pool({
      timeoutMs: 2_500,
      limits: { ...SERVICE_ANALYSIS_LIMITS, workUnits: Number.MAX_SAFE_INTEGER },
    });
    await analyzer.analyze({ code: 'x = 1\n' });
    const big = { code: 'x = [1, 2, 3]\n'.repeat(300_000) };
    // One thread: the first big one runs until stopped, the second then takes the thread, and the
    // small one, third in line, is still waiting when its budget runs out.
    const busy = [analyzer.analyze(big).catch((e: unknown) => e), analyzer.analyze(big).catch((e: unknown) => e)];
    const waiting = analyzer.analyze({ code: 'f = open(p)\n' });
    await expect(waiting).rejects.toMatchObject({
      reason: 'time-budget',
      message: expect.stringContaining('No analysis thread was free within the time budget of 2,500 ms'),
    });
    for (const outcome of await Promise.all(busy)) expect(outcome).toMatchObject({ reason: 'time-budget' });
  }, 60_000);

  it('refuses at once when the queue is full', async () => {
    const analyzer = pool({ maxQueue: 1 });
    const code = pythonSnippet(16 * 1024);
    const outcomes = await Promise.allSettled(Array.from({ length: 6 }, () => analyzer.analyze({ code })));
    const refused = outcomes.filter((o) => o.status === 'rejected').map((o) => o.reason as AnalysisUnavailableError);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((e) => e instanceof AnalysisUnavailableError && e.reason === 'queue-full')).toBe(true);
    expect(outcomes.filter((o) => o.status === 'fulfilled').length).toBeGreaterThanOrEqual(1);
  }, 60_000);

  it('refuses after close', async () => {
    const analyzer = pool();
    await analyzer.close();
    await expect(analyzer.analyze({ code: 'x = 1\n' })).rejects.toMatchObject({ reason: 'closed' });
  });
});

describe('a client that goes away', () => {
  it('takes its waiting analysis out of the queue: nothing is run for it, and the next in line moves up', async () => {
    const analyzer = pool({ maxQueue: 1, limits: { ...SERVICE_ANALYSIS_LIMITS, workUnits: Number.MAX_SAFE_INTEGER } });
    await analyzer.analyze({ code: 'x = 1\n' });
    const busy = analyzer.analyze({ code: pythonSnippet(64 * 1024) });
    const gone = new AbortController();
    const abandoned = analyzer.analyze({ code: pythonSnippet(64 * 1024) }, { signal: gone.signal });
    // The queue (one place) is full until the client goes away.
    await expect(analyzer.analyze({ code: 'x = 2\n' })).rejects.toMatchObject({ reason: 'queue-full' });
    gone.abort();
    await expect(abandoned).rejects.toMatchObject({ reason: 'cancelled' });
    expect((await analyzer.analyze({ code: 'f = open(p)\n' })).findings).toHaveLength(1);
    await busy;
  }, 60_000);
});
