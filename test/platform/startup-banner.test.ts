import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Logger } from '../../src/logger.js';
import { announceListening, browsableUrl, startupBanner } from '../../src/platform/node/serve.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function recordingLogger(): Logger & { events: { event: string; fields: unknown }[] } {
  const events: { event: string; fields: unknown }[] = [];
  return {
    events,
    info: (event, fields) => events.push({ event, fields }),
    error: (event, fields) => events.push({ event, fields }),
  };
}

describe('the start-up banner', () => {
  it('names the demo page, the API reference, health and MCP as clickable localhost URLs when bound to every interface', () => {
    const text = startupBanner({ host: '0.0.0.0', port: 8787, keysRequired: true });
    expect(text).toContain(
      'pymem-assistant is ready at http://localhost:8787 (bound to 0.0.0.0:8787, every network interface)',
    );
    expect(text).toMatch(/^ {2}Demo page and widget {2}http:\/\/localhost:8787\/$/m);
    expect(text).toMatch(/^ {2}API reference +http:\/\/localhost:8787\/docs {2}\(OpenAPI at \/openapi\.json\)$/m);
    expect(text).toMatch(/^ {2}Health +http:\/\/localhost:8787\/healthz$/m);
    expect(text).toMatch(/^ {2}MCP endpoint +http:\/\/localhost:8787\/mcp {2}\(Streamable HTTP, POST\)$/m);
    expect(text).not.toContain('0.0.0.0:8787/');
    expect(text).not.toContain('Warning');
  });

  it('warns when it listens on every interface and no key is required, and only then', () => {
    expect(startupBanner({ host: '0.0.0.0', port: 8787, keysRequired: false })).toMatch(
      /Warning: no API_KEYS are set and the server listens on every interface/,
    );
    expect(startupBanner({ host: '::', port: 8787, keysRequired: false })).toContain('Warning');
    expect(startupBanner({ host: '127.0.0.1', port: 8787, keysRequired: false })).not.toContain('Warning');
    expect(startupBanner({ host: '0.0.0.0', port: 8787, keysRequired: true })).not.toContain('Warning');
  });

  it('keeps a named or IPv6 host as the browser needs it', () => {
    expect(browsableUrl('127.0.0.1', 9000)).toBe('http://127.0.0.1:9000');
    expect(browsableUrl('::', 9000)).toBe('http://localhost:9000');
    expect(browsableUrl('::1', 9000)).toBe('http://[::1]:9000');
    expect(browsableUrl('help.internal', 80)).toBe('http://help.internal:80');
  });

  it('writes the banner for people and logs an open_without_keys event for machines', () => {
    const logger = recordingLogger();
    let written = '';
    announceListening({ host: '0.0.0.0', port: 8787, keysRequired: false }, logger, (text) => (written += text));
    expect(written).toContain('http://localhost:8787/docs');
    expect(logger.events).toEqual([
      {
        event: 'open_without_keys',
        fields: { host: '0.0.0.0', port: 8787, hint: 'set API_KEYS, or HOST=127.0.0.1 for local use' },
      },
    ]);
    announceListening({ host: '127.0.0.1', port: 8787, keysRequired: false }, logger, () => {});
    expect(logger.events).toHaveLength(1);
  });
});

describe('the Node server at start-up (src/node.ts)', () => {
  it('prints the JSON listening line on stdout and the banner with the real port on stderr', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/node.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: '0',
        HOST: '0.0.0.0',
        API_KEYS: '',
        WIDGET_KEYS: '',
        FEEDBACK_DB: 'off',
        LLM_PROVIDER: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stdout: string[] = [];
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    try {
      const port = await new Promise<string>((resolve, reject) => {
        child.once('exit', (code) => reject(new Error(`exited with ${code}: ${stderr}`)));
        createInterface({ input: child.stdout }).on('line', (line) => {
          stdout.push(line);
          const url = /"event":"listening","url":"http:\/\/0\.0\.0\.0:(\d+)"/.exec(line)?.[1];
          if (url) resolve(url);
        });
      });
      await expect.poll(() => stderr, { timeout: 5000 }).toContain('MCP endpoint');
      expect(stderr).toContain(`pymem-assistant is ready at http://localhost:${port} (bound to 0.0.0.0:${port}`);
      expect(stderr).toContain(`http://localhost:${port}/docs`);
      expect(stderr).toContain('Warning: no API_KEYS are set');
      await expect.poll(() => stdout.some((line) => line.includes('"event":"open_without_keys"'))).toBe(true);
      for (const line of stdout) expect(() => JSON.parse(line), line).not.toThrow();
    } finally {
      child.kill('SIGTERM');
    }
  }, 60_000);
});
