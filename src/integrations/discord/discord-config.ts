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
