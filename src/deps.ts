import type { CodeAnalyzer } from './analyze/code-analyzer.js';
import type { AnswerSettings } from './answer/answer-options.js';
import type { LlmSetup } from './answer/llm/providers.js';
import type { OperatorConfig, PlatformsConfig } from './config.js';
import type { FeedbackStore } from './feedback/feedback-store.js';
import type { RequestMetrics } from './http/middleware/metrics.js';
import type { ClientAddressResolver } from './http/middleware/rate-limit.js';
import type { Clock, RateLimiter } from './http/rate-limiter.js';
import { createTokenBucketLimiter } from './http/rate-limiter.js';
import type { StaticAssets } from './http/static-assets.js';
import type { PendingWork } from './integrations/chat/chat-runtime.js';
import type { Logger } from './logger.js';
import type { LoadedIndex } from './retrieval/load-retriever.js';

/** Everything the app needs from its host; each entry (Node, Worker, tests) builds its own (src/platform/node/deps.ts, src/platform/worker/deps.ts). */
export interface AppDeps {
  readonly index: LoadedIndex;
  readonly answer?: Partial<AnswerSettings>;
  readonly logger?: Logger;
  /** The configured model (`LLM_*`); absent, every answer is extractive. Built in `src/platform/`. */
  readonly llm?: LlmSetup | undefined;
  /** Where pasted code is analyzed (Node: a worker-thread pool, `createAnalysisPool`); absent, in process. */
  readonly analyzer?: CodeAnalyzer | undefined;
  /** `API_KEYS`: when these or widget keys are set, `/v1/*` and `/mcp` need `Authorization: Bearer <key>`. */
  readonly apiKeys?: readonly string[];
  /** `WIDGET_KEYS`: publishable keys limited to ask, ask/stream, feedback and tips, from `allowedOrigins`. */
  readonly widgetKeys?: readonly string[];
  /** `ALLOWED_ORIGINS`: browser origins allowed to call the API (CORS, widget keys). */
  readonly allowedOrigins?: readonly string[];
  /** `ADMIN_TOKEN`: bearer token of the operator routes (`adminAuth`); absent, they answer 503. */
  readonly adminToken?: string | undefined;
  /** Limits `/v1/*` and `/mcp` per key or client address; absent, no limit. */
  readonly rateLimiter?: RateLimiter | undefined;
  /** Counts failed authentications per client address (`AUTH_FAILURES_PER_MINUTE`); absent, no limit. */
  readonly failedAuthLimiter?: RateLimiter | undefined;
  /** `PUBLIC_URL`: this service's origin as clients reach it, for the demo page's embed snippet. */
  readonly publicUrl?: string | undefined;
  /** The client's address, for rate limiting (Node: socket or X-Forwarded-For; Workers: CF-Connecting-IP). */
  readonly clientAddress?: ClientAddressResolver;
  /** Request metrics, served at `/metrics` (Node: Prometheus). */
  readonly metrics?: RequestMetrics | undefined;
  /** Counts answers per question and keeps the feedback on them (Node: SQLite file, Workers: D1); absent, `/v1/feedback*` answer 503. */
  readonly feedback?: FeedbackStore | undefined;
  /** The built static files of `build/public` (the widget bundle); absent, `/widget.js` is 404. */
  readonly staticAssets?: StaticAssets | undefined;
  /** Milliseconds for request latency; `performance.now` by default. */
  readonly clock?: Clock;
  /** Slack and Discord secrets and API base URLs (`parsePlatformsConfig`); absent, `/slack/*` and `/discord/*` answer 503. */
  readonly platforms?: PlatformsConfig | undefined;
  /** Node: chat replies that run after the response; tests await `drain()`, shutdown drains it. Workers use `waitUntil`. */
  readonly pendingWork?: PendingWork | undefined;
  /** Wall clock, ms since the epoch, for signed-request timestamps; `Date.now` by default. */
  readonly now?: () => number;
  /** Chat replies are deferred at once (answers may exceed the platforms' 3 s); default: when the assistant is in LLM mode. */
  readonly answerMayBeSlow?: boolean | undefined;
}

/** The access settings of the operator config, as app dependencies: the same on Node and Workers. */
export function accessDeps(
  config: OperatorConfig,
): Pick<AppDeps, 'apiKeys' | 'widgetKeys' | 'allowedOrigins' | 'adminToken' | 'failedAuthLimiter' | 'publicUrl'> {
  const failures = config.AUTH_FAILURES_PER_MINUTE;
  return {
    apiKeys: config.API_KEYS,
    widgetKeys: config.WIDGET_KEYS,
    allowedOrigins: config.ALLOWED_ORIGINS,
    adminToken: config.ADMIN_TOKEN,
    // In memory on both platforms: on Workers per isolate, which still stops a client hammering one.
    failedAuthLimiter: failures > 0 ? createTokenBucketLimiter({ perMinute: failures }) : undefined,
    publicUrl: config.PUBLIC_URL,
  };
}
