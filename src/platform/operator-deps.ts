import type { OperatorConfig } from '../config.js';
import type { AppDeps } from '../deps.js';

/** The access settings of the operator config, as app dependencies (the same on Node and Workers). */
export function accessDeps(config: OperatorConfig): Pick<AppDeps, 'apiKeys' | 'widgetKeys' | 'allowedOrigins' | 'adminToken'> {
  return {
    apiKeys: config.API_KEYS,
    widgetKeys: config.WIDGET_KEYS,
    allowedOrigins: config.ALLOWED_ORIGINS,
    adminToken: config.ADMIN_TOKEN,
  };
}
