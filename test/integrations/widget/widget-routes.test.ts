import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/app.js';
import { DEMO_PAGE_CSS } from '../../../src/integrations/widget/demo-page.js';
import { silentLogger } from '../../../src/logger.js';
import { loadStaticAssets } from '../../../src/platform/node/static-assets.js';
import { builtIndex } from '../../helpers/built-index.js';

const index = await builtIndex();
const dir = await mkdtemp(join(tmpdir(), 'pymem-public-'));
const WIDGET_JS = '/*! widget */(()=>{console.log("help")})();\n'.repeat(40);
await writeFile(join(dir, 'widget.js'), WIDGET_JS);
const { assets } = await loadStaticAssets(dir);
afterAll(() => rm(dir, { recursive: true, force: true }));

const app = createApp({ index, logger: silentLogger, staticAssets: assets, publicUrl: 'https://help.example.com' });
const get = (path: string, headers: Record<string, string> = {}) =>
  app.request(`https://help.example.com${path}`, { headers });

describe('GET / (the demo page)', () => {
  it('explains the service and embeds the widget with its one script tag', async () => {
    const res = await get('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=UTF-8');
    const page = await res.text();
    expect(page).toContain('<script src="/widget.js" data-title="Python memory help" async></script>');
    expect(page).toContain(
      '&lt;script src=&quot;https://help.example.com/widget.js&quot; data-title=&quot;Python memory help&quot; async&gt;&lt;/script&gt;',
    );
    expect(page).toContain('16 tips in 8 sections');
    expect(page).toContain('<strong>Avoid Memory Leaks</strong>');
    expect(page).toContain('Use <code>with</code> Statement for File Operations');
    for (const path of ['/v1/ask', '/v1/ask/stream', '/v1/feedback', '/v1/feedback/summary', '/v1/tips/:id'])
      expect(page).toContain(`<code>${path}</code>`);
    expect(page).toContain('<a href="/healthz">');
  });

  it('never echoes the Host header (issue #19): the snippet shows PUBLIC_URL, or a placeholder to replace; caches may keep it', async () => {
    const evil = { host: 'evil.example', 'x-forwarded-host': 'evil.example' };
    const configured = await app.request('http://evil.example/', { headers: evil });
    expect(await configured.text()).not.toContain('evil.example');
    expect(configured.headers.get('cache-control')).toBe('public, max-age=300');
    const plain = createApp({ index, logger: silentLogger, staticAssets: assets });
    const page = await (await plain.request('http://evil.example/', { headers: evil })).text();
    expect(page).not.toContain('evil.example');
    expect(page).toContain('&lt;script src=&quot;https://pymem.example.com/widget.js&quot;');
    expect(page).toContain('set <code>PUBLIC_URL</code> and this page shows it');
  });

  it('is locked down by a CSP whose style hash matches the page’s one style sheet', async () => {
    const res = await get('/');
    const page = await res.text();
    const style = /<style>([\s\S]*?)<\/style>/.exec(page)?.[1];
    expect(style).toBe(DEMO_PAGE_CSS);
    const hash = createHash('sha256')
      .update(style ?? '')
      .digest('base64');
    expect(res.headers.get('content-security-policy')).toBe(
      `default-src 'none'; script-src 'self'; style-src 'sha256-${hash}'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    );
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page).not.toMatch(/<script>|\son\w+=/);
  });
});

describe('GET /widget.js', () => {
  it('serves the built bundle, gzipped when accepted, with an ETag for revalidation', async () => {
    const plain = await get('/widget.js');
    expect(plain.status).toBe(200);
    expect(plain.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(plain.headers.get('cache-control')).toBe('public, max-age=0, must-revalidate');
    expect(await plain.text()).toBe(WIDGET_JS);
    const gzipped = await get('/widget.js', { 'accept-encoding': 'gzip, br' });
    expect(gzipped.headers.get('content-encoding')).toBe('gzip');
    const etag = plain.headers.get('etag') ?? '';
    expect((await get('/widget.js', { 'if-none-match': etag })).status).toBe(304);
  });

  it('is a 404 that says how to build it when there is no bundle', async () => {
    const bare = createApp({ index, logger: silentLogger });
    const res = await bare.request('http://localhost/widget.js');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ detail: expect.stringContaining('npm run build:widget') });
  });
});
