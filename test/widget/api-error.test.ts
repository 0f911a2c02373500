import { describe, expect, it } from 'vitest';
import { ApiError, errorFromResponse, retryAfterSeconds } from '../../widget/src/api-error.js';
import { noticeFor } from '../../widget/src/notices.js';

describe('retryAfterSeconds', () => {
  const now = Date.parse('2026-05-01T12:00:00Z');
  it.each([
    ['42', 42],
    [' 0 ', 0],
    ['Fri, 01 May 2026 12:00:30 GMT', 30],
    ['Fri, 01 May 2026 11:00:00 GMT', 0],
    ['soon', 30],
    [null, 30],
  ])('%j → %d s', (header, seconds) => {
    expect(retryAfterSeconds(header, now)).toBe(seconds);
  });
});

describe('errorFromResponse and noticeFor', () => {
  const problem = (status: number, body: object, headers: Record<string, string> = {}) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/problem+json', ...headers } });

  it('reads a 429 as rate-limited, with its Retry-After', async () => {
    const error = await errorFromResponse(problem(429, { status: 429, detail: 'Slow down.' }, { 'retry-after': '12' }));
    expect(error).toMatchObject({ kind: 'rate-limited', details: { status: 429, retryAfter: 12 } });
    expect(noticeFor(error, 'https://help.example.com')).toEqual({
      message: 'Too many questions at once: the help service asks us to wait.',
      retry: false,
    });
  });

  it('shows a 4xx problem’s own detail, and a 5xx as the service’s fault with its reference', async () => {
    const bad = await errorFromResponse(
      problem(400, { status: 400, detail: 'question: question must be at most 2000 characters' }),
    );
    expect(noticeFor(bad, '')).toEqual({ message: 'question: question must be at most 2000 characters', retry: false });
    const broken = await errorFromResponse(problem(500, { status: 500, detail: 'x', requestId: 'req-1' }));
    expect(noticeFor(broken, '')).toEqual({
      message: 'The help service had a problem answering (reference req-1). Please try again.',
      retry: true,
    });
    const proxy = await errorFromResponse(new Response('<html>bad gateway</html>', { status: 502 }));
    expect(proxy).toMatchObject({ kind: 'problem', message: 'The service answered 502.' });
  });

  it('names the unreachable host', () => {
    expect(noticeFor(new ApiError('network', 'x'), 'https://help.example.com/pymem').message).toBe(
      "Can't reach the help service (help.example.com). Check your connection, then try again.",
    );
  });
});
