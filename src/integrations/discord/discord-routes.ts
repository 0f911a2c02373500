import { Hono, type Context } from 'hono';
import type { ChatTurn } from '../../answer/follow-up/chat-turn.js';
import type { Assistant } from '../../assistant.js';
import { answerChatQuestion, chatQuestionProblem, type ChatReply } from '../chat/chat-question.js';
import {
  chatRuntime,
  type ChatRuntime,
  type ChatRuntimeDeps,
  firstOutcome,
  runAfterResponse,
} from '../chat/chat-runtime.js';
import { chatProblems, parseRawJson } from '../chat/signed-requests.js';
import { editOriginalResponse, sendFollowUp, type InteractionWebhook } from './discord-api.js';
import { askFromCommand, SLASH_COMMAND } from './discord-commands.js';
import { renderDiscordNotice, renderDiscordReply, type DiscordMessage } from './discord-message.js';
import { FLAGS, INTERACTION, RESPONSE } from './discord-protocol.js';
import {
  DEFAULT_DISCORD_API_BASE_URL,
  type DiscordConfig,
  commandInteractionSchema,
  interactionTypeSchema,
  type CommandInteraction,
} from './discord-schemas.js';
import { verifiedDiscordRequest, type DiscordEnv } from './discord-verification.js';
import { fetchThreadHistory, isThreadChannel } from './thread-history.js';

export interface DiscordRoutesDeps extends ChatRuntimeDeps {
  readonly platforms?: { readonly discord?: DiscordConfig | undefined } | undefined;
}

/**
 * `POST /discord/interactions`, the app's Interactions Endpoint URL: PING → PONG, and `/pymem`
 * (or "Ask pymem" on a message) → an answer with embeds. A slow answer gets a deferred response
 * at once and arrives by editing it through the interaction webhook.
 *
 * @example
 * app.route('/', discordRoutes(assistant, { platforms: { discord: { publicKey, apiBaseUrl } }, logger }));
 */
export function discordRoutes(assistant: Assistant, deps: DiscordRoutesDeps) {
  const runtime = chatRuntime(deps, assistant);
  const config = deps.platforms?.discord;
  return new Hono<DiscordEnv>().post(
    '/discord/interactions',
    verifiedDiscordRequest(config, runtime.now),
    async (c) => {
      const body = parseRawJson(c, c.var.rawBody);
      if (body instanceof Response) return body;
      const kind = interactionTypeSchema.safeParse(body);
      if (!kind.success) return chatProblems.invalidBody(c, kind.error);
      if (kind.data.type === INTERACTION.ping) return c.json({ type: RESPONSE.pong });
      if (kind.data.type !== INTERACTION.applicationCommand) {
        return chatProblems.badRequest(
          c,
          `Interaction type ${kind.data.type} is not supported; this app only has commands.`,
        );
      }
      const interaction = commandInteractionSchema.safeParse(body);
      if (!interaction.success) return chatProblems.invalidBody(c, interaction.error);

      const ask = askFromCommand(interaction.data.data);
      if (!ask)
        return reply(c, renderDiscordNotice(`Unknown command; use \`/${SLASH_COMMAND}\`.`, { ephemeral: true }));
      const problem = chatQuestionProblem(ask.question);
      if (problem) return reply(c, renderDiscordNotice(problem, { ephemeral: true }));

      const hook: InteractionWebhook = {
        apiBaseUrl: config?.apiBaseUrl ?? DEFAULT_DISCORD_API_BASE_URL,
        applicationId: interaction.data.application_id,
        token: interaction.data.token,
      };
      const answering = threadHistory(interaction.data, config, runtime, c.get('requestId')).then((history) =>
        answerChatQuestion(assistant, ask.question, history),
      );
      const first = await firstOutcome(answering, runtime.answerMayBeSlow ? 0 : runtime.replyDeadlineMs);
      if (first.kind === 'failed') {
        runtime.logger.error('discord_command_failed', { requestId: c.get('requestId'), error: String(first.error) });
        return reply(c, renderDiscordNotice(apologyText(c.get('requestId')), { ephemeral: true }));
      }
      if (first.kind === 'answered') {
        const [head, ...followUps] = renderDiscordReply(first.value, { ephemeral: ask.ephemeral });
        if (followUps.length > 0)
          runAfterResponse(c, deliver(hook, followUps, runtime, 'follow-up'), runtime.pendingWork);
        return reply(c, head ?? renderDiscordNotice(apologyText(c.get('requestId'))));
      }
      runAfterResponse(
        c,
        deliverDeferred(hook, answering, ask.ephemeral, runtime, c.get('requestId')),
        runtime.pendingWork,
      );
      return c.json({ type: RESPONSE.deferredChannelMessage, data: ask.ephemeral ? { flags: FLAGS.ephemeral } : {} });
    },
  );
}

function reply(c: Context, message: DiscordMessage): Response {
  return c.json({ type: RESPONSE.channelMessage, data: message });
}

/** Replaces the deferred response with the answer, then sends what did not fit as follow-ups. */
async function deliverDeferred(
  hook: InteractionWebhook,
  answering: Promise<ChatReply>,
  ephemeral: boolean,
  runtime: ChatRuntime,
  requestId: string | undefined,
): Promise<void> {
  let messages: DiscordMessage[];
  try {
    messages = renderDiscordReply(await answering, { ephemeral });
  } catch (error) {
    runtime.logger.error('discord_command_failed', { requestId, error: String(error) });
    messages = [renderDiscordNotice(apologyText(requestId), { ephemeral })];
  }
  const [head, ...followUps] = messages;
  if (head) await deliver(hook, [head], runtime, 'edit');
  await deliver(hook, followUps, runtime, 'follow-up');
}

async function deliver(
  hook: InteractionWebhook,
  messages: readonly DiscordMessage[],
  runtime: ChatRuntime,
  how: 'edit' | 'follow-up',
): Promise<void> {
  for (const message of messages) {
    try {
      if (how === 'edit') await editOriginalResponse(hook, message);
      else await sendFollowUp(hook, message);
    } catch (error) {
      runtime.logger.error('discord_webhook_failed', { how, error: String(error) });
      return;
    }
  }
}

function apologyText(requestId: string | undefined): string {
  return `Sorry, something went wrong while answering.${requestId ? ` Reference: \`${requestId}\`.` : ''}`;
}

/**
 * A command used in a thread follows up on it: the thread's earlier messages (before the message
 * "Ask pymem" was used on) are the history. Reading them needs `DISCORD_BOT_TOKEN`; without it,
 * outside threads, or when Discord refuses (no Read Message History), the question stands alone.
 */
async function threadHistory(
  interaction: CommandInteraction,
  config: DiscordConfig | undefined,
  runtime: ChatRuntime,
  requestId: string | undefined,
): Promise<ChatTurn[]> {
  const channelId = interaction.channel_id;
  if (!config?.botToken || !channelId || !isThreadChannel(interaction.channel?.type)) return [];
  try {
    return await fetchThreadHistory({
      apiBaseUrl: config.apiBaseUrl,
      botToken: config.botToken,
      channelId,
      applicationId: interaction.application_id,
      beforeMessageId: interaction.data.target_id,
    });
  } catch (error) {
    runtime.logger.error('discord_thread_history_failed', { requestId, channelId, error: String(error) });
    return [];
  }
}
