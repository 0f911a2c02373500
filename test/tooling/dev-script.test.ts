import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript (it starts before any TypeScript tooling); its JSDoc types it.
import { devEnvironment, devPort, OFFLINE_DEFAULTS } from '../../scripts/dev.mjs';

const wranglerToml = () => readFile(new URL('../../wrangler.toml', import.meta.url), 'utf8');
const port = devPort as (toml: string) => number;
const environment = devEnvironment as (env: NodeJS.ProcessEnv) => NodeJS.ProcessEnv;

describe('npm run dev (scripts/dev.mjs)', () => {
  it("listens on wrangler.toml's [dev] port, not the Node server's 8787", async () => {
    const dev = port(await wranglerToml());
    expect(dev).toBe(8788);
    const packageJson = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(packageJson.scripts.dev).toBe('node scripts/dev.mjs');
  });

  it('reads the port under [dev] only', () => {
    expect(port('[vars]\nport = 1\n\n[dev]\nip = "localhost"\nport = 9001\n\n[other]\nport = 2\n')).toBe(9001);
    expect(port('name = "x"\n[dev]\nport = 9002')).toBe(9002);
    expect(() => port('[vars]\nport = 1\n')).toThrow(/no `port` under \[dev\]/);
  });

  it('turns off the Request.cf download, telemetry, error reports and the update check, unless the caller set them', () => {
    expect(environment({ PATH: '/bin' })).toEqual({
      PATH: '/bin',
      CLOUDFLARE_CF_FETCH_ENABLED: 'false',
      WRANGLER_SEND_METRICS: 'false',
      WRANGLER_SEND_ERROR_REPORTS: 'false',
      WRANGLER_HIDE_BANNER: 'true',
    });
    expect(environment({ WRANGLER_SEND_METRICS: 'true' }).WRANGLER_SEND_METRICS).toBe('true');
    expect(Object.keys(OFFLINE_DEFAULTS as object)).toHaveLength(4);
  });
});
