import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { closedPort, serveHostPages } from './support/host-pages.js';
import { startNodeService } from './support/node-service.js';
import { startSlowLink } from './support/slow-link.js';

export const E2E_ADMIN_TOKEN = 'e2e-admin-token-0123456789';

/**
 * Starts, for the whole e2e run: the real built Node service (SQLite feedback in a temporary
 * folder, CORS open to the host pages), a second one that allows one question a minute (for the
 * 429), a slow link to the first (to watch answers stream in), and a server of host pages on
 * another origin. `npm run test:e2e` builds first.
 */
export default async function setup(project: TestProject) {
  const values: Record<string, string> = {};
  const pages = await serveHostPages(() => values);
  const dir = await mkdtemp(join(tmpdir(), 'pymem-e2e-'));
  const feedbackDb = join(dir, 'feedback.sqlite');
  // The suite asks far more than the default 60 questions a minute from one address: no limit here.
  const service = await startNodeService({
    FEEDBACK_DB: feedbackDb,
    ADMIN_TOKEN: E2E_ADMIN_TOKEN,
    ALLOWED_ORIGINS: pages.origin,
    RATE_LIMIT_PER_MINUTE: '0',
  });
  const limited = await startNodeService({
    FEEDBACK_DB: join(dir, 'limited.sqlite'),
    ALLOWED_ORIGINS: pages.origin,
    RATE_LIMIT_PER_MINUTE: '1',
    RATE_LIMIT_BURST: '1',
  });
  const slow = await startSlowLink(service.url, { chunkBytes: 160, intervalMs: 15 });
  Object.assign(values, {
    SERVICE: service.url,
    LIMITED: limited.url,
    CLOSED: `http://127.0.0.1:${await closedPort()}`,
  });

  project.provide('serviceUrl', service.url);
  project.provide('slowServiceUrl', slow.url);
  project.provide('hostOrigin', pages.origin);
  project.provide('feedbackDb', feedbackDb);
  project.provide('adminToken', E2E_ADMIN_TOKEN);

  return async () => {
    await Promise.all([slow.close(), service.stop(), limited.stop(), pages.close()]);
    await rm(dir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    serviceUrl: string;
    slowServiceUrl: string;
    hostOrigin: string;
    feedbackDb: string;
    adminToken: string;
  }
}
