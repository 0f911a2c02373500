import { createMiddleware } from 'hono/factory';
import { chatProblems, hexToBytes, isFreshTimestamp } from '../chat/signed-requests.js';
import type { DiscordConfig } from './discord-schemas.js';

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

/** Why a request failed verification; each maps to a 401 with its own detail. */
export type DiscordVerificationFailure = 'missing-headers' | 'stale-timestamp' | 'bad-signature';

export interface DiscordSignedRequest {
  /** `X-Signature-Ed25519`, 64 bytes in hex. */
  readonly signature: string | undefined;
  /** `X-Signature-Timestamp`, Unix seconds. */
  readonly timestamp: string | undefined;
  /** The body exactly as received. */
  readonly rawBody: string;
}

/**
 * WebCrypto's standard name. Node 20 and workerd both accept it (workerd also knows the older
 * `NODE-ED25519`, which Node rejects), so one code path serves both runtimes.
 */
const ED25519 = { name: 'Ed25519' } as const;
const encoder = new TextEncoder();
const keys = new Map<string, Promise<CryptoKey>>();

/**
 * Checks a Discord interaction: the Ed25519 signature of `timestamp + body` with the application's
 * public key, and a timestamp within 5 minutes of `nowMs` (as for Slack, to refuse replays).
 * Returns `undefined` when the request is genuine.
 *
 * @example
 * const failure = await verifyDiscordSignature(publicKeyHex, { signature, timestamp, rawBody }, Date.now());
 */
export async function verifyDiscordSignature(
  publicKeyHex: string,
  request: DiscordSignedRequest,
  nowMs: number,
): Promise<DiscordVerificationFailure | undefined> {
  const { signature, timestamp, rawBody } = request;
  if (!signature || !timestamp) return 'missing-headers';
  if (!isFreshTimestamp(timestamp, nowMs)) return 'stale-timestamp';
  const signatureBytes = hexToBytes(signature);
  if (!signatureBytes || signatureBytes.length !== 64) return 'bad-signature';
  const key = await publicKey(publicKeyHex);
  const valid = await crypto.subtle.verify(ED25519, key, signatureBytes, encoder.encode(timestamp + rawBody));
  return valid ? undefined : 'bad-signature';
}

/** Whether `hex` is a usable Ed25519 public key (32 bytes of hex), as config validation needs. */
export function isDiscordPublicKey(hex: string): boolean {
  return hexToBytes(hex)?.length === 32;
}

function publicKey(hex: string): Promise<CryptoKey> {
  let key = keys.get(hex);
  if (!key) {
    const raw = hexToBytes(hex);
    if (!raw || raw.length !== 32) return Promise.reject(new Error('DISCORD_PUBLIC_KEY must be 64 hex characters'));
    key = crypto.subtle.importKey('raw', raw, ED25519, false, ['verify']);
    keys.set(hex, key);
  }
  return key;
}
