import { Hono } from 'hono';
import type { Assistant } from '../../assistant.js';
import { ProblemException } from '../../http/problem.js';
import type { StaticAssets } from '../../http/static-assets.js';
import { DEMO_PAGE_CSS, renderDemoPage } from './demo-page.js';

/** Where the build (`npm run build:widget`) puts the widget bundle, under `build/public/`. */
export const WIDGET_ASSET_PATH = '/widget.js';

export interface WidgetRoutesOptions {
  readonly assistant: Assistant;
  /** The built static files; absent, `/widget.js` is a 404 that says how to build it. */
  readonly assets: StaticAssets | undefined;
  /** `PUBLIC_URL`, for the embed snippet; the request's Host is never echoed (cache poisoning). */
  readonly publicUrl?: string | undefined;
}

/** The demo page is the same for every request (the tips and the config): caches may keep it a while. */
const DEMO_PAGE_CACHE_CONTROL = 'public, max-age=300';

/**
 * `GET /widget.js` (the help-desk widget, one script tag) and `GET /` (the demo page that
 * explains the service and embeds the widget).
 *
 * @example app.route('/', widgetRoutes({ assistant, assets }))
 */
export function widgetRoutes({ assistant, assets, publicUrl }: WidgetRoutesOptions) {
  let csp: Promise<string> | undefined;
  return new Hono()
    .get('/', async (c) => {
      c.header('Content-Security-Policy', await (csp ??= demoPagePolicy()));
      c.header('X-Content-Type-Options', 'nosniff');
      c.header('Referrer-Policy', 'no-referrer');
      c.header('Cache-Control', DEMO_PAGE_CACHE_CONTROL);
      return c.html(renderDemoPage({ origin: publicUrl, tips: assistant.tips }));
    })
    .get(WIDGET_ASSET_PATH, async (c) => {
      const response = await assets?.fetch(c.req.raw, WIDGET_ASSET_PATH);
      if (response) return response;
      throw new ProblemException(404, {
        detail: 'The widget is not built on this server: run `npm run build:widget`.',
      });
    });
}

/** Scripts only from this origin, the one inline style sheet by hash, nothing framed or posted. */
async function demoPagePolicy(): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(DEMO_PAGE_CSS));
  const hash = btoa(String.fromCharCode(...new Uint8Array(digest)));
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'sha256-${hash}'`,
    "connect-src 'self'",
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
