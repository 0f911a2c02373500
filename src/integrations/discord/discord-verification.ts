import { createMiddleware } from 'hono/factory';
import { chatProblems } from '../chat/signed-requests.js';
import type { DiscordConfig } from './discord-config.js';
import { verifyDiscordSignature, type DiscordVerificationFailure } from './verify-discord-signature.js';

/** The sub-app environment: `c.var.rawBody` is the verified body, exactly as Discord signed it. */
export interface DiscordEnv {
  Variables: { rawBody: string };
}

const DETAILS: Record<DiscordVerificationFailure, string> = {
  'missing-headers': 'X-Signature-Ed25519 and X-Signature-Timestamp are required.',
  'stale-timestamp': 'X-Signature-Timestamp is more than 5 minutes from now; the request may be a replay.',
  'bad-signature': 'X-Signature-Ed25519 does not match the body and the application public key.',
};

/**
 * Lets a request through only when Discord signed it: 503 when no public key is configured,
 * 401 otherwise (Discord itself sends badly signed requests to check that endpoints refuse them).
 *
 * @example app.post('/discord/interactions', verifiedDiscordRequest(config, Date.now), handler)
 */
export function verifiedDiscordRequest(config: DiscordConfig | undefined, now: () => number) {
  return createMiddleware<DiscordEnv>(async (c, next) => {
    const publicKey = config?.publicKey;
    if (!publicKey) return chatProblems.notConfigured(c, 'Discord', 'DISCORD_PUBLIC_KEY');
    const rawBody = await c.req.text();
    const failure = await verifyDiscordSignature(
      publicKey,
      { signature: c.req.header('x-signature-ed25519'), timestamp: c.req.header('x-signature-timestamp'), rawBody },
      now(),
    );
    if (failure) return chatProblems.unauthorized(c, DETAILS[failure]);
    c.set('rawBody', rawBody);
    await next();
  });
}
