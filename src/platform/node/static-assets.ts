import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { getMimeType } from 'hono/utils/mime';
import type { StaticAssets } from '../../http/static-assets.js';

interface Asset {
  readonly body: Uint8Array;
  readonly gzip: Uint8Array | undefined;
  readonly contentType: string;
  readonly etag: string;
}

/** Below this, gzip saves too little to be worth a `Vary` and a second body. */
const MIN_GZIP_BYTES = 1024;
const COMPRESSIBLE = /^(text\/|application\/(javascript|json|xml|manifest\+json)|image\/svg\+xml)/;
// The widget's URL never changes (one script tag in other people's pages), so caches must check back.
const CACHE_CONTROL = 'public, max-age=0, must-revalidate';

export interface StaticAssetsOptions {
  /** Top-level folders of `dir` neither read nor served (the Worker's copy of the index, `_index`). */
  readonly exclude?: readonly string[];
}

/**
 * Reads every file under `dir` into memory once (they are small build outputs), with a strong
 * ETag and a gzipped copy, and serves them with `304 Not Modified` and gzip when the client
 * accepts it. A missing folder gives no assets (the caller logs it).
 *
 * @example const assets = await loadStaticAssets('build/public', { exclude: ['_index'] }); // serves /widget.js
 */
export async function loadStaticAssets(
  dir: string,
  options: StaticAssetsOptions = {},
): Promise<{ assets: StaticAssets; paths: string[] }> {
  const excluded = new Set(options.exclude);
  const files = await listFiles(dir);
  const byPath = new Map<string, Asset>();
  for (const file of files) {
    const segments = relative(dir, file).split(sep);
    if (excluded.has(segments[0] ?? '')) continue;
    const body = new Uint8Array(await readFile(file));
    const path = `/${segments.join('/')}`;
    const contentType = getMimeType(path) ?? 'application/octet-stream';
    const gzip =
      COMPRESSIBLE.test(contentType) && body.byteLength >= MIN_GZIP_BYTES ? new Uint8Array(gzipSync(body)) : undefined;
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
    byPath.set(path, { body, gzip, contentType, etag });
  }
  return {
    assets: { fetch: async (request, path) => respond(request, byPath.get(path)) },
    paths: [...byPath.keys()].sort(),
  };
}

function respond(request: Request, asset: Asset | undefined): Response | undefined {
  if (!asset || (request.method !== 'GET' && request.method !== 'HEAD')) return undefined;
  const headers = new Headers({ 'Content-Type': asset.contentType, ETag: asset.etag, 'Cache-Control': CACHE_CONTROL });
  if (asset.gzip) headers.set('Vary', 'Accept-Encoding');
  if (etagMatches(request.headers.get('if-none-match'), asset.etag))
    return new Response(null, { status: 304, headers });
  const useGzip = asset.gzip !== undefined && acceptsGzip(request.headers.get('accept-encoding'));
  const body = useGzip ? asset.gzip : asset.body;
  if (useGzip) headers.set('Content-Encoding', 'gzip');
  headers.set('Content-Length', String(body?.byteLength ?? 0));
  return new Response(request.method === 'HEAD' ? null : (body as Uint8Array<ArrayBuffer>), { status: 200, headers });
}

function etagMatches(header: string | null, etag: string): boolean {
  if (!header) return false;
  return header.trim() === '*' || header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

function acceptsGzip(header: string | null): boolean {
  return (header ?? '').split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return coding === 'gzip' && (q === undefined || Number(q.slice(2)) > 0);
  });
}

async function listFiles(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true, recursive: true });
  } catch {
    return [];
  }
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}
