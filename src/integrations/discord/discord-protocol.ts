import type {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ChannelType,
  InteractionContextType,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  MessageType,
} from 'discord-api-types/v10';

// The numbers of Discord's protocol this app uses, checked against discord-api-types' enums at
// compile time. Importing the enums as values would add ~90 KB of enum tables to the Worker.

export const INTERACTION = { ping: 1, applicationCommand: 2 } as const satisfies Record<string, InteractionType>;

export const RESPONSE = {
  pong: 1,
  channelMessage: 4,
  deferredChannelMessage: 5,
} as const satisfies Record<string, InteractionResponseType>;

export const COMMAND_TYPE = { chatInput: 1, message: 3 } as const satisfies Record<string, ApplicationCommandType>;

export const OPTION_TYPE = { string: 3, boolean: 5 } as const satisfies Record<string, ApplicationCommandOptionType>;

export const CONTEXT = { guild: 0, botDm: 1, privateChannel: 2 } as const satisfies Record<
  string,
  InteractionContextType
>;

export const INTEGRATION = { guildInstall: 0, userInstall: 1 } as const satisfies Record<
  string,
  ApplicationIntegrationType
>;

export const FLAGS = { ephemeral: 64 } as const satisfies Record<string, MessageFlags>;

/** Thread channels: a command used in one follows up on the thread's earlier messages. */
export const THREAD_CHANNEL = { announcement: 10, public: 11, private: 12 } as const satisfies Record<
  string,
  ChannelType
>;

/** Messages someone said (plain, replies, command answers); others are joins, pins, … */
export const SPOKEN_MESSAGE = {
  default: 0,
  reply: 19,
  chatInputCommand: 20,
  contextMenuCommand: 23,
} as const satisfies Record<string, MessageType>;

/** Discord's message and embed limits this app keeps to. */
export const DISCORD_LIMITS = {
  content: 2_000,
  embedTitle: 256,
  embedDescription: 4_096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1_024,
  footer: 2_048,
  /** Title, description, field names and values, footer: all embeds of a message together. */
  embedsTotal: 6_000,
  embedsPerMessage: 10,
} as const;
