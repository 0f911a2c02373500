/**
 * `npm run discord:register [-- --guild <id>] [-- --dry-run]`: installs the `/pymem` slash command
 * and the "Ask pymem" message command for the Discord application, overwriting its commands.
 * Needs DISCORD_APPLICATION_ID and DISCORD_BOT_TOKEN in the environment (or in a file: `npx tsx --env-file=.env scripts/discord-register.ts`).
 * Global commands can take a while to appear; `--guild` (or DISCORD_GUILD_ID) makes them show at
 * once in one server, handy while setting up.
 */
import { parseArgs } from 'node:util';
import { parsePlatformsConfig } from '../src/config.js';
import { registerCommands } from '../src/integrations/discord/discord-api.js';
import { DISCORD_COMMANDS } from '../src/integrations/discord/discord-commands.js';

const { values } = parseArgs({
  options: { guild: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } },
});
const { discord } = parsePlatformsConfig(process.env);
const guildId = (values.guild ?? process.env.DISCORD_GUILD_ID)?.trim() || undefined;
const where = guildId ? `guild ${guildId}` : 'all servers (global)';

if (values['dry-run']) {
  console.log(JSON.stringify(DISCORD_COMMANDS, null, 2));
  console.log(`would register ${DISCORD_COMMANDS.length} commands for ${where}`);
  process.exit(0);
}
const { applicationId, botToken, apiBaseUrl } = discord;
if (!applicationId || !botToken) {
  const missing = [applicationId ? '' : 'DISCORD_APPLICATION_ID', botToken ? '' : 'DISCORD_BOT_TOKEN'].filter(Boolean);
  console.error(`Set ${missing.join(' and ')} (Developer Portal → your app → General Information / Bot).`);
  process.exit(1);
}
try {
  const stored = await registerCommands({ apiBaseUrl, applicationId, botToken, guildId }, DISCORD_COMMANDS);
  const names = (Array.isArray(stored) ? (stored as { name?: string }[]) : DISCORD_COMMANDS)
    .map((c) => c.name)
    .join(', ');
  console.log(`registered for ${where}: ${names}`);
} catch (error) {
  console.error(String(error));
  process.exit(1);
}
