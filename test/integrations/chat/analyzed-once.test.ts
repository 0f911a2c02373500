import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { analyzeSnippet } from '../../../src/analyze/analyze-snippet.js';
import { chatApp } from '../helpers/chat-app.js';
import { startPlatformStub, type PlatformStub } from '../helpers/platform-stub.js';
import { slackCommand } from '../helpers/signed-requests.js';

// Every analysis in the process, whoever asks for it (the Assistant's analyzer, or the answerer
// analyzing a snippet it was given without its analysis).
vi.mock('../../../src/analyze/analyze-snippet.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../src/analyze/analyze-snippet.js')>();
  return { ...original, analyzeSnippet: vi.fn(original.analyzeSnippet) };
});

let stub: PlatformStub;
beforeAll(async () => {
  stub = await startPlatformStub();
});
afterAll(() => stub.close());

describe('a chat question with pasted code', () => {
  it('is analyzed once: the answer is made from the analysis the reply shows (issue #18)', async () => {
    const { app } = await chatApp({ stubUrl: stub.url });
    vi.mocked(analyzeSnippet).mockClear();
    const text = 'why is this slow?\n```\ns = ""\nfor w in words:\n    s += w\n```';
    const res = await app.request('http://localhost/slack/commands', await slackCommand({ text }));
    expect(res.status).toBe(200);
    expect(JSON.stringify(await res.json())).toContain('Line 3');
    expect(vi.mocked(analyzeSnippet)).toHaveBeenCalledTimes(1);
  });
});

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

  it('is read as Python without a tag (the same code), and with a Python tag', async () => {
    for (const block of [`\`\`\`\n${CODE}\n\`\`\``, '```python\ncache = {}\n```']) {
      vi.mocked(analyzeSnippet).mockClear();
      const reply = await ask(`does this cache leak memory?\n${block}`);
      expect(reply).not.toContain('JavaScript');
      expect(vi.mocked(analyzeSnippet)).toHaveBeenCalledTimes(1);
    }
  });
});
