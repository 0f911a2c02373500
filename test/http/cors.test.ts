import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { operatorConfigSchema, parseConfig } from '../../src/config.js';
import { silentLogger } from '../../src/logger.js';
import { builtIndex } from '../helpers/built-index.js';

const index = await builtIndex();
const WIDGET_HOST = 'https://help.example.com';

const appAllowing = (allowedOrigins: string[]) => {
  const app = createApp({ index, logger: silentLogger, allowedOrigins });
  return (path: string, init: RequestInit = {}) => app.request(`http://localhost${path}`, init);
};
const preflight = (origin: string): RequestInit => ({
  method: 'OPTIONS',
  headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
});
const ask = (origin: string): RequestInit => ({
  method: 'POST',
  headers: { origin, 'content-type': 'application/json' },
  body: '{"question":"gc?"}',
});

describe('CORS for the widget (ALLOWED_ORIGINS)', () => {
  it('answers the preflight of an allowed origin with what the widget needs', async () => {
    const res = await appAllowing([WIDGET_HOST])('/v1/ask/stream', preflight(WIDGET_HOST));
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(WIDGET_HOST);
    expect(res.headers.get('access-control-allow-methods')).toBe('GET,POST,OPTIONS');
    expect(res.headers.get('access-control-allow-headers')).toBe('Content-Type,Authorization');
    expect(res.headers.get('access-control-max-age')).toBe('600');
    expect(res.headers.get('vary')).toContain('Origin');
  });

  it('lets an allowed origin read the answer and the rate-limit headers', async () => {
    const res = await appAllowing([WIDGET_HOST])('/v1/ask', ask(WIDGET_HOST));
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(WIDGET_HOST);
    expect(res.headers.get('access-control-expose-headers')?.split(',')).toEqual(
      expect.arrayContaining(['Retry-After', 'X-Request-Id']),
    );
  });

  it('grants nothing to another origin', async () => {
    const fetcher = appAllowing([WIDGET_HOST]);
    expect(
      (await fetcher('/v1/ask/stream', preflight('https://evil.example'))).headers.get('access-control-allow-origin'),
    ).toBeNull();
    expect(
      (await fetcher('/v1/ask', ask('https://evil.example'))).headers.get('access-control-allow-origin'),
    ).toBeNull();
  });

  it('allows any origin with *', async () => {
    const res = await appAllowing(['*'])('/v1/feedback', preflight('https://anywhere.example'));
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('adds no CORS headers when no origin is configured (same-origin pages only)', async () => {
    const fetcher = appAllowing([]);
    const res = await fetcher('/v1/ask', ask(WIDGET_HOST));
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect((await fetcher('/v1/ask', preflight(WIDGET_HOST))).status).toBe(405);
  });

  it('leaves routes outside /v1 alone', async () => {
    const res = await appAllowing([WIDGET_HOST])('/healthz', { headers: { origin: WIDGET_HOST } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('reads ALLOWED_ORIGINS as a comma list of origins, or *', () => {
    expect(
      parseConfig(operatorConfigSchema, { ALLOWED_ORIGINS: 'https://a.example/, http://b.example:8080' })
        .ALLOWED_ORIGINS,
    ).toEqual(['https://a.example', 'http://b.example:8080']);
    expect(parseConfig(operatorConfigSchema, { ALLOWED_ORIGINS: '*' }).ALLOWED_ORIGINS).toEqual(['*']);
    expect(() => parseConfig(operatorConfigSchema, { ALLOWED_ORIGINS: 'ftp://files.example' })).toThrow(
      /ALLOWED_ORIGINS/,
    );
  });
});
