import type { KnownBlock } from '@slack/types';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fetchThreadHistory, threadTurns } from '../../../src/integrations/slack/thread-history.js';
import type { Logger } from '../../../src/logger.js';
import { blockTexts } from '../helpers/block-kit-checks.js';
import { chatApp } from '../helpers/chat-app.js';
import {
  startPlatformStub,
  type PlatformStub,
  type RecordedRequest,
  type StubReply,
} from '../helpers/platform-stub.js';
import { mentionEvent, slackEvent } from '../helpers/signed-requests.js';

const PARENT_TS = '1768478000.000100';
const MENTION_TS = '1768478500.000300';
const thread = [
  { type: 'message', ts: PARENT_TS, user: 'U0001', text: '<@U0BOT> are tuples smaller than lists?' },
  {
    type: 'message',
    ts: '1768478001.000200',
    bot_id: 'B0BOT',
    text: 'The guidance covers this under *Use Built-in Data Structures Wisely*:',
  },
  {
    type: 'message',
    ts: '1768478100.000100',
    subtype: 'channel_join',
    user: 'U0002',
    text: '<@U0002> has joined the channel',
  },
];

let stub: PlatformStub;
let repliesHandler: (request: RecordedRequest) => StubReply;
beforeAll(async () => {
  stub = await startPlatformStub();
});
afterAll(() => stub.close());
beforeEach(() => {
  stub.requests.length = 0;
  repliesHandler = () => ({ body: { ok: true, messages: thread, has_more: false } });
  stub.reply((request) =>
    request.path.startsWith('/conversations.replies')
      ? repliesHandler(request)
      : { body: { ok: true, ts: '1768478501.000100' } },
  );
});

const posted = () =>
  stub.requests.find((r) => r.path === '/chat.postMessage')?.body as {
    thread_ts: string;
    text: string;
    blocks: KnownBlock[];
  };
const repliesCalls = () => stub.requests.filter((r) => r.path.startsWith('/conversations.replies'));

async function mention(text: string, extra: Record<string, unknown>, logger?: Logger) {
  const { app, pendingWork } = await chatApp({ stubUrl: stub.url, ...(logger ? { logger } : {}) });
  await app.request('http://localhost/slack/events', await slackEvent(mentionEvent('EvT01', text, extra)));
  await pendingWork.drain();
}

describe('Slack threads as follow-up history', () => {
  it('reads the thread with conversations.replies and answers the mention as a follow-up', async () => {
    await mention('<@U0BOT> why?', { ts: MENTION_TS, thread_ts: PARENT_TS });
    const [call] = repliesCalls();
    expect(call?.method).toBe('GET');
    expect(call?.headers.authorization).toBe('Bearer xoxb-test-token');
    const query = new URL(call?.path ?? '', 'http://stub').searchParams;
    expect(Object.fromEntries(query)).toEqual({
      channel: 'C0001',
      ts: PARENT_TS,
      latest: MENTION_TS,
      inclusive: 'false',
      limit: '50',
    });
    // "why?" alone names no topic; after the thread's question it is answered from the tuples tip.
    expect(blockTexts(posted().blocks).join('\n')).toContain('*[1]* Tuples over Lists');
    expect(posted().thread_ts).toBe(PARENT_TS);
  });

  it('does not read history for a mention that starts a thread', async () => {
    await mention('<@U0BOT> what is a weak reference?', {});
    expect(repliesCalls()).toHaveLength(0);
    expect(blockTexts(posted().blocks).join('\n')).toContain('*Weak References*');
  });

  it('answers on its own, and logs why, when Slack refuses the history (a missing scope)', async () => {
    repliesHandler = () => ({ body: { ok: false, error: 'missing_scope' } });
    const errors: string[] = [];
    const logger: Logger = {
      info: () => {},
      error: (event, fields) => errors.push(`${event} ${JSON.stringify(fields)}`),
    };
    await mention('<@U0BOT> why?', { ts: MENTION_TS, thread_ts: PARENT_TS }, logger);
    expect(errors.join('\n')).toMatch(/slack_thread_history_failed.*missing_scope/);
    expect(posted().text).toContain("doesn't name anything to look up");
  });

  it('follows the cursor of a long thread, up to its page limit', async () => {
    let page = 0;
    repliesHandler = () => {
      page++;
      return {
        body: {
          ok: true,
          messages: [{ ts: `1768478${String(page).padStart(3, '0')}.000100`, user: 'U0001', text: `question ${page}` }],
          has_more: true,
          response_metadata: { next_cursor: `c${page}` },
        },
      };
    };
    const history = await fetchThreadHistory(
      { apiBaseUrl: stub.url, botToken: 'xoxb-test-token' },
      { channel: 'C0001', threadTs: PARENT_TS, beforeTs: MENTION_TS },
    );
    expect(history.map((t) => t.content)).toEqual(['question 1', 'question 2', 'question 3', 'question 4']);
    expect(repliesCalls().map((c) => new URL(c.path, 'http://stub').searchParams.get('cursor'))).toEqual([
      null,
      'c1',
      'c2',
      'c3',
    ]);
  });
});

describe('threadTurns', () => {
  it('keeps what was said before the mention, bots as the assistant, markup removed', () => {
    const turns = threadTurns(
      [...thread, { ts: MENTION_TS, user: 'U0001', text: '<@U0BOT> what about dicts?' }],
      MENTION_TS,
    );
    expect(turns).toEqual([
      { role: 'user', content: 'are tuples smaller than lists?' },
      { role: 'assistant', content: 'The guidance covers this under *Use Built-in Data Structures Wisely*:' },
    ]);
  });
});
