import { describe, expect, it } from 'vitest';
import { parsePlatformsConfig } from '../../src/config.js';

describe('parsePlatformsConfig', () => {
  it('leaves both platforms unconfigured (503) when nothing is set, with the public API bases', () => {
    expect(parsePlatformsConfig({})).toEqual({
      slack: { signingSecret: undefined, botToken: undefined, apiBaseUrl: 'https://slack.com/api' },
      discord: {
        publicKey: undefined,
        applicationId: undefined,
        botToken: undefined,
        apiBaseUrl: 'https://discord.com/api/v10',
      },
    });
  });

  it('reads secrets, treats blank ones as unset, and trims trailing slashes from base URLs', () => {
    const config = parsePlatformsConfig({
      SLACK_SIGNING_SECRET: ' s3cret ',
      SLACK_BOT_TOKEN: '',
      SLACK_API_BASE_URL: 'http://127.0.0.1:8820/api/',
      DISCORD_PUBLIC_KEY: 'AB'.repeat(32),
      DISCORD_APPLICATION_ID: '123',
      OTHER_BINDING: { not: 'a string' },
    });
    expect(config.slack).toEqual({
      signingSecret: 's3cret',
      botToken: undefined,
      apiBaseUrl: 'http://127.0.0.1:8820/api',
    });
    expect(config.discord.publicKey).toBe('AB'.repeat(32));
    expect(config.discord.applicationId).toBe('123');
  });

  it('fails with a readable message on a malformed public key or base URL', () => {
    expect(() => parsePlatformsConfig({ DISCORD_PUBLIC_KEY: 'not-hex' })).toThrow(
      /DISCORD_PUBLIC_KEY: DISCORD_PUBLIC_KEY must be the 64 hex characters/,
    );
    expect(() => parsePlatformsConfig({ SLACK_API_BASE_URL: 'ftp://x' })).toThrow(/SLACK_API_BASE_URL/);
  });
});
