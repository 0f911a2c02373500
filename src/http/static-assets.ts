/**
 * Built static files (`build/public`: the widget bundle), served by the app. On Node they are read
 * into memory at start-up (`src/platform/node/static-assets.ts`); on Workers, Workers Static Assets
 * serve them before the Worker runs, and the binding stands behind this for requests that do
 * reach it.
 */
export interface StaticAssets {
  /**
   * The response for a GET or HEAD of `path` (`/widget.js`), honouring `If-None-Match` and
   * `Accept-Encoding` from `request`; undefined when there is no such file.
   */
  fetch(request: Request, path: string): Promise<Response | undefined>;
}
