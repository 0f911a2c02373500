import { Hono } from 'hono';
import type { ChatTurn } from '../../answer/follow-up/chat-turn.js';
import type { Assistant } from '../../assistant.js';
import { parseChatQuestion, answerChatQuestion, chatQuestionProblem } from '../chat/chat-question.js';
import type { ChatRuntime } from '../chat/chat-runtime.js';
import { runAfterResponse } from '../chat/chat-runtime.js';
import { chatProblems, parseRawJson } from '../chat/signed-requests.js';
import { renderSlackNotice, renderSlackReply, type SlackMessage } from './block-kit.js';
import type { EventDedupe } from './event-dedupe.js';
import { plainSlackText } from './mrkdwn.js';
import { postThreadReply, type SlackApiOptions } from './slack-api.js';
import type { SlackConfig } from './slack-schemas.js';
import { envelopeTypeSchema, eventCallbackSchema, urlVerificationSchema, type SlackEvent } from './slack-schemas.js';
import { verifiedSlackRequest, type SlackEnv } from './slack-verification.js';
import { fetchThreadHistory } from './thread-history.js';

/** A message the bot answers: where to reply and what was asked. */
interface Mention {
  readonly channel: string;
  readonly threadTs: string;
  readonly text: string;
  /** The message's own ts; in an existing thread (`threadTs` differs), the thread before it is the history. */
  readonly ts: string;
}

/**
 * `POST /slack/events`: the Events API. Answers the URL check, and `app_mention` and direct
 * messages in their thread with `chat.postMessage`. The HTTP reply is immediate; the answer is
 * posted after it. Retries and replays of an event id are acknowledged and skipped.
 */
export function slackEventRoutes(
  assistant: Assistant,
  config: SlackConfig | undefined,
  dedupe: EventDedupe,
  runtime: ChatRuntime,
) {
  return new Hono<SlackEnv>().post('/slack/events', verifiedSlackRequest(config, runtime.now), async (c) => {
    const body = parseRawJson(c, c.var.rawBody);
    if (body instanceof Response) return body;
    const envelope = envelopeTypeSchema.safeParse(body);
    if (!envelope.success) return chatProblems.invalidBody(c, envelope.error);

    if (envelope.data.type === 'url_verification') {
      const check = urlVerificationSchema.safeParse(body);
      return check.success ? c.json({ challenge: check.data.challenge }) : chatProblems.invalidBody(c, check.error);
    }
    if (envelope.data.type !== 'event_callback') return c.body(null, 200); // e.g. app_rate_limited

    const callback = eventCallbackSchema.safeParse(body);
    if (!callback.success) return chatProblems.invalidBody(c, callback.error);
    const botToken = config?.botToken;
    if (!botToken) return chatProblems.notConfigured(c, 'Slack', 'SLACK_BOT_TOKEN');

    const mention = answerableMessage(callback.data.event);
    if (!mention) return c.body(null, 200);
    const eventId = callback.data.event_id;
    if (!dedupe.claim(eventId)) {
      runtime.logger.info('slack_event_duplicate', {
        eventId,
        retryNum: c.req.header('x-slack-retry-num'),
        retryReason: c.req.header('x-slack-retry-reason'),
      });
      return c.body(null, 200);
    }
    const api = { apiBaseUrl: config.apiBaseUrl, botToken };
    runAfterResponse(c, answerInThread(assistant, api, mention, runtime, eventId), runtime.pendingWork);
    return c.body(null, 200);
  });
}

/**
 * The mention or direct message to answer, or `undefined` for everything else: other event
 * types, edits and other subtypes, and messages from bots (this one included), so bots never
 * answer each other in a loop.
 */
export function answerableMessage(event: SlackEvent): Mention | undefined {
  const isMention = event.type === 'app_mention';
  const isDirectMessage = event.type === 'message' && event.channel_type === 'im';
  if (!isMention && !isDirectMessage) return undefined;
  if (event.bot_id || event.subtype || !event.user || !event.channel || !event.ts) return undefined;
  return { channel: event.channel, threadTs: event.thread_ts ?? event.ts, text: event.text ?? '', ts: event.ts };
}

async function answerInThread(
  assistant: Assistant,
  api: SlackApiOptions,
  mention: Mention,
  runtime: ChatRuntime,
  eventId: string,
): Promise<void> {
  const started = runtime.now();
  const question = parseChatQuestion(plainSlackText(mention.text));
  const problem = chatQuestionProblem(question);
  let message: SlackMessage;
  try {
    message = problem
      ? renderSlackNotice(`${problem}\nFor example: _how do I find a memory leak?_`)
      : renderSlackReply(
          await answerChatQuestion(assistant, question, await threadHistory(api, mention, runtime, eventId)),
        );
  } catch (error) {
    runtime.logger.error('slack_event_failed', { eventId, error: String(error) });
    message = renderSlackNotice(`:warning: Sorry, something went wrong while answering. Reference: \`${eventId}\`.`);
  }
  try {
    await postThreadReply(api, { channel: mention.channel, thread_ts: mention.threadTs, ...message });
    runtime.logger.info('slack_event_answered', { eventId, channel: mention.channel, ms: runtime.now() - started });
  } catch (error) {
    runtime.logger.error('slack_post_failed', { eventId, channel: mention.channel, error: String(error) });
  }
}

/**
 * A reply inside an existing thread follows up on it: the thread's earlier messages are the
 * history. Without them (not in a thread, or Slack refused: a missing `*:history` scope, a rate
 * limit) the question is answered on its own.
 */
async function threadHistory(
  api: SlackApiOptions,
  mention: Mention,
  runtime: ChatRuntime,
  eventId: string,
): Promise<ChatTurn[]> {
  if (mention.threadTs === mention.ts) return [];
  try {
    return await fetchThreadHistory(api, {
      channel: mention.channel,
      threadTs: mention.threadTs,
      beforeTs: mention.ts,
    });
  } catch (error) {
    runtime.logger.error('slack_thread_history_failed', { eventId, channel: mention.channel, error: String(error) });
    return [];
  }
}
