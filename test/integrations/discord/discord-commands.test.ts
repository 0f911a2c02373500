import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerCommands } from '../../../src/integrations/discord/discord-api.js';
import { askFromCommand, DISCORD_COMMANDS } from '../../../src/integrations/discord/discord-commands.js';
import { startPlatformStub, type PlatformStub } from '../helpers/platform-stub.js';

describe('askFromCommand', () => {
  const slash = (options: { name: string; type: number; value: string | boolean }[]) => ({
    name: 'pymem',
    type: 1,
    options,
  });

  it('reads question, code and private options', () => {
    expect(
      askFromCommand(
        slash([
          { name: 'question', type: 3, value: 'why so big?' },
          { name: 'code', type: 3, value: 'x = list(range(10**7))' },
          { name: 'private', type: 5, value: true },
        ]),
      ),
    ).toEqual({ question: { question: 'why so big?', snippet: 'x = list(range(10**7))' }, ephemeral: true });
  });

  it('joins code typed in the question with the code option', () => {
    const ask = askFromCommand(
      slash([
        { name: 'question', type: 3, value: 'both? ```a = 1```' },
        { name: 'code', type: 3, value: '```py\nb = 2\n```' },
      ]),
    );
    expect(ask?.question).toEqual({ question: 'both?', snippet: 'a = 1\n\nb = 2', snippetLanguage: 'py' });
  });

  it("keeps the language tag of the code option's fence", () => {
    const ask = askFromCommand(
      slash([
        { name: 'question', type: 3, value: 'is this a leak?' },
        { name: 'code', type: 3, value: '```go\nvar cache = map[string][]byte{}\n```' },
      ]),
    );
    expect(ask?.question).toEqual({
      question: 'is this a leak?',
      snippet: 'var cache = map[string][]byte{}',
      snippetLanguage: 'go',
    });
  });

  it('reads the target message of "Ask pymem"', () => {
    const ask = askFromCommand({
      name: 'Ask pymem',
      type: 3,
      target_id: '7',
      resolved: { messages: { '7': { content: 'leak?\n```\nx = []\n```' } } },
    });
    expect(ask).toEqual({ question: { question: 'leak?', snippet: 'x = []' }, ephemeral: false });
  });

  it('knows only its own commands', () => {
    expect(askFromCommand({ name: 'other', type: 1 })).toBeUndefined();
    expect(askFromCommand({ name: 'pymem', type: 3 })).toBeUndefined();
  });
});

describe('registerCommands', () => {
  let stub: PlatformStub;
  beforeAll(async () => {
    stub = await startPlatformStub();
  });
  afterAll(() => stub.close());

  it('overwrites the global or guild commands with the bot token', async () => {
    await registerCommands({ apiBaseUrl: stub.url, applicationId: '123', botToken: 'bot-token' }, DISCORD_COMMANDS);
    await registerCommands(
      { apiBaseUrl: stub.url, applicationId: '123', botToken: 'bot-token', guildId: '456' },
      DISCORD_COMMANDS,
    );
    expect(stub.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'PUT /applications/123/commands',
      'PUT /applications/123/guilds/456/commands',
    ]);
    const [global] = stub.requests;
    expect(global!.headers.authorization).toBe('Bot bot-token');
    expect(global!.body).toEqual(DISCORD_COMMANDS);
    const slash = DISCORD_COMMANDS[0];
    expect(slash.options.map((o) => [o.name, o.type, o.required])).toEqual([
      ['question', 3, true],
      ['code', 3, false],
      ['private', 5, false],
    ]);
  });

  it("throws with Discord's reason when registration fails", async () => {
    stub.reply(() => ({ status: 401, body: { message: '401: Unauthorized', code: 0 } }));
    await expect(
      registerCommands({ apiBaseUrl: stub.url, applicationId: '123', botToken: 'bad' }, DISCORD_COMMANDS),
    ).rejects.toThrow(/register commands failed \(401\): .*Unauthorized/);
  });
});
