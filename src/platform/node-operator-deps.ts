import { getConnInfo } from '@hono/node-server/conninfo';
import type { NodeConfig } from '../config.js';
import type { AppDeps } from '../deps.js';
import { forwardedClientAddress } from '../http/middleware/client-address.js';
import { createTokenBucketLimiter } from '../ratelimit/token-bucket.js';
import { accessDeps } from './operator-deps.js';
import { createPrometheusMetrics } from './prometheus-metrics.js';

/**
 * Keys, rate limit (an in-memory token bucket), client address (the socket, or `X-Forwarded-For`
 * behind `TRUST_PROXY` proxies) and Prometheus metrics, for Node.
 *
 * @example createApp({ index, logger, ...nodeOperatorDeps(parseNodeConfig(process.env)) })
 */
export function nodeOperatorDeps(config: NodeConfig): Partial<AppDeps> {
  const perMinute = config.RATE_LIMIT_PER_MINUTE;
  return {
    ...accessDeps(config),
    rateLimiter: perMinute > 0 ? createTokenBucketLimiter({ perMinute, burst: config.RATE_LIMIT_BURST }) : undefined,
    // A request that came through no socket (`app.request` in tests and scripts) has no address.
    clientAddress: forwardedClientAddress(config.TRUST_PROXY, (c) => ((c.env as { incoming?: unknown } | undefined)?.incoming ? getConnInfo(c).remote.address : undefined)),
    metrics: createPrometheusMetrics(),
  };
}
