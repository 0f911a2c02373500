import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { analyzeSnippet } from '../../../src/analyze/analyze-snippet.js';
import { chatApp } from '../helpers/chat-app.js';
import { startPlatformStub, type PlatformStub } from '../helpers/platform-stub.js';
import { slackCommand } from '../helpers/signed-requests.js';

vi.mock('../../../src/analyze/analyze-snippet.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../src/analyze/analyze-snippet.js')>();
  return { ...original, analyzeSnippet: vi.fn(original.analyzeSnippet) };
});

let stub: PlatformStub;
beforeAll(async () => {
  stub = await startPlatformStub();
});
afterAll(() => stub.close());

// A one-line TypeScript cache: its syntax alone carries no cue of another runtime (untagged, it
// reads as a Python question and is answered with a caching tip).
const CODE = 'const cache: Record<string, number[]> = {}';

async function ask(text: string): Promise<string> {
  const { app } = await chatApp({ stubUrl: stub.url });
  const res = await app.request('http://localhost/slack/commands', await slackCommand({ text }));
  expect(res.status).toBe(200);
  return JSON.stringify(await res.json());
}

describe('a chat question whose code block is tagged with its language', () => {
  it("is another runtime's when the tag says so, and its code is not analyzed as Python", async () => {
    vi.mocked(analyzeSnippet).mockClear();
    const reply = await ask(`does this cache leak memory?\n\`\`\`ts\n${CODE}\n\`\`\``);
    expect(reply).toContain('JavaScript');
    expect(reply).not.toContain('Bound a cache');
    expect(vi.mocked(analyzeSnippet)).not.toHaveBeenCalled();
  });

  it('is answered as Python without a tag, and with a Python tag', async () => {
    for (const fence of ['```', '```python']) {
      vi.mocked(analyzeSnippet).mockClear();
      const reply = await ask(`does this cache leak memory?\n${fence}\ncache = {}\n\`\`\``);
      expect(reply).not.toContain('JavaScript');
      expect(vi.mocked(analyzeSnippet)).toHaveBeenCalledTimes(1);
    }
  });
});
