import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signSlackRequest, verifySlackSignature } from '../../../src/integrations/slack/slack-verification.js';

const secret = '8f742231b10e8888abcd99yyyzzz85a5';
const now = 1_531_420_618_000;
const ts = '1531420618';
const body = 'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&command=%2Fweather&text=94070';

describe('verifySlackSignature', () => {
  it("matches Slack's documented HMAC-SHA256 of v0:{timestamp}:{body} (checked against node:crypto)", async () => {
    const expected = `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
    expect(await signSlackRequest(secret, ts, body)).toBe(expected);
    expect(
      await verifySlackSignature(secret, { timestamp: ts, signature: expected, rawBody: body }, now),
    ).toBeUndefined();
  });

  it('names why a request fails', async () => {
    const signature = await signSlackRequest(secret, ts, body);
    const check = (r: Partial<{ timestamp: string; signature: string; rawBody: string }>, at = now) =>
      verifySlackSignature(secret, { timestamp: ts, signature, rawBody: body, ...r }, at);
    expect(await check({ signature: '' })).toBe('missing-headers');
    expect(await check({ rawBody: `${body}&x=1` })).toBe('bad-signature');
    expect(await check({ signature: signature.replace('v0=', 'v1=') })).toBe('bad-signature');
    expect(await check({ signature: 'v0=zz' })).toBe('bad-signature');
    expect(await check({ signature: `${signature.slice(0, -2)}00` })).toBe('bad-signature');
    expect(await check({}, now + 301_000)).toBe('stale-timestamp');
    expect(await check({}, now - 301_000)).toBe('stale-timestamp');
    expect(await check({ timestamp: '1531420618.5' })).toBe('stale-timestamp');
    expect(await check({}, now + 300_000)).toBeUndefined();
  });
});
