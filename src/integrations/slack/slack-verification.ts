import { createMiddleware } from 'hono/factory';
import { chatProblems, hexToBytes, isFreshTimestamp } from '../chat/signed-requests.js';
import type { SlackConfig } from './slack-schemas.js';

/** The sub-app environment: `c.var.rawBody` is the verified body, exactly as Slack signed it. */
export interface SlackEnv {
  Variables: { rawBody: string };
}

const DETAILS: Record<SlackVerificationFailure, string> = {
  'missing-headers': 'X-Slack-Signature and X-Slack-Request-Timestamp are required.',
  'stale-timestamp': 'X-Slack-Request-Timestamp is more than 5 minutes from now; the request may be a replay.',
  'bad-signature': 'X-Slack-Signature does not match the body and the signing secret.',
};

/**
 * Lets a request through only when Slack signed it: 503 when no signing secret is configured,
 * 401 for missing headers, a stale timestamp or a wrong signature. Nothing is parsed before.
 *
 * @example app.post('/slack/commands', verifiedSlackRequest(config, Date.now), handler)
 */
export function verifiedSlackRequest(config: SlackConfig | undefined, now: () => number) {
  return createMiddleware<SlackEnv>(async (c, next) => {
    const secret = config?.signingSecret;
    if (!secret) return chatProblems.notConfigured(c, 'Slack', 'SLACK_SIGNING_SECRET');
    const rawBody = await c.req.text();
    const failure = await verifySlackSignature(
      secret,
      { timestamp: c.req.header('x-slack-request-timestamp'), signature: c.req.header('x-slack-signature'), rawBody },
      now(),
    );
    if (failure) return chatProblems.unauthorized(c, DETAILS[failure]);
    c.set('rawBody', rawBody);
    await next();
  });
}

/** Why a request failed verification; each maps to a 401 with its own detail. */
export type SlackVerificationFailure = 'missing-headers' | 'stale-timestamp' | 'bad-signature';

export interface SlackSignedRequest {
  /** `X-Slack-Request-Timestamp`, Unix seconds. */
  readonly timestamp: string | undefined;
  /** `X-Slack-Signature`, `v0=` and the hex HMAC-SHA256. */
  readonly signature: string | undefined;
  /** The body exactly as received. */
  readonly rawBody: string;
}

const encoder = new TextEncoder();
const keys = new Map<string, Promise<CryptoKey>>();

/**
 * Checks a Slack request: HMAC-SHA256 of `v0:{timestamp}:{body}` with the signing secret, compared
 * in constant time by WebCrypto's `verify`, and a timestamp within 5 minutes of `nowMs`.
 * Returns `undefined` when the request is genuine.
 *
 * @example
 * const failure = await verifySlackSignature(secret, { timestamp, signature, rawBody }, Date.now());
 * if (failure) return unauthorized(failure);
 */
export async function verifySlackSignature(
  signingSecret: string,
  request: SlackSignedRequest,
  nowMs: number,
): Promise<SlackVerificationFailure | undefined> {
  const { timestamp, signature, rawBody } = request;
  if (!timestamp || !signature) return 'missing-headers';
  if (!isFreshTimestamp(timestamp, nowMs)) return 'stale-timestamp';
  const mac = signature.startsWith('v0=') ? hexToBytes(signature.slice(3)) : undefined;
  if (!mac || mac.length !== 32) return 'bad-signature';
  const data = encoder.encode(`v0:${timestamp}:${rawBody}`);
  const valid = await crypto.subtle.verify('HMAC', await hmacKey(signingSecret), mac, data);
  return valid ? undefined : 'bad-signature';
}

/**
 * Signs a body the way Slack does; for tests and local tools that call the endpoints.
 *
 * @example
 * const headers = { 'X-Slack-Request-Timestamp': ts, 'X-Slack-Signature': await signSlackRequest(secret, ts, body) };
 */
export async function signSlackRequest(signingSecret: string, timestamp: string, rawBody: string): Promise<string> {
  const mac = await crypto.subtle.sign(
    'HMAC',
    await hmacKey(signingSecret),
    encoder.encode(`v0:${timestamp}:${rawBody}`),
  );
  return `v0=${[...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
      'verify',
    ]);
    keys.set(secret, key);
  }
  return key;
}
