import { createExecutionContext, env, SELF, waitOnExecutionContext } from 'cloudflare:test';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../src/app.js';
import { signSlackRequest } from '../../src/integrations/slack/slack-verification.js';
import { silentLogger } from '../../src/logger.js';
import { loadIndexFromAssets } from '../../src/platform/worker/assets-index.js';

// Slack's HMAC and Discord's Ed25519 verification through workerd's own WebCrypto, signed
// requests answered by the app as the Worker builds it, and late replies through waitUntil.

const SECRET = 'workerd-signing-secret-0123456789';
const NOW_MS = Date.UTC(2026, 0, 15, 12, 0, 0);
const TS = String(NOW_MS / 1000);
const API = 'http://127.0.0.1:8829';

let publicKeyHex: string;
let privateKey: CryptoKey;
let app: ReturnType<typeof createApp>;

const hex = (bytes: ArrayBuffer) => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');

beforeAll(async () => {
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  publicKeyHex = hex((await crypto.subtle.exportKey('raw', pair.publicKey)) as ArrayBuffer);
  privateKey = pair.privateKey;
  app = createApp({
    index: await loadIndexFromAssets(env.ASSETS),
    logger: silentLogger,
    now: () => NOW_MS,
    answerMayBeSlow: false,
    platforms: {
      slack: { signingSecret: SECRET, botToken: 'xoxb-workerd', apiBaseUrl: API },
      discord: { publicKey: publicKeyHex, apiBaseUrl: API },
    },
  });
});

afterEach(() => {
  vi.restoreAllMocks();
});

async function slackCommand(text: string, secret = SECRET) {
  const body = new URLSearchParams({ command: '/pymem', text, user_id: 'U1', channel_id: 'C1' }).toString();
  return new Request('http://localhost/slack/commands', {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': TS,
      'x-slack-signature': await signSlackRequest(secret, TS, body),
    },
  });
}

async function discordRequest(payload: unknown, key = privateKey) {
  const body = JSON.stringify(payload);
  const signature = hex(await crypto.subtle.sign({ name: 'Ed25519' }, key, new TextEncoder().encode(TS + body)));
  return new Request('http://localhost/discord/interactions', {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', 'x-signature-ed25519': signature, 'x-signature-timestamp': TS },
  });
}

const command = (question: string) => ({
  id: '1',
  application_id: '42',
  type: 2,
  token: 'tok',
  data: { id: '9', name: 'pymem', type: 1, options: [{ name: 'question', type: 3, value: question }] },
});

describe('Slack in workerd', () => {
  it('answers a signed slash command with Block Kit', async () => {
    const res = await app.fetch(await slackCommand('how do I build a big string efficiently?'));
    expect(res.status).toBe(200);
    const reply = (await res.json()) as { response_type: string; blocks: { type: string; text?: { text: string } }[] };
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.blocks.some((b) => b.text?.text.includes('*String Concatenation*'))).toBe(true);
    expect(reply.blocks.at(-1)?.type).toBe('context');
  });

  it('refuses a wrong HMAC with 401', async () => {
    const res = await app.fetch(await slackCommand('gc?', 'wrong-secret'));
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
  });
});

describe('Discord in workerd', () => {
  it('verifies Ed25519 with WebCrypto: PING → PONG, a forged signature → 401', async () => {
    const ping = await app.fetch(await discordRequest({ id: '1', application_id: '42', type: 1, token: 't' }));
    expect(await ping.json()).toEqual({ type: 1 });
    const other = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as CryptoKeyPair;
    const forged = await app.fetch(await discordRequest({ type: 1 }, other.privateKey));
    expect(forged.status).toBe(401);
  });

  it('answers /pymem with an embed', async () => {
    const res = await app.fetch(await discordRequest(command('how do I build a big string efficiently?')));
    const reply = (await res.json()) as {
      type: number;
      data: { content: string; embeds: { title: string; fields: { name: string }[] }[] };
    };
    expect(reply.type).toBe(4);
    expect(reply.data.content).toBe('> how do I build a big string efficiently?');
    expect(reply.data.embeds[0]?.fields[0]?.name).toBe('[1] String Concatenation');
  });

  it('defers a slow answer and delivers it through executionCtx.waitUntil', async () => {
    // workerd has no loopback server to receive it: the Worker's outbound fetch is recorded instead.
    const sent: { url: string; method: string; body: string }[] = [];
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      sent.push({ url: String(input), method: init?.method ?? 'GET', body: String(init?.body) });
      return new Response('{"id":"1"}', { headers: { 'content-type': 'application/json' } });
    });
    const slow = createApp({
      index: await loadIndexFromAssets(env.ASSETS),
      logger: silentLogger,
      now: () => NOW_MS,
      answerMayBeSlow: true,
      platforms: { discord: { publicKey: publicKeyHex, apiBaseUrl: API }, slack: { apiBaseUrl: API } },
    });
    const ctx = createExecutionContext();
    const res = await slow.fetch(await discordRequest(command('what does gc.collect do?')), {}, ctx);
    expect(await res.json()).toEqual({ type: 5, data: {} });
    await waitOnExecutionContext(ctx);
    expect(sent.map((s) => `${s.method} ${s.url}`)).toEqual([`PATCH ${API}/webhooks/42/tok/messages/@original`]);
    expect(JSON.parse(sent[0]!.body)).toMatchObject({ embeds: [{ title: 'From the Python memory guidance' }] });
  });
});

describe('the Worker entry without Slack or Discord secrets', () => {
  it('answers 503 problem+json on both platforms and processes nothing', async () => {
    for (const path of ['/slack/commands', '/slack/events', '/discord/interactions']) {
      const res = await SELF.fetch(`http://localhost${path}`, {
        method: 'POST',
        body: '{}',
        headers: { 'content-type': 'application/json' },
      });
      expect(res.status).toBe(503);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
    }
  });
});
