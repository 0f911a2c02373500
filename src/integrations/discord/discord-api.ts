import type { RESTPutAPIApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { postJson } from '../chat/platform-api.js';
import type { DiscordMessage } from './discord-message.js';

/** Discord asks API clients to identify themselves this way. */
const USER_AGENT = 'DiscordBot (pymem-assistant, 0.1.0)';

/** An interaction to answer late: its webhook is `/webhooks/{applicationId}/{token}`. */
export interface InteractionWebhook {
  /** `https://discord.com/api/v10`, or a local stub in tests. */
  readonly apiBaseUrl: string;
  readonly applicationId: string;
  /** The interaction token (valid 15 minutes); the webhook needs no bot token. */
  readonly token: string;
}

function webhookUrl(hook: InteractionWebhook): string {
  return `${hook.apiBaseUrl}/webhooks/${encodeURIComponent(hook.applicationId)}/${encodeURIComponent(hook.token)}`;
}

/**
 * Replaces the deferred "is thinking…" response with the answer
 * (`PATCH /webhooks/{application_id}/{token}/messages/@original`).
 *
 * @example await editOriginalResponse(hook, message);
 */
export async function editOriginalResponse(hook: InteractionWebhook, message: DiscordMessage): Promise<void> {
  const { flags: _flags, ...edit } = message; // flags are fixed by the deferred response
  await postJson(`${webhookUrl(hook)}/messages/@original`, edit, {
    method: 'PATCH',
    endpoint: 'edit original response',
    headers: { 'User-Agent': USER_AGENT },
  });
}

/**
 * Sends one more message for the interaction (`POST /webhooks/{application_id}/{token}`).
 *
 * @example await sendFollowUp(hook, secondMessage);
 */
export async function sendFollowUp(hook: InteractionWebhook, message: DiscordMessage): Promise<void> {
  await postJson(webhookUrl(hook), message, { endpoint: 'follow-up message', headers: { 'User-Agent': USER_AGENT } });
}

export interface RegisterCommandsOptions {
  readonly apiBaseUrl: string;
  readonly applicationId: string;
  readonly botToken: string;
  /** Register in one server only: instant, handy while testing. Global commands can take a while to show. */
  readonly guildId?: string | undefined;
}

/**
 * Overwrites the application's commands with `commands` (`PUT /applications/{id}/commands`, or
 * the guild's) and returns what Discord stored.
 *
 * @example await registerCommands({ apiBaseUrl, applicationId, botToken }, DISCORD_COMMANDS);
 */
export async function registerCommands(
  options: RegisterCommandsOptions,
  commands: RESTPutAPIApplicationCommandsJSONBody,
): Promise<unknown> {
  const app = `${options.apiBaseUrl}/applications/${encodeURIComponent(options.applicationId)}`;
  const url = options.guildId ? `${app}/guilds/${encodeURIComponent(options.guildId)}/commands` : `${app}/commands`;
  return postJson(url, commands, {
    method: 'PUT',
    endpoint: 'register commands',
    headers: { Authorization: `Bot ${options.botToken}`, 'User-Agent': USER_AGENT },
  });
}
