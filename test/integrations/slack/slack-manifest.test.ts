import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

interface Manifest {
  features: { slash_commands: { command: string; url: string }[]; app_home: { messages_tab_enabled: boolean } };
  oauth_config: { scopes: { bot: string[] } };
  settings: { event_subscriptions: { request_url: string; bot_events: string[] } };
}

describe('slack-manifest.yaml', () => {
  it('points Slack at the routes the app serves, with the scopes and events it handles', async () => {
    const manifest = parse(
      await readFile(new URL('../../../slack-manifest.yaml', import.meta.url), 'utf8'),
    ) as Manifest;
    expect(manifest.features.slash_commands).toEqual([
      expect.objectContaining({ command: '/pymem', url: 'https://YOUR-HOST/slack/commands' }),
    ]);
    expect(manifest.settings.event_subscriptions.request_url).toBe('https://YOUR-HOST/slack/events');
    expect(manifest.settings.event_subscriptions.bot_events.sort()).toEqual(['app_mention', 'message.im']);
    expect(manifest.oauth_config.scopes.bot.sort()).toEqual([
      'app_mentions:read',
      'channels:history',
      'chat:write',
      'commands',
      'groups:history',
      'im:history',
      'mpim:history',
    ]);
    expect(manifest.features.app_home.messages_tab_enabled).toBe(true);
  });
});
