/** Structured logging port: one JSON object per event. */
export interface Logger {
  info(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}

/** Writes one JSON line per event to the console (stdout/stderr on Node, `wrangler tail` on Workers). */
export function createJsonLogger(): Logger {
  const write = (level: 'info' | 'error', event: string, fields: Record<string, unknown> = {}) => {
    const line = JSON.stringify({ time: new Date().toISOString(), level, event, ...fields });
    if (level === 'error') console.error(line);
    else console.log(line);
  };
  return { info: (e, f) => write('info', e, f), error: (e, f) => write('error', e, f) };
}

/** Drops everything; for tests that do not look at logs. */
export const silentLogger: Logger = { info: () => {}, error: () => {} };
