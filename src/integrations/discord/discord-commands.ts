import type { RESTPutAPIApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { LIMITS } from '../../http/limits.js';
import { parseChatQuestion, parseCodeOption, type ChatQuestion } from '../chat/chat-question.js';
import type { CommandData } from './discord-schemas.js';
import { COMMAND_TYPE, CONTEXT, INTEGRATION, OPTION_TYPE } from './discord-protocol.js';

export const SLASH_COMMAND = 'pymem';
/** The message context-menu command: right-click a message (with code) → Apps → Ask pymem. */
export const MESSAGE_COMMAND = 'Ask pymem';

/** Discord caps a string option at 6,000 characters. */
const CODE_OPTION_MAX = 6_000;

/**
 * The commands `npm run discord:register` installs; the interaction handler reads the same
 * names, so the two cannot drift apart.
 */
export const DISCORD_COMMANDS = [
  {
    name: SLASH_COMMAND,
    type: COMMAND_TYPE.chatInput,
    description: 'Ask the Python memory guidance; paste code to have it checked',
    contexts: [CONTEXT.guild, CONTEXT.botDm, CONTEXT.privateChannel],
    integration_types: [INTEGRATION.guildInstall],
    options: [
      {
        name: 'question',
        description: 'What you want to know, e.g. how do I find a memory leak?',
        type: OPTION_TYPE.string,
        required: true,
        max_length: LIMITS.questionChars,
      },
      {
        name: 'code',
        description: 'Python code to check (for several lines, use "Ask pymem" on a message)',
        type: OPTION_TYPE.string,
        required: false,
        max_length: CODE_OPTION_MAX,
      },
      {
        name: 'private',
        description: 'Only you see the answer',
        type: OPTION_TYPE.boolean,
        required: false,
      },
    ],
  },
  {
    name: MESSAGE_COMMAND,
    type: COMMAND_TYPE.message,
    contexts: [CONTEXT.guild, CONTEXT.botDm, CONTEXT.privateChannel],
    integration_types: [INTEGRATION.guildInstall],
  },
] as const satisfies RESTPutAPIApplicationCommandsJSONBody;

/** What a command interaction asks, and whether only the asker should see the answer. */
export interface DiscordAsk {
  readonly question: ChatQuestion;
  readonly ephemeral: boolean;
}

/**
 * Reads the question out of `/pymem question:… [code:…] [private:…]` or of the message
 * "Ask pymem" was used on (its ``` blocks become the code). `undefined` for other commands.
 *
 * @example
 * askFromCommand({ name: 'pymem', type: 1, options: [{ name: 'question', type: 3, value: 'why?' }] })
 * // → { question: { question: 'why?' }, ephemeral: false }
 */
export function askFromCommand(data: CommandData): DiscordAsk | undefined {
  if (data.name === SLASH_COMMAND && (data.type ?? COMMAND_TYPE.chatInput) === COMMAND_TYPE.chatInput) {
    const option = (name: string) => data.options?.find((o) => o.name === name)?.value;
    const text = String(option('question') ?? '');
    const code = typeof option('code') === 'string' ? parseCodeOption(String(option('code'))) : '';
    // The code option joins any ``` blocks typed into the question as one more fenced block.
    const question = parseChatQuestion(code ? `${text}\n${code}` : text);
    return { question, ephemeral: option('private') === true };
  }
  if (data.name === MESSAGE_COMMAND && data.type === COMMAND_TYPE.message) {
    const content = data.target_id ? data.resolved?.messages?.[data.target_id]?.content : undefined;
    return { question: parseChatQuestion(content ?? ''), ephemeral: false };
  }
  return undefined;
}
