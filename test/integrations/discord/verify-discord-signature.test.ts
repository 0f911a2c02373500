import { describe, expect, it } from 'vitest';
import { isDiscordPublicKey, verifyDiscordSignature } from '../../../src/integrations/discord/discord-verification.js';
import { generateDiscordKeys, NOW_MS, NOW_SECONDS } from '../helpers/signed-requests.js';

describe('verifyDiscordSignature', () => {
  it('accepts an Ed25519 signature of timestamp + body made with the key pair, and names each failure', async () => {
    const keys = await generateDiscordKeys();
    const body = '{"type":1}';
    const signature = await keys.sign(NOW_SECONDS, body);
    const check = (r: Partial<{ signature: string; timestamp: string; rawBody: string }>, now = NOW_MS) =>
      verifyDiscordSignature(keys.publicKeyHex, { signature, timestamp: NOW_SECONDS, rawBody: body, ...r }, now);

    expect(await check({})).toBeUndefined();
    expect(await check({ signature: signature.toUpperCase() })).toBeUndefined();
    expect(await check({ rawBody: '{"type":2}' })).toBe('bad-signature');
    expect(await check({ signature: await keys.sign(NOW_SECONDS, '{"type":2}') })).toBe('bad-signature');
    expect(await check({ signature: signature.slice(2) })).toBe('bad-signature');
    expect(await check({ signature: 'g'.repeat(128) })).toBe('bad-signature');
    expect(await check({ timestamp: '' })).toBe('missing-headers');
    expect(await check({}, NOW_MS + 301_000)).toBe('stale-timestamp');
    const other = await generateDiscordKeys();
    expect(
      await verifyDiscordSignature(other.publicKeyHex, { signature, timestamp: NOW_SECONDS, rawBody: body }, NOW_MS),
    ).toBe('bad-signature');
  });

  it('recognises a usable public key', () => {
    expect(isDiscordPublicKey('ab'.repeat(32))).toBe(true);
    expect(isDiscordPublicKey('ab'.repeat(31))).toBe(false);
    expect(isDiscordPublicKey('zz'.repeat(32))).toBe(false);
  });
});
