/** Structured logging port: one JSON object per event. */
export interface Logger {
  info(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}

/** Where the JSON lines go: `info` to standard output, `error` to standard error. */
export interface LogSink {
  info(line: string): void;
  error(line: string): void;
}

/** The console (stdout/stderr on Node, `wrangler tail` and Workers Logs on Cloudflare). */
export const consoleLogSink: LogSink = {
  info: (line) => console.log(line),
  error: (line) => console.error(line),
};

/**
 * Writes one JSON line per event to `sink` (the console unless told otherwise; Node passes a
 * buffered stdout sink, `createStdioLogSink`).
 *
 * @example createJsonLogger().info('listening', { url }) // {"time":"…","level":"info","event":"listening","url":"…"}
 */
export function createJsonLogger(sink: LogSink = consoleLogSink): Logger {
  const line = (level: 'info' | 'error', event: string, fields: Record<string, unknown> = {}) =>
    JSON.stringify({ time: new Date().toISOString(), level, event, ...fields });
  return { info: (e, f) => sink.info(line('info', e, f)), error: (e, f) => sink.error(line('error', e, f)) };
}

/** Drops everything; for tests that do not look at logs. */
export const silentLogger: Logger = { info: () => {}, error: () => {} };
