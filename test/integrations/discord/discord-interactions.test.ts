import type { APIEmbed } from 'discord-api-types/v10';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DISCORD_LIMITS } from '../../../src/integrations/discord/discord-protocol.js';
import { embedsSize } from '../../../src/integrations/discord/discord-message.js';
import { chatApp } from '../helpers/chat-app.js';
import { startPlatformStub, type PlatformStub } from '../helpers/platform-stub.js';
import {
  discordInteraction,
  generateDiscordKeys,
  NOW_SECONDS,
  pymemCommand,
  type DiscordKeys,
} from '../helpers/signed-requests.js';

interface MessageData {
  content: string;
  embeds: APIEmbed[];
  flags?: number;
  allowed_mentions: { parse: string[] };
}
interface InteractionReply {
  type: number;
  data?: MessageData;
}

let stub: PlatformStub;
let keys: DiscordKeys;
beforeAll(async () => {
  stub = await startPlatformStub();
  keys = await generateDiscordKeys();
});
afterAll(() => stub.close());
beforeEach(() => {
  stub.requests.length = 0;
});

async function send(payload: unknown, options: { answerMayBeSlow?: boolean; timestamp?: string } = {}) {
  const { app, pendingWork } = await chatApp({
    stubUrl: stub.url,
    discordPublicKey: keys.publicKeyHex,
    answerMayBeSlow: options.answerMayBeSlow ?? false,
  });
  const res = await app.request(
    'http://localhost/discord/interactions',
    await discordInteraction(keys, payload, options),
  );
  return { res, pendingWork };
}

function expectWithinDiscordLimits(data: MessageData): void {
  expect(data.content.length).toBeLessThanOrEqual(DISCORD_LIMITS.content);
  expect(data.embeds.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedsPerMessage);
  expect(embedsSize(data.embeds)).toBeLessThanOrEqual(DISCORD_LIMITS.embedsTotal);
  for (const e of data.embeds) {
    expect(e.title?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.embedTitle);
    expect(e.description?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.embedDescription);
    expect(e.fields?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.embedFields);
    for (const f of e.fields ?? []) {
      expect(f.name.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldName);
      expect(f.value.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldValue);
    }
    expect(((e.description ?? '').match(/```/g) ?? []).length % 2).toBe(0);
  }
  expect(data.allowed_mentions).toEqual({ parse: [] });
}

describe('POST /discord/interactions', () => {
  it('answers a signed PING with PONG', async () => {
    const { res } = await send({ id: '1', application_id: '2', type: 1, token: 't', version: 1 });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ type: 1 });
  });

  it('answers /pymem with a message: the question quoted, an embed with the answer and a field per source', async () => {
    const { res, pendingWork } = await send(pymemCommand({ question: 'how do I build a big string efficiently?' }));
    expect(res.status).toBe(200);
    const reply = (await res.json()) as InteractionReply;
    expect(reply.type).toBe(4);
    const data = reply.data!;
    expectWithinDiscordLimits(data);
    expect(data.content).toBe('> how do I build a big string efficiently?');
    expect(data.flags).toBeUndefined();
    const [embed] = data.embeds;
    expect(embed?.title).toBe('From the Python memory guidance');
    expect(embed?.description).toContain('**String Concatenation**');
    expect(embed?.description).toContain("```python\nstrings = ['a', 'b', 'c']");
    expect(embed?.description).not.toContain('**Sources**');
    expect(embed?.fields?.[0]).toEqual({
      name: '[1] String Concatenation',
      value: expect.stringMatching(/^Optimize String Usage · python-memory-guidance\.md lines \d+–\d+$/),
    });
    await pendingWork.drain();
    expect(stub.requests).toHaveLength(0); // everything fit in the response
  });

  it('lists findings in the code option first, with 1-based line numbers and the cited tip', async () => {
    const { res } = await send(
      pymemCommand({ question: 'why is this slow?', code: '```python\ns = ""\nfor w in words:\n    s += w\n```' }),
    );
    const data = ((await res.json()) as InteractionReply).data!;
    expectWithinDiscordLimits(data);
    const [findings, answer] = data.embeds;
    expect(findings?.title).toBe('1 finding in your code');
    expect(findings?.description).toMatch(/^⚠️ \*\*Line 3\*\*: .+\*\(String Concatenation\)\*/);
    expect(answer?.title).toBe('From the Python memory guidance');
    expect(answer?.description).not.toMatch(/Line 3/);
  });

  it('answers only the asker with private:true', async () => {
    const { res } = await send(pymemCommand({ question: 'what does gc.collect do?', private: true }));
    expect(((await res.json()) as InteractionReply).data?.flags).toBe(64);
  });

  it('answers "Ask pymem" on a message, reading the code in its ``` block', async () => {
    const payload = {
      ...pymemCommand({}),
      data: {
        id: '1250000000000000002',
        name: 'Ask pymem',
        type: 3,
        target_id: '42',
        resolved: {
          messages: { '42': { id: '42', content: 'help, my script eats RAM\n```py\nx = 1\ndef f(:\n    pass\n```' } },
        },
      },
    };
    const data = ((await (await send(payload)).res.json()) as InteractionReply).data!;
    expectWithinDiscordLimits(data);
    expect(data.content).toBe('> help, my script eats RAM');
    expect(data.embeds[0]?.description).toContain('**Line 2**');
  });

  it('defers when answers may be slow, then edits the original response through the webhook', async () => {
    const { res, pendingWork } = await send(
      pymemCommand({ question: 'how do I build a big string efficiently?', private: true }),
      { answerMayBeSlow: true },
    );
    expect(await res.json()).toEqual({ type: 5, data: { flags: 64 } });
    await pendingWork.drain();
    expect(stub.requests).toHaveLength(1);
    const edit = stub.requests[0]!;
    expect(edit.method).toBe('PATCH');
    expect(edit.path).toBe('/webhooks/1200000000000000001/interaction-token-abc/messages/@original');
    const body = edit.body as MessageData;
    expectWithinDiscordLimits(body);
    expect(body.flags).toBeUndefined();
    expect(body.embeds[0]?.fields?.[0]?.name).toBe('[1] String Concatenation');
  });

  it('lists the findings that fit, counts the rest, and sends what exceeds 6,000 characters as a follow-up', async () => {
    const code = Array.from({ length: 30 }, (_, i) => `def f${i}(x=[]):\n    x.append(${i})\n    return x\n`).join(
      '\n',
    );
    const { res, pendingWork } = await send(
      pymemCommand({ question: 'how do I build a big string efficiently?', code }),
    );
    const data = ((await res.json()) as InteractionReply).data!;
    expectWithinDiscordLimits(data);
    const findings = data.embeds[0]!;
    expect(findings.title).toBe('30 findings in your code');
    const shown = findings.description?.match(/\*\*Line \d+\*\*/g)?.length ?? 0;
    expect(shown).toBeGreaterThan(5);
    expect(findings.description).toMatch(new RegExp(`\\*…and ${30 - shown} more\\.\\*$`));
    await pendingWork.drain();
    // Whatever did not fit in the response arrives as follow-ups, in order, each within the limits.
    const followUps = stub.requests.map((r) => {
      expect(`${r.method} ${r.path}`).toBe('POST /webhooks/1200000000000000001/interaction-token-abc');
      expectWithinDiscordLimits(r.body as MessageData);
      return r.body as MessageData;
    });
    const titles = [data, ...followUps].flatMap((m) => m.embeds.map((e) => e.title));
    expect(titles).toEqual(['30 findings in your code', 'From the Python memory guidance']);
  });

  it('explains an empty or too long question only to the asker', async () => {
    const data = ((await (await send(pymemCommand({ question: 'q'.repeat(2_001) }))).res.json()) as InteractionReply)
      .data!;
    expect(data.flags).toBe(64);
    expect(data.content).toMatch(/2,001 characters; the limit is 2,000/);
  });

  it('answers an unknown command with a notice and an unsupported interaction type with 400', async () => {
    const unknown = await send({ ...pymemCommand({}), data: { id: '9', name: 'other', type: 1 } });
    expect(((await unknown.res.json()) as InteractionReply).data?.content).toContain('Unknown command');
    const component = await send({ id: '1', application_id: '2', type: 3, token: 't', data: { custom_id: 'x' } });
    expect(component.res.status).toBe(400);
  });

  it('refuses a wrong signature, a stale timestamp and missing headers with 401', async () => {
    const { app } = await chatApp({ stubUrl: stub.url, discordPublicKey: keys.publicKeyHex });
    const other = await generateDiscordKeys();
    const payload = { id: '1', application_id: '2', type: 1, token: 't', version: 1 };
    const forged = await discordInteraction(other, payload);
    const stale = await discordInteraction(keys, payload, { timestamp: String(Number(NOW_SECONDS) - 301) });
    const good = await discordInteraction(keys, payload);
    const tampered = { ...good, body: good.body.replace('"type":1', '"type":2') };
    const malformed = { ...good, headers: { ...good.headers, 'x-signature-ed25519': 'zz' } };
    const unsigned = { method: 'POST', body: good.body, headers: { 'content-type': 'application/json' } };
    for (const init of [forged, stale, tampered, malformed, unsigned]) {
      const res = await app.request('http://localhost/discord/interactions', init);
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
    }
    expect((await app.request('http://localhost/discord/interactions', good)).status).toBe(200);
  });

  it('answers 503 problem+json when no public key is configured', async () => {
    const { app } = await chatApp({ stubUrl: stub.url });
    const res = await app.request('http://localhost/discord/interactions', await discordInteraction(keys, { type: 1 }));
    expect(res.status).toBe(503);
    expect(((await res.json()) as { detail: string }).detail).toContain('DISCORD_PUBLIC_KEY');
  });
});
