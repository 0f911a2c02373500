import { operatorConfigSchema, parseConfig } from '../config.js';
import type { AppDeps } from '../deps.js';
import { headerClientAddress } from '../http/middleware/client-address.js';
import { createWorkersBindingLimiter, type RateLimitBinding } from '../ratelimit/workers-binding.js';
import { accessDeps } from './operator-deps.js';

/** The Worker's vars, secrets and the rate-limit binding this part reads. */
export interface WorkerOperatorEnv {
  readonly RATE_LIMITER?: RateLimitBinding;
  readonly [name: string]: unknown;
}

/**
 * Keys (Worker secrets `API_KEYS`, `WIDGET_KEYS`, `ADMIN_TOKEN`), the rate limit (the
 * `RATE_LIMITER` binding of wrangler.toml, whose `simple.limit` per 60 s is the var
 * `RATE_LIMIT_PER_MINUTE`) and the client address (`CF-Connecting-IP`), for the Worker. The
 * reference page's files are Workers Static Assets; there is no `/metrics` (Workers have their own
 * analytics).
 *
 * @example createApp({ index, ...workerOperatorDeps(env) })
 */
export function workerOperatorDeps(env: WorkerOperatorEnv): Partial<AppDeps> {
  const config = parseConfig(operatorConfigSchema, env);
  const limit = config.RATE_LIMIT_PER_MINUTE;
  return {
    ...accessDeps(config),
    rateLimiter: env.RATE_LIMITER && limit > 0 ? createWorkersBindingLimiter(env.RATE_LIMITER, { limit, periodSeconds: 60 }) : undefined,
    clientAddress: headerClientAddress('cf-connecting-ip'),
  };
}
