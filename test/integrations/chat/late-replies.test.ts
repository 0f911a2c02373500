import { Hono } from 'hono';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_ANSWER_OPTIONS } from '../../../src/answer/answer-options.js';
import { createAssistant, type Assistant } from '../../../src/assistant.js';
import { createPendingWork } from '../../../src/integrations/chat/chat-runtime.js';
import { discordRoutes } from '../../../src/integrations/discord/discord-routes.js';
import { slackRoutes } from '../../../src/integrations/slack/slack-routes.js';
import { silentLogger } from '../../../src/logger.js';
import { builtIndex } from '../../helpers/built-index.js';
import { longAnswer } from '../helpers/answers.js';
import { startPlatformStub, type PlatformStub } from '../helpers/platform-stub.js';
import {
  discordInteraction,
  generateDiscordKeys,
  NOW_MS,
  pymemCommand,
  SLACK_SECRET,
  slackCommand,
  type DiscordKeys,
} from '../helpers/signed-requests.js';

// The real Assistant, made slow or long-winded the way LLM mode can be, to test how replies
// reach Slack and Discord when they cannot go in the HTTP response.

/** Answers only once `release()` is called: later than any platform waits. */
function gated(assistant: Assistant) {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const slow: Assistant = { ...assistant, ask: async (q, o) => (await gate, assistant.ask(q, o)) };
  return { assistant: slow, release };
}

/** Answers at the length an LLM can write (a 4,000-character description). */
function longWinded(assistant: Assistant): Assistant {
  return {
    ...assistant,
    ask: async () => ({ ...longAnswer({ paragraphs: 12, codeLines: 200 }), mode: 'llm' as const }),
  };
}

let stub: PlatformStub;
let keys: DiscordKeys;
let assistant: Assistant;
beforeAll(async () => {
  stub = await startPlatformStub();
  keys = await generateDiscordKeys();
  assistant = createAssistant(await builtIndex(), DEFAULT_ANSWER_OPTIONS);
});
afterAll(() => stub.close());
beforeEach(() => {
  stub.requests.length = 0;
});

function mount(a: Assistant, replyDeadlineMs: number) {
  const pendingWork = createPendingWork(silentLogger);
  const deps = {
    logger: silentLogger,
    pendingWork,
    now: () => NOW_MS,
    replyDeadlineMs,
    platforms: {
      slack: { signingSecret: SLACK_SECRET, botToken: 'xoxb-test-token', apiBaseUrl: stub.url },
      discord: { publicKey: keys.publicKeyHex, apiBaseUrl: stub.url },
    },
  };
  const app = new Hono().route('/', slackRoutes(a, deps)).route('/', discordRoutes(a, deps));
  return { app, pendingWork };
}

describe('answers not ready within the deadline', () => {
  it('Slack: the command is acknowledged, then the answer replaces it through response_url', async () => {
    const { assistant: slow, release } = gated(assistant);
    const { app, pendingWork } = mount(slow, 20);
    const res = await app.request(
      'http://localhost/slack/commands',
      await slackCommand({ text: 'what does gc.collect do?', response_url: `${stub.url}/hooks/1` }),
    );
    expect(((await res.json()) as { text: string }).text).toContain('Looking that up');
    expect(stub.requests).toHaveLength(0);
    release();
    await pendingWork.drain();
    expect(stub.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /hooks/1']);
    expect(stub.requests[0]!.body).toMatchObject({ response_type: 'ephemeral', replace_original: true });
  });

  it('Discord: a deferred response, then the answer edits it through the interaction webhook', async () => {
    const { assistant: slow, release } = gated(assistant);
    const { app, pendingWork } = mount(slow, 20);
    const res = await app.request(
      'http://localhost/discord/interactions',
      await discordInteraction(keys, pymemCommand({ question: 'what does gc.collect do?' })),
    );
    expect(await res.json()).toEqual({ type: 5, data: {} });
    release();
    await pendingWork.drain();
    expect(stub.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'PATCH /webhooks/1200000000000000001/interaction-token-abc/messages/@original',
    ]);
    expect((stub.requests[0]!.body as { embeds: unknown[] }).embeds).toHaveLength(1);
  });
});

describe('answers longer than one Discord message', () => {
  it('sends the part that did not fit as a follow-up through the interaction webhook', async () => {
    const { app, pendingWork } = mount(longWinded(assistant), 2_500);
    const code = Array.from({ length: 30 }, (_, i) => `def f${i}(x=[]):\n    x.append(${i})\n`).join('\n');
    const res = await app.request(
      'http://localhost/discord/interactions',
      await discordInteraction(keys, pymemCommand({ question: 'why?', code })),
    );
    const reply = (await res.json()) as { type: number; data: { embeds: { title: string }[] } };
    expect(reply.type).toBe(4);
    expect(reply.data.embeds.map((e) => e.title)).toEqual(['30 findings in your code']);
    await pendingWork.drain();
    expect(stub.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /webhooks/1200000000000000001/interaction-token-abc',
    ]);
    const followUp = stub.requests[0]!.body as {
      content: string;
      embeds: { title: string; footer: { text: string } }[];
    };
    expect(followUp.embeds.map((e) => e.title)).toEqual(['From the Python memory guidance']);
    expect(followUp.embeds[0]!.footer.text).toBe('Written by a model from the cited tips');
  });
});
