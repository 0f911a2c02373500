import { Hono, type Context } from 'hono';
import type { Assistant } from '../../assistant.js';
import { parseChatQuestion, answerChatQuestion, chatQuestionProblem, type ChatReply } from '../chat/chat-question.js';
import type { ChatRuntime } from '../chat/chat-runtime.js';
import { firstOutcome, type FirstOutcome, runAfterResponse } from '../chat/chat-runtime.js';
import { chatProblems, mediaType } from '../chat/signed-requests.js';
import { renderSlackNotice, renderSlackReply, type SlackMessage } from './block-kit.js';
import { escapeMrkdwn, plainSlackText } from './mrkdwn.js';
import { postToResponseUrl } from './slack-api.js';
import type { SlackConfig } from './slack-schemas.js';
import { slashCommandSchema, type SlashCommand } from './slack-schemas.js';
import { verifiedSlackRequest, type SlackEnv } from './slack-verification.js';

type ResponseType = 'ephemeral' | 'in_channel';

const PUBLIC_PREFIX = /^public\b[:,]?\s*/i;
const THINKING = ':hourglass_flowing_sand: Looking that up in the guidance…';

/**
 * `POST /slack/commands`: the slash command (`/pymem how do I find a leak?`). Replies within
 * Slack's 3 seconds with Block Kit, only to the asker unless the text starts with `public`. An
 * answer that may be slow is acknowledged first and delivered through `response_url`.
 */
export function slackCommandRoutes(assistant: Assistant, config: SlackConfig | undefined, runtime: ChatRuntime) {
  return new Hono<SlackEnv>().post('/slack/commands', verifiedSlackRequest(config, runtime.now), async (c) => {
    if (mediaType(c) !== 'application/x-www-form-urlencoded') {
      return chatProblems.unsupportedMediaType(c, 'application/x-www-form-urlencoded');
    }
    const form = new URLSearchParams(c.var.rawBody);
    if (form.get('ssl_check') === '1') return c.body(null, 200); // Slack checking the certificate
    const parsed = slashCommandSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) return chatProblems.invalidBody(c, parsed.error);
    const command = parsed.data;

    const text = plainSlackText(command.text);
    const responseType: ResponseType = PUBLIC_PREFIX.test(text) ? 'in_channel' : 'ephemeral';
    const question = parseChatQuestion(text.replace(PUBLIC_PREFIX, ''));
    const problem = chatQuestionProblem(question);
    if (problem) return c.json({ response_type: 'ephemeral', ...renderSlackNotice(usage(command, problem)) });

    const answering = answerChatQuestion(assistant, question);
    // Without a response_url there is no way to answer late; a slow answer is deferred at once.
    const deadline = !command.response_url ? Infinity : runtime.answerMayBeSlow ? 0 : runtime.replyDeadlineMs;
    const first = await firstOutcome(answering, deadline);
    if (first.kind === 'answered') return c.json({ response_type: responseType, ...renderSlackReply(first.value) });
    if (first.kind === 'failed' || !command.response_url)
      return c.json({ response_type: 'ephemeral', ...apology(c, runtime, first) });

    runAfterResponse(
      c,
      deliverLate(answering, command.response_url, responseType, runtime, requestIdOf(c)),
      runtime.pendingWork,
    );
    return c.json({ response_type: 'ephemeral', ...renderSlackNotice(THINKING) });
  });
}

async function deliverLate(
  answering: Promise<ChatReply>,
  responseUrl: string,
  responseType: ResponseType,
  runtime: ChatRuntime,
  requestId: string | undefined,
): Promise<void> {
  let message: SlackMessage;
  try {
    message = renderSlackReply(await answering);
  } catch (error) {
    runtime.logger.error('slack_command_failed', { requestId, error: String(error) });
    message = renderSlackNotice(apologyText(requestId));
  }
  try {
    // The ephemeral acknowledgement is replaced; a public answer is a new message in the channel.
    await postToResponseUrl(responseUrl, {
      response_type: responseType,
      replace_original: responseType === 'ephemeral',
      ...message,
    });
    runtime.logger.info('slack_command_answered_late', { requestId });
  } catch (error) {
    runtime.logger.error('slack_response_url_failed', { requestId, error: String(error) });
  }
}

function apology(c: Context, runtime: ChatRuntime, outcome: FirstOutcome<ChatReply>): SlackMessage {
  const requestId = requestIdOf(c);
  if (outcome.kind === 'failed')
    runtime.logger.error('slack_command_failed', { requestId, error: String(outcome.error) });
  return renderSlackNotice(apologyText(requestId));
}

function apologyText(requestId: string | undefined): string {
  return `:warning: Sorry, something went wrong while answering.${requestId ? ` Reference: \`${requestId}\`.` : ''}`;
}

function usage(command: SlashCommand, problem: string): string {
  const name = escapeMrkdwn(command.command);
  return [
    problem,
    `For example: \`${name} how do I find a memory leak?\``,
    `Paste code in a code block (triple backticks) to have it checked, and start with \`public\` to answer in the channel: \`${name} public why is += on strings slow?\``,
  ].join('\n');
}

function requestIdOf(c: Context): string | undefined {
  return c.get('requestId');
}
