import type { KnownBlock } from '@slack/types';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../../src/logger.js';
import { blockTexts, expectWithinSlackLimits } from '../helpers/block-kit-checks.js';
import { chatApp, type ChatAppOptions } from '../helpers/chat-app.js';
import { startPlatformStub, type PlatformStub } from '../helpers/platform-stub.js';
import { mentionEvent, NOW_SECONDS, slackEvent } from '../helpers/signed-requests.js';

interface PostedMessage {
  channel: string;
  thread_ts: string;
  text: string;
  blocks: KnownBlock[];
}

let stub: PlatformStub;
beforeAll(async () => {
  stub = await startPlatformStub();
});
afterAll(() => stub.close());
beforeEach(() => {
  stub.requests.length = 0;
  stub.reply(({ path }) => ({ body: path === '/chat.postMessage' ? { ok: true, ts: '1768478401.000200' } : {} }));
});

async function app(options: Partial<ChatAppOptions> = {}) {
  return chatApp({ stubUrl: stub.url, ...options });
}

const postMessages = () => stub.requests.filter((r) => r.path === '/chat.postMessage');

describe('POST /slack/events', () => {
  it('answers the URL verification challenge', async () => {
    const { app: a } = await app();
    const res = await a.request(
      'http://localhost/slack/events',
      await slackEvent({ token: 't', challenge: 'c-123', type: 'url_verification' }),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: 'c-123' });
  });

  it('acknowledges a mention at once, then answers in its thread with the bot token', async () => {
    const { app: a, pendingWork } = await app();
    const event = mentionEvent('Ev001', '<@U0BOT> how do I build a big string efficiently?');
    const res = await a.request('http://localhost/slack/events', await slackEvent(event));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    await pendingWork.drain();

    const [post] = postMessages();
    expect(post).toBeDefined();
    expect(post!.method).toBe('POST');
    expect(post!.headers.authorization).toBe('Bearer xoxb-test-token');
    expect(post!.headers['content-type']).toBe('application/json; charset=utf-8');
    const message = post!.body as PostedMessage;
    expect(message.channel).toBe('C0001');
    expect(message.thread_ts).toBe(event.event.ts);
    expectWithinSlackLimits(message.blocks);
    expect(blockTexts(message.blocks).join('\n')).toContain('*String Concatenation*');
    expect(message.text).toContain('The guidance');
  });

  it('replies under the thread a mention was made in', async () => {
    const { app: a, pendingWork } = await app();
    const event = mentionEvent('Ev002', '<@U0BOT> what is gc.collect for?', {
      ts: '1768478500.000300',
      thread_ts: '1768478000.000100',
    });
    await a.request('http://localhost/slack/events', await slackEvent(event));
    await pendingWork.drain();
    expect((postMessages()[0]?.body as PostedMessage).thread_ts).toBe('1768478000.000100');
  });

  it('answers direct messages in their thread, with findings for pasted code first', async () => {
    const { app: a, pendingWork } = await app();
    const dm = {
      type: 'event_callback',
      event_id: 'Ev003',
      event: {
        type: 'message',
        channel_type: 'im',
        channel: 'D0001',
        user: 'U0001',
        ts: '1768478600.000100',
        text: 'does this parse?\n```x = 1\ndef f(:\n    pass```',
      },
    };
    await a.request('http://localhost/slack/events', await slackEvent(dm));
    await pendingWork.drain();
    const message = postMessages()[0]?.body as PostedMessage;
    expect(message.channel).toBe('D0001');
    expect(message.thread_ts).toBe('1768478600.000100');
    expect(blockTexts(message.blocks)[0]).toContain('*Line 2*');
  });

  it('ignores bot messages, edits and other subtypes, so bots never answer each other', async () => {
    const { app: a, pendingWork } = await app();
    const ignored = [
      mentionEvent('Ev010', '<@U0BOT> gc?', { bot_id: 'B0001' }),
      {
        ...mentionEvent('Ev011', 'gc?'),
        event: { type: 'message', channel_type: 'im', subtype: 'message_changed', channel: 'D1', ts: '1.2' },
      },
      {
        ...mentionEvent('Ev012', 'gc?'),
        event: { type: 'message', channel_type: 'channel', user: 'U1', channel: 'C1', ts: '1.2', text: 'gc?' },
      },
      { ...mentionEvent('Ev013', 'gc?'), event: { type: 'reaction_added', user: 'U1' } },
    ];
    for (const payload of ignored) {
      const res = await a.request('http://localhost/slack/events', await slackEvent(payload));
      expect(res.status).toBe(200);
    }
    await pendingWork.drain();
    expect(stub.requests).toHaveLength(0);
  });

  it('answers an event once: a retry (X-Slack-Retry-Num) or replay of its event_id is acknowledged and skipped', async () => {
    const { app: a, pendingWork } = await app();
    const event = mentionEvent('Ev020', '<@U0BOT> how do weak references help?');
    const first = await a.request('http://localhost/slack/events', await slackEvent(event));
    const retry = await a.request(
      'http://localhost/slack/events',
      await slackEvent(event, { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } }),
    );
    const replay = await a.request('http://localhost/slack/events', await slackEvent(event));
    expect([first.status, retry.status, replay.status]).toEqual([200, 200, 200]);
    await pendingWork.drain();
    expect(postMessages()).toHaveLength(1);
  });

  it('refuses unsigned, wrongly signed and stale requests with 401 and posts nothing', async () => {
    const { app: a, pendingWork } = await app();
    const event = mentionEvent('Ev030', '<@U0BOT> gc?');
    const bad = await slackEvent(event, { secret: 'wrong-secret' });
    const stale = await slackEvent(event, { timestamp: String(Number(NOW_SECONDS) - 301) });
    const future = await slackEvent(event, { timestamp: String(Number(NOW_SECONDS) + 301) });
    const unsigned = { method: 'POST', body: JSON.stringify(event), headers: { 'content-type': 'application/json' } };
    for (const init of [bad, stale, future, unsigned]) {
      const res = await a.request('http://localhost/slack/events', init);
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
    }
    await pendingWork.drain();
    expect(stub.requests).toHaveLength(0);
    // The refused attempts did not use up the event id: the genuine delivery is still answered.
    await a.request('http://localhost/slack/events', await slackEvent(event));
    await pendingWork.drain();
    expect(postMessages()).toHaveLength(1);
  });

  it('answers 503 without a signing secret; without a bot token only the URL check works', async () => {
    const noSecret = (await app({ slack: { botToken: 'xoxb-1' } })).app;
    const res = await noSecret.request(
      'http://localhost/slack/events',
      await slackEvent({ type: 'url_verification', challenge: 'c' }),
    );
    expect(res.status).toBe(503);

    const noToken = (await app({ slack: { signingSecret: 'test-signing-secret-0123456789abcdef' } })).app;
    const check = await noToken.request(
      'http://localhost/slack/events',
      await slackEvent({ type: 'url_verification', challenge: 'c' }),
    );
    expect(check.status).toBe(200);
    const mention = await noToken.request(
      'http://localhost/slack/events',
      await slackEvent(mentionEvent('Ev040', 'gc?')),
    );
    expect(mention.status).toBe(503);
    expect(((await mention.json()) as { detail: string }).detail).toContain('SLACK_BOT_TOKEN');
  });

  it('rejects malformed JSON and envelopes without an event id with 400', async () => {
    const { app: a } = await app();
    const { signedSlack } = await import('../helpers/signed-requests.js');
    expect(
      (await a.request('http://localhost/slack/events', await signedSlack('{not json', 'application/json', {}))).status,
    ).toBe(400);
    const res = await a.request(
      'http://localhost/slack/events',
      await slackEvent({ type: 'event_callback', event: { type: 'app_mention' } }),
    );
    expect(res.status).toBe(400);
  });

  it('retries a rate-limited post after Retry-After, and logs a post Slack refuses', async () => {
    const logged: string[] = [];
    const logger: Logger = { info: (e) => logged.push(e), error: (e) => logged.push(e) };
    let calls = 0;
    stub.reply(() =>
      ++calls === 1
        ? { status: 429, headers: { 'retry-after': '0' }, body: { ok: false, error: 'ratelimited' } }
        : { body: { ok: true } },
    );
    const { app: a, pendingWork } = await app({ logger });
    await a.request('http://localhost/slack/events', await slackEvent(mentionEvent('Ev050', 'gc?')));
    await pendingWork.drain();
    expect(postMessages()).toHaveLength(2);
    expect(logged).toContain('slack_event_answered');

    stub.reply(() => ({ body: { ok: false, error: 'channel_not_found' } }));
    await a.request('http://localhost/slack/events', await slackEvent(mentionEvent('Ev051', 'gc?')));
    await pendingWork.drain();
    expect(logged).toContain('slack_post_failed');
  });
});
