import { signSlackRequest } from '../../../src/integrations/slack/slack-verification.js';

export const SLACK_SECRET = 'test-signing-secret-0123456789abcdef';

/** A fixed "now" the app's clock returns, so timestamps are deterministic. */
export const NOW_MS = Date.UTC(2026, 0, 15, 12, 0, 0);
export const NOW_SECONDS = String(Math.floor(NOW_MS / 1000));

/** A slash command POST exactly as Slack sends it (form-encoded, signed). */
export async function slackCommand(
  fields: Record<string, string>,
  options: { timestamp?: string; secret?: string } = {},
) {
  const body = new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: 'T0001',
    channel_id: 'C0001',
    user_id: 'U0001',
    user_name: 'ada',
    command: '/pymem',
    text: '',
    ...fields,
  }).toString();
  return signedSlack(body, 'application/x-www-form-urlencoded', options);
}

/** An Events API POST (JSON, signed). */
export async function slackEvent(
  payload: unknown,
  options: { timestamp?: string; secret?: string; headers?: Record<string, string> } = {},
) {
  return signedSlack(JSON.stringify(payload), 'application/json', options);
}

export async function signedSlack(
  body: string,
  contentType: string,
  options: { timestamp?: string; secret?: string; headers?: Record<string, string> },
) {
  const timestamp = options.timestamp ?? NOW_SECONDS;
  const signature = await signSlackRequest(options.secret ?? SLACK_SECRET, timestamp, body);
  return {
    method: 'POST',
    body,
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': timestamp,
      'x-slack-signature': signature,
      ...options.headers,
    },
  } satisfies RequestInit;
}

/** An app_mention event_callback as Slack sends it. */
export function mentionEvent(eventId: string, text: string, extra: Record<string, unknown> = {}) {
  return {
    token: 'deprecated',
    team_id: 'T0001',
    api_app_id: 'A0001',
    type: 'event_callback',
    event_id: eventId,
    event_time: Number(NOW_SECONDS),
    event: {
      type: 'app_mention',
      user: 'U0001',
      text,
      ts: '1768478400.000100',
      channel: 'C0001',
      event_ts: '1768478400.000100',
      ...extra,
    },
  };
}

/** A Discord application key pair, made fresh for the test run with WebCrypto. */
export interface DiscordKeys {
  readonly publicKeyHex: string;
  sign(timestamp: string, body: string): Promise<string>;
}

export async function generateDiscordKeys(): Promise<DiscordKeys> {
  const pair = await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify']);
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  return {
    publicKeyHex: toHex(raw),
    async sign(timestamp, body) {
      const signature = await crypto.subtle.sign(
        { name: 'Ed25519' },
        pair.privateKey,
        new TextEncoder().encode(timestamp + body),
      );
      return toHex(new Uint8Array(signature));
    },
  };
}

/** An interaction POST signed with `keys` (the body as Discord sends it). */
export async function discordInteraction(keys: DiscordKeys, payload: unknown, options: { timestamp?: string } = {}) {
  const body = JSON.stringify(payload);
  const timestamp = options.timestamp ?? NOW_SECONDS;
  return {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/json',
      'x-signature-ed25519': await keys.sign(timestamp, body),
      'x-signature-timestamp': timestamp,
    },
  } satisfies RequestInit;
}

/** `/pymem question:… [code:…]` as an application command interaction. */
export function pymemCommand(options: Record<string, string | boolean>, extra: Record<string, unknown> = {}) {
  return {
    id: '1300000000000000001',
    application_id: '1200000000000000001',
    type: 2,
    token: 'interaction-token-abc',
    version: 1,
    data: {
      id: '1250000000000000001',
      name: 'pymem',
      type: 1,
      options: Object.entries(options).map(([name, value]) => ({
        name,
        type: typeof value === 'boolean' ? 5 : 3,
        value,
      })),
    },
    ...extra,
  };
}

export function toHex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}
