import { describe, expect, it } from 'vitest';
import { createPendingWork } from '../../../src/integrations/chat/chat-runtime.js';
import type { Logger } from '../../../src/logger.js';

describe('createPendingWork', () => {
  it('drains tasks, including ones tracked while draining', async () => {
    const pending = createPendingWork();
    const done: string[] = [];
    pending.track(
      (async () => {
        await new Promise((r) => setTimeout(r, 5));
        done.push('first');
        pending.track((async () => done.push('second'))());
      })(),
    );
    expect(pending.size).toBe(1);
    await pending.drain();
    expect(done).toEqual(['first', 'second']);
    expect(pending.size).toBe(0);
  });

  it('logs a failed task instead of throwing', async () => {
    const errors: Record<string, unknown>[] = [];
    const logger: Logger = { info: () => {}, error: (_e, fields) => errors.push(fields ?? {}) };
    const pending = createPendingWork(logger);
    pending.track(Promise.reject(new Error('boom')));
    await expect(pending.drain()).resolves.toBeUndefined();
    expect(errors).toEqual([{ error: 'Error: boom' }]);
  });
});
