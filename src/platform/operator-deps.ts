import type { OperatorConfig } from '../config.js';
import type { AppDeps } from '../deps.js';
import { createTokenBucketLimiter } from '../ratelimit/token-bucket.js';

/** The access settings of the operator config, as app dependencies (the same on Node and Workers). */
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
