// sonic-boom is CommonJS: its class is the default export, and carries itself as `.SonicBoom`,
// which is also what its type declarations name.
import sonicBoom from 'sonic-boom';
import type { LogSink } from '../logger.js';

/**
 * Log lines to stdout and stderr through sonic-boom (pino's writer): a line is appended to a
 * buffer and written by an asynchronous `fs.write`, lines written meanwhile go out together in
 * the next one. `console.log` instead makes one blocking write per line (stdout is a file or
 * pipe here, and Node writes those synchronously): with a request log line per request that was a
 * third of the server's time on `GET /healthz` (`npm run bench`, issue #8). Whatever is still
 * buffered is written synchronously when the process exits.
 *
 * @example const logger = createJsonLogger(createStdioLogSink());
 */
export function createStdioLogSink(): LogSink {
  const out = writer(1);
  const err = writer(2);
  process.once('exit', () => {
    out.flushSync();
    err.flushSync();
  });
  return { info: (line) => void out.write(Buffer.from(`${line}\n`)), error: (line) => void err.write(Buffer.from(`${line}\n`)) };
}

/** What is used of a sonic-boom in buffer mode (its type declarations only know string writes). */
interface BufferWriter {
  write(chunk: Buffer): boolean;
  flushSync(): void;
}

function writer(fd: 1 | 2): BufferWriter {
  // Buffer mode: in its string mode sonic-boom measures the whole pending text on every write.
  const boom = new sonicBoom.SonicBoom({ fd, sync: false, minLength: 8192, periodicFlush: 250, contentMode: 'buffer' });
  // A reader that went away (EPIPE) must not take the server down with an unhandled 'error'.
  boom.on('error', () => {});
  return boom as unknown as BufferWriter;
}
