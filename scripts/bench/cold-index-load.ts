import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { median } from './stats.js';

export interface ColdLoadResult {
  /** Each fresh process's first `loadIndexFromDisk`, in ms. */
  readonly runsMs: readonly number[];
  readonly medianMs: number;
}

/**
 * The index load as a server start pays it: once per fresh Node process, `runs` processes in turn.
 *
 * @example
 * const { medianMs } = await coldIndexLoad({ rootDir, indexDir: 'build/index', runs: 5 });
 */
export async function coldIndexLoad(options: {
  rootDir: string;
  indexDir: string;
  runs: number;
}): Promise<ColdLoadResult> {
  const runsMs: number[] = [];
  for (let i = 0; i < options.runs; i++) {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'scripts/bench/index-load-probe.ts', options.indexDir],
      {
        cwd: options.rootDir,
      },
    );
    const { loadMs } = JSON.parse(stdout) as { loadMs: number };
    runsMs.push(loadMs);
  }
  return { runsMs, medianMs: median(runsMs) };
}
