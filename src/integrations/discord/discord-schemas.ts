import { z } from 'zod';

const optionSchema = z.looseObject({
  name: z.string(),
  type: z.number().int(),
  value: z.union([z.string(), z.number(), z.boolean()]).optional(),
});

const commandDataSchema = z.looseObject({
  name: z.string(),
  type: z.number().int().optional(),
  options: z.array(optionSchema).optional(),
  target_id: z.string().optional(),
  resolved: z
    .looseObject({ messages: z.record(z.string(), z.looseObject({ content: z.string().optional() })).optional() })
    .optional(),
});

/** The one field every interaction has; the type decides what else must be there. */
export const interactionTypeSchema = z.looseObject({ type: z.number({ error: 'type must be a number' }).int() });

/** A command interaction: what this app reads of it (Discord sends much more). */
export const commandInteractionSchema = z.looseObject({
  type: z.number().int(),
  application_id: z.string({ error: 'application_id is required' }).min(1),
  token: z.string({ error: 'token is required' }).min(1),
  data: commandDataSchema,
  /** Where the command was used; in a thread, its earlier messages are the follow-up history. */
  channel_id: z.string().optional(),
  channel: z.looseObject({ type: z.number().int().optional() }).optional(),
});

export type CommandInteraction = z.infer<typeof commandInteractionSchema>;
export type CommandData = CommandInteraction['data'];

/** Discord application settings; from `DISCORD_*` variables (Node) or Worker secrets. */
export interface DiscordConfig {
  /** The application's Ed25519 public key (64 hex characters); without it `/discord/*` answers 503. */
  readonly publicKey?: string | undefined;
  /** Used by `npm run discord:register`; interactions carry their own `application_id`. */
  readonly applicationId?: string | undefined;
  /** `Bot …` token for registering commands and, when set, for reading a thread's earlier messages (follow-ups); answering needs none. */
  readonly botToken?: string | undefined;
  /** `https://discord.com/api/v10`, or a local stub in tests. */
  readonly apiBaseUrl: string;
}

export const DEFAULT_DISCORD_API_BASE_URL = 'https://discord.com/api/v10';
