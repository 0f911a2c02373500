import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { loadStaticAssets } from '../../src/platform/node/static-assets.js';

const dir = await mkdtemp(join(tmpdir(), 'pymem-assets-'));
const big = 'export const x = 1;\n'.repeat(200);
await writeFile(join(dir, 'widget.js'), big);
await writeFile(join(dir, 'tiny.css'), 'a{}');
await mkdir(join(dir, 'docs'));
await writeFile(join(dir, 'docs', 'logo.png'), new Uint8Array([137, 80, 78, 71]));
await mkdir(join(dir, '_index'));
await writeFile(join(dir, '_index', 'manifest.json'), '{}');
const { assets, paths } = await loadStaticAssets(dir, { exclude: ['_index'] });
afterAll(() => rm(dir, { recursive: true, force: true }));

const fetchAsset = (path: string, init: RequestInit = {}) =>
  assets.fetch(new Request(`http://localhost${path}`, init), path);

describe('loadStaticAssets', () => {
  it('loads every file under the folder, by URL path, but those of an excluded folder', async () => {
    expect(paths).toEqual(['/docs/logo.png', '/tiny.css', '/widget.js']);
    expect(await fetchAsset('/_index/manifest.json')).toBeUndefined();
    expect((await loadStaticAssets(dir)).paths).toContain('/_index/manifest.json');
  });

  it('serves each with its content type, a strong ETag and revalidation', async () => {
    const res = await fetchAsset('/docs/logo.png');
    expect(res?.headers.get('content-type')).toBe('image/png');
    expect(res?.headers.get('etag')).toMatch(/^"[\w-]{27}"$/);
    expect(res?.headers.get('vary')).toBeNull();
    expect(new Uint8Array(await res!.arrayBuffer())).toEqual(new Uint8Array([137, 80, 78, 71]));
  });

  it('gzips text when the client accepts it, and not when it refuses it', async () => {
    const gz = await fetchAsset('/widget.js', { headers: { 'accept-encoding': 'deflate, gzip;q=0.5' } });
    expect(gz?.headers.get('content-encoding')).toBe('gzip');
    expect(gz?.headers.get('vary')).toBe('Accept-Encoding');
    expect(gunzipSync(new Uint8Array(await gz!.arrayBuffer())).toString()).toBe(big);
    const refused = await fetchAsset('/widget.js', { headers: { 'accept-encoding': 'gzip;q=0' } });
    expect(refused?.headers.get('content-encoding')).toBeNull();
    const tiny = await fetchAsset('/tiny.css', { headers: { 'accept-encoding': 'gzip' } });
    expect(tiny?.headers.get('content-encoding')).toBeNull();
  });

  it('answers 304 to a matching If-None-Match, and HEAD without a body', async () => {
    const etag = (await fetchAsset('/widget.js'))?.headers.get('etag') ?? '';
    expect((await fetchAsset('/widget.js', { headers: { 'if-none-match': `W/"other", ${etag}` } }))?.status).toBe(304);
    expect((await fetchAsset('/widget.js', { headers: { 'if-none-match': '"other"' } }))?.status).toBe(200);
    const head = await fetchAsset('/widget.js', { method: 'HEAD' });
    expect(head?.headers.get('content-length')).toBe(String(big.length));
    expect(await head?.text()).toBe('');
  });

  it('has nothing for unknown paths, other methods, or a missing folder', async () => {
    expect(await fetchAsset('/nope.js')).toBeUndefined();
    expect(await fetchAsset('/widget.js', { method: 'POST' })).toBeUndefined();
    expect((await loadStaticAssets(join(dir, 'missing'))).paths).toEqual([]);
  });
});
