import type { KnownBlock } from '@slack/types';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chatApp } from '../helpers/chat-app.js';
import { blockTexts, expectWithinSlackLimits } from '../helpers/block-kit-checks.js';
import { startPlatformStub, type PlatformStub } from '../helpers/platform-stub.js';
import { NOW_SECONDS, signedSlack, slackCommand } from '../helpers/signed-requests.js';

interface SlashReply {
  response_type: 'ephemeral' | 'in_channel';
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
});

const post = async (init: RequestInit, options: Parameters<typeof chatApp>[0] = { stubUrl: stub.url }) => {
  const { app, pendingWork } = await chatApp(options);
  const res = await app.request('http://localhost/slack/commands', init);
  return { res, pendingWork };
};

describe('POST /slack/commands', () => {
  it('answers a signed command with ephemeral Block Kit: mrkdwn answer, code blocks, cited sources', async () => {
    const { res } = await post(await slackCommand({ text: 'how do I build a big string efficiently?' }));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const reply = (await res.json()) as SlashReply;
    expect(reply.response_type).toBe('ephemeral');
    expectWithinSlackLimits(reply.blocks);
    const texts = blockTexts(reply.blocks);
    expect(texts.join('\n')).toContain('*String Concatenation*'); // **bold** became *bold*
    expect(texts.join('\n')).not.toContain('**');
    expect(texts.some((t) => t.startsWith('```\n') && t.includes("''.join(strings)"))).toBe(true);
    const sources = reply.blocks.at(-1);
    expect(sources?.type).toBe('context');
    expect(blockTexts([sources as KnownBlock]).join(' ')).toMatch(
      /\*\[1\]\* String Concatenation · Optimize String Usage · python-memory-guidance\.md lines \d+–\d+/,
    );
    expect(reply.text).toContain('The guidance');
  });

  it('answers in the channel when the text starts with "public", without the word in the question', async () => {
    const { res } = await post(await slackCommand({ text: 'public how do I build a big string efficiently?' }));
    const reply = (await res.json()) as SlashReply;
    expect(reply.response_type).toBe('in_channel');
    expect(blockTexts(reply.blocks).join('\n')).toContain('String Concatenation');
  });

  it('checks code pasted in a ``` block and lists what it finds with 1-based line numbers', async () => {
    const text = 'is this ok?\n```python\nx = 1\ndef f(:\n    pass\n```';
    const { res } = await post(await slackCommand({ text }));
    const reply = (await res.json()) as SlashReply;
    expectWithinSlackLimits(reply.blocks);
    const first = blockTexts(reply.blocks)[0] ?? '';
    expect(first).toContain('does not parse');
    expect(first).toContain('*Line 2*'); // the analyzer's 0-based line 1
    expect(reply.blocks[1]?.type).toBe('divider');
  });

  it('finds a memory anti-pattern in pasted code and cites its tip', async () => {
    const text = 'why is this slow?\n```\ns = ""\nfor w in words:\n    s += w\n```';
    const reply = (await (await post(await slackCommand({ text }))).res.json()) as SlashReply;
    const first = blockTexts(reply.blocks)[0] ?? '';
    expect(first).toMatch(/finding/);
    expect(first).toContain('*Line 3*');
    expect(first).toContain('String Concatenation');
    expect(reply.text).toMatch(/^1 finding in your code\./);
    // Listed once: the answer's own findings preamble is not repeated under the findings block.
    expect(
      blockTexts(reply.blocks)
        .join('\n')
        .match(/Line 3/g),
    ).toHaveLength(1);
  });

  it('reads text as Slack encodes it (&lt; entities, mentions) before answering', async () => {
    const text = '<@U0BOT> what does `a &lt; b` cost? &amp; how do I build a big string efficiently?';
    const reply = (await (await post(await slackCommand({ text }))).res.json()) as SlashReply;
    expect(reply.response_type).toBe('ephemeral');
    expect(blockTexts(reply.blocks).join('\n')).toContain('String Concatenation');
  });

  it('answers an empty command with usage help, only to the asker', async () => {
    const reply = (await (await post(await slackCommand({ text: '  ' }))).res.json()) as SlashReply;
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text).toContain('/pymem how do I find a memory leak?');
  });

  it('explains the limit when the question is too long', async () => {
    const reply = (await (await post(await slackCommand({ text: 'w'.repeat(2_001) }))).res.json()) as SlashReply;
    expect(reply.text).toMatch(/2,001 characters; the limit is 2,000/);
  });

  it('refuses a wrong signature with 401 problem+json and processes nothing', async () => {
    const init = await slackCommand({ text: 'gc?' }, { secret: 'not-the-secret' });
    const { res, pendingWork } = await post(init);
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({ status: 401, type: 'urn:pymem:problem:bad-signature' });
    await pendingWork.drain();
    expect(stub.requests).toHaveLength(0);
  });

  it('refuses a body changed after signing', async () => {
    const init = await slackCommand({ text: 'gc?' });
    const res = (await post({ ...init, body: init.body.replace('gc%3F', 'leak%3F') })).res;
    expect(res.status).toBe(401);
  });

  it('refuses a timestamp more than 5 minutes old, even when correctly signed (replay)', async () => {
    const stale = String(Number(NOW_SECONDS) - 5 * 60 - 1);
    const res = (await post(await slackCommand({ text: 'gc?' }, { timestamp: stale }))).res;
    expect(res.status).toBe(401);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/more than 5 minutes/);
    const edge = String(Number(NOW_SECONDS) - 5 * 60);
    expect((await post(await slackCommand({ text: 'gc?' }, { timestamp: edge }))).res.status).toBe(200);
  });

  it('refuses requests without the signature headers', async () => {
    const init = await slackCommand({ text: 'gc?' });
    const res = (await post({ ...init, headers: { 'content-type': 'application/x-www-form-urlencoded' } })).res;
    expect(res.status).toBe(401);
  });

  it('answers 503 problem+json when no signing secret is configured, without looking at the request', async () => {
    const res = (await post(await slackCommand({ text: 'gc?' }), { stubUrl: stub.url, slack: { botToken: 'xoxb-1' } }))
      .res;
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(((await res.json()) as { detail: string }).detail).toContain('SLACK_SIGNING_SECRET');
  });

  it('rejects a signed body that is not form-encoded (415) or lacks fields (400)', async () => {
    const json = await post(await signedSlack('{"text":"gc?"}', 'application/json', {}));
    expect(json.res.status).toBe(415);
    const missing = await post(await signedSlack('text=hi', 'application/x-www-form-urlencoded', {}));
    expect(missing.res.status).toBe(400);
    const problem = (await missing.res.json()) as { errors: { path: string }[] };
    expect(problem.errors.map((e) => e.path)).toEqual(['command', 'user_id']);
  });

  it("answers Slack's signed certificate check with an empty 200", async () => {
    const { res } = await post(await signedSlack('ssl_check=1&token=x', 'application/x-www-form-urlencoded', {}));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });

  it('answers other methods with 405 and oversized bodies with 413, before any verification', async () => {
    const get = (await post({ method: 'GET' })).res;
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    const big = (await post(await signedSlack(`text=${'x'.repeat(140_000)}`, 'application/x-www-form-urlencoded', {})))
      .res;
    expect(big.status).toBe(413);
  });

  it('acknowledges at once and delivers through response_url when answers may be slow', async () => {
    const responseUrl = `${stub.url}/commands/T0001/123/abc`;
    const { res, pendingWork } = await post(
      await slackCommand({ text: 'public how do I build a big string efficiently?', response_url: responseUrl }),
      {
        stubUrl: stub.url,
        answerMayBeSlow: true,
      },
    );
    const ack = (await res.json()) as SlashReply;
    expect(ack.response_type).toBe('ephemeral');
    expect(ack.text).toContain('Looking that up');
    await pendingWork.drain();
    expect(stub.requests).toHaveLength(1);
    const late = stub.requests[0]!;
    expect(late.method).toBe('POST');
    expect(late.path).toBe('/commands/T0001/123/abc');
    const body = late.body as SlashReply & { replace_original: boolean };
    expect(body.response_type).toBe('in_channel');
    expect(body.replace_original).toBe(false);
    expectWithinSlackLimits(body.blocks);
    expect(blockTexts(body.blocks).join('\n')).toContain('String Concatenation');
  });
});
