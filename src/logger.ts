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
  const clock = isoClock();
  const line = (level: 'info' | 'error', event: string, fields?: Record<string, unknown>) => {
    // Fields are serialized on their own and appended, unless one would collide with the header.
    if (fields === undefined || 'time' in fields || 'level' in fields || 'event' in fields) {
      return JSON.stringify({ time: clock(), level, event, ...fields });
    }
    const rest = JSON.stringify(fields);
    return `{"time":"${clock()}","level":"${level}","event":${JSON.stringify(event)}${rest === '{}' ? '}' : `,${rest.slice(1)}`}`;
  };
  return { info: (e, f) => sink.info(line('info', e, f)), error: (e, f) => sink.error(line('error', e, f)) };
}

/** `new Date().toISOString()`, made once per millisecond (a busy server logs many lines per ms). */
function isoClock(): () => string {
  let lastMs = Number.NaN;
  let lastIso = '';
  return () => {
    const now = Date.now();
    if (now !== lastMs) {
      lastMs = now;
      lastIso = new Date(now).toISOString();
    }
    return lastIso;
  };
}

/** Drops everything; for tests that do not look at logs. */
export const silentLogger: Logger = { info: () => {}, error: () => {} };
