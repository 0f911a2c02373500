import { operatorConfigSchema, parseConfig, retentionPolicy } from '../config.js';
import type { AppDeps } from '../deps.js';
import { D1FeedbackStore, type D1DatabaseLike } from '../feedback/d1-feedback-store.js';
import type { StaticAssets } from '../http/static-assets.js';

/** The Workers Static Assets binding (`[assets] binding = "ASSETS"`), as far as it is used here. */
export interface AssetsBindingLike {
  fetch(request: Request): Promise<Response>;
}

/** Bindings of wrangler.toml the widget uses: the feedback database and the built files. */
export interface WorkerWidgetEnv {
  readonly DB?: D1DatabaseLike;
  readonly ASSETS?: AssetsBindingLike;
  readonly [name: string]: unknown;
}

/**
 * Feedback in the `DB` D1 database (with the retention of the `FEEDBACK_MAX_*` vars), and the `ASSETS` binding for a request for `/widget.js` that
 * reaches the Worker (normally Workers Static Assets answer it before the Worker runs).
 *
 * @example createApp({ index, ...workerWidgetDeps(env as WorkerWidgetEnv) })
 */
export function workerWidgetDeps(env: WorkerWidgetEnv): Pick<AppDeps, 'feedback' | 'staticAssets'> {
  return {
    feedback: env.DB ? new D1FeedbackStore(env.DB, { retention: retentionPolicy(parseConfig(operatorConfigSchema, env)) }) : undefined,
    staticAssets: env.ASSETS ? assetsFromBinding(env.ASSETS) : undefined,
  };
}

function assetsFromBinding(binding: AssetsBindingLike): StaticAssets {
  return {
    async fetch(request, path) {
      const response = await binding.fetch(new Request(new URL(path, request.url), request));
      return response.status === 404 ? undefined : response;
    },
  };
}
