import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface RunningService {
  readonly url: string;
  readonly process: ChildProcess;
  /** Everything the server logged, one JSON line each. */
  readonly logs: string[];
  stop(): Promise<void>;
}

/**
 * Starts the built Node server (`node dist/src/node.js`, what `npm start` runs) on a free port of
 * 127.0.0.1 and resolves once it logs `listening`.
 */
export async function startNodeService(env: Record<string, string>): Promise<RunningService> {
  const child = spawn(process.execPath, ['dist/src/node.js'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 30 s:\n${logs.join('\n')}`)), 30_000);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${logs.join('\n')}`)));
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => {
        logs.push(line);
        const event = parseLine(line);
        if (event?.event === 'listening' && typeof event.url === 'string') {
          clearTimeout(timer);
          resolve(event.url);
        }
      });
    }
  });
  return {
    url,
    process: child,
    logs,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

function parseLine(line: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
