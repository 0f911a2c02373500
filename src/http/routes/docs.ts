import { Hono } from 'hono';
import type { OpenApiDocument } from '../openapi/document.js';
import { ProblemException } from '../problem.js';
import type { StaticAssets } from '../static-assets.js';

/**
 * The reference UI's files (from `swagger-ui-dist`), which `npm run build:docs` copies to
 * `build/public/docs/`; served at `/docs/<file>`.
 */
export const DOCS_ASSET_FILES = ['swagger-ui-bundle.js', 'swagger-ui.css', 'favicon-32x32.png'] as const;

/**
 * What the typed client sees of `GET /openapi.json`: its outline (the whole OpenAPI type is too
 * large to carry through the route types; parse it with an OpenAPI library to go further).
 */
export interface OpenApiDocumentJson {
  readonly openapi: string;
  readonly info: { readonly title: string; readonly version: string; readonly description?: string };
  readonly servers: readonly { readonly url: string; readonly description?: string }[];
  readonly paths?: { readonly [path: string]: unknown };
  readonly components?: { readonly [kind: string]: unknown };
  readonly tags?: readonly { readonly name: string; readonly description?: string }[];
}

export interface DocsRoutesOptions {
  /** The OpenAPI document, built once on first use (its builder may load its modules then). */
  readonly document: () => OpenApiDocument | Promise<OpenApiDocument>;
  /**
   * The built static files (`build/public`): in memory with gzip and ETags on Node, the
   * `ASSETS` binding on Workers (where Workers Static Assets answer before the Worker runs).
   */
  readonly assets: StaticAssets | undefined;
}

/**
 * `GET /openapi.json` (the OpenAPI 3.1 document) and `GET /docs` (Swagger UI, with every file
 * served by this service, so it works with no internet).
 *
 * @example app.route('/', docsRoutes({ document: () => buildOpenApiDocument(), assets: deps.staticAssets }))
 */
export function docsRoutes(options: DocsRoutesOptions) {
  let document: Promise<OpenApiDocument> | undefined;
  let policy: Promise<string> | undefined;
  return (
    new Hono()
      .get('/openapi.json', async (c) => {
        const { openapi, info, ...rest } = await (document ??= Promise.resolve(options.document()));
        // The deployment that served it: Swagger UI's "Try it out" and generated clients call it there.
        const servers = [{ url: new URL(c.req.url).origin, description: 'This deployment' }];
        return c.json({ openapi, info, servers, ...rest } as OpenApiDocumentJson);
      })
      .get('/docs', async (c) => {
        c.header('Content-Security-Policy', await (policy ??= docsPagePolicy()));
        c.header('X-Content-Type-Options', 'nosniff');
        return c.html(DOCS_PAGE);
      })
      // The page's links are relative to /docs, so /docs/ (a common way to type it) goes there.
      .get('/docs/', (c) => c.redirect('../docs', 301))
      .get('/docs/:file', async (c) => {
        const file = c.req.param('file');
        const known = (DOCS_ASSET_FILES as readonly string[]).includes(file);
        const response = known ? await options.assets?.fetch(c.req.raw, `/docs/${file}`) : undefined;
        if (response) return response;
        throw new ProblemException(404, {
          detail: known
            ? `The reference page's files are not built on this server: run \`npm run build:docs\`.`
            : `No reference page file named "${file}".`,
        });
      })
  );
}

// Relative URLs, so the page also works behind a proxy that mounts the service under a prefix.
// `validatorUrl: null` keeps Swagger UI from calling its online validator.
const INIT_SCRIPT = `
    window.ui = SwaggerUIBundle({
      url: new URL('openapi.json', location.href).href,
      dom_id: '#swagger-ui',
      deepLinking: true,
      persistAuthorization: true,
      displayRequestDuration: true,
      validatorUrl: null,
      presets: [SwaggerUIBundle.presets.apis],
      layout: 'BaseLayout',
    });
  `;

const DOCS_PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>pymem-assistant API reference</title>
  <link rel="icon" type="image/png" href="docs/favicon-32x32.png">
  <link rel="stylesheet" href="docs/swagger-ui.css">
  <style>body { margin: 0; } .swagger-ui .topbar { display: none; }</style>
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="docs/swagger-ui-bundle.js"></script>
  <script>${INIT_SCRIPT}</script>
</body>
</html>
`;

/**
 * Everything from this origin; the one inline script by hash. Swagger UI sets inline styles and
 * shows data: images, and "Try it out" calls this API (`connect-src 'self'`).
 */
async function docsPagePolicy(): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(INIT_SCRIPT));
  const hash = btoa(String.fromCharCode(...new Uint8Array(digest)));
  return [
    "default-src 'none'",
    `script-src 'self' 'sha256-${hash}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
