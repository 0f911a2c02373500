import type { APIEmbed } from 'discord-api-types/v10';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { threadTurns, type DiscordThreadMessage } from '../../../src/integrations/discord/thread-history.js';
import { chatApp } from '../helpers/chat-app.js';
import { startPlatformStub, type PlatformStub } from '../helpers/platform-stub.js';
import { discordInteraction, generateDiscordKeys, pymemCommand, type DiscordKeys } from '../helpers/signed-requests.js';

const APP_ID = '1200000000000000001';
const THREAD_ID = '1400000000000000001';
/** The thread as Discord lists it, newest first: this app's earlier answer, and a system message. */
const THREAD: DiscordThreadMessage[] = [
  { id: '1400000000000000003', type: 18, content: 'thread renamed' },
  {
    id: '1400000000000000002',
    type: 20,
    author: { id: APP_ID, bot: true },
    application_id: APP_ID,
    content: '> are tuples smaller than lists?',
    embeds: [{ description: 'The guidance covers this under **Use Built-in Data Structures Wisely**: …' }],
  },
];

let stub: PlatformStub;
let keys: DiscordKeys;
beforeAll(async () => {
  stub = await startPlatformStub();
  keys = await generateDiscordKeys();
});
afterAll(() => stub.close());
beforeEach(() => {
  stub.requests.length = 0;
  stub.reply(({ path }) => (path.startsWith('/channels/') ? { body: THREAD } : { body: { id: '1' } }));
});

async function send(payload: unknown, botToken: string | undefined = 'bot-token-0123456789') {
  const { app } = await chatApp({
    stubUrl: stub.url,
    discordPublicKey: keys.publicKeyHex,
    ...(botToken ? { discordBotToken: botToken } : {}),
  });
  const res = await app.request('http://localhost/discord/interactions', await discordInteraction(keys, payload));
  return (await res.json()) as { type: number; data: { content: string; embeds: APIEmbed[] } };
}
const inThread = { channel_id: THREAD_ID, channel: { id: THREAD_ID, type: 11 } };
const historyCalls = () => stub.requests.filter((r) => r.path.startsWith('/channels/'));

describe('Discord threads as follow-up history', () => {
  it('reads the thread before answering /pymem there, so "why?" follows up on the earlier answer', async () => {
    const reply = await send(pymemCommand({ question: 'why?' }, inThread));
    const [call] = historyCalls();
    expect(call?.method).toBe('GET');
    expect(call?.path).toBe(`/channels/${THREAD_ID}/messages?limit=30`);
    expect(call?.headers.authorization).toBe('Bot bot-token-0123456789');
    expect(reply.data.embeds.at(-1)?.fields?.[0]?.name).toBe('[1] Tuples over Lists');
  });

  it('reads only the messages before the one "Ask pymem" was used on', async () => {
    const target = '1400000000000000009';
    await send({
      ...pymemCommand({}, inThread),
      data: {
        id: '1',
        name: 'Ask pymem',
        type: 3,
        target_id: target,
        resolved: { messages: { [target]: { content: 'why?' } } },
      },
    });
    expect(historyCalls()[0]?.path).toBe(`/channels/${THREAD_ID}/messages?limit=30&before=${target}`);
  });

  it('reads nothing outside threads or without a bot token, and answers on its own when Discord refuses', async () => {
    await send(pymemCommand({ question: 'why?' }, { channel_id: '1', channel: { id: '1', type: 0 } }));
    await send(pymemCommand({ question: 'why?' }, inThread), '');
    expect(historyCalls()).toHaveLength(0);
    stub.reply(() => ({ status: 403, body: { message: 'Missing Access', code: 50001 } }));
    const reply = await send(pymemCommand({ question: 'why?' }, inThread));
    expect(reply.data.embeds.at(-1)?.title).toBe('Not covered by the guidance');
  });
});

describe('threadTurns', () => {
  it("turns this app's answers into the question it quoted and its answer, people's messages into user turns", () => {
    const turns = threadTurns(
      [
        { id: '3', type: 0, author: { id: 'U1' }, content: 'and for dicts?' },
        { id: '2', type: 0, author: { id: 'U2' }, content: '' },
        ...THREAD,
      ],
      APP_ID,
    );
    expect(turns).toEqual([
      { role: 'user', content: 'are tuples smaller than lists?' },
      { role: 'assistant', content: 'The guidance covers this under **Use Built-in Data Structures Wisely**: …' },
      { role: 'user', content: 'and for dicts?' },
    ]);
  });
});
