import { readFileSync } from 'node:fs';
import os from 'node:os';

/** What the numbers were measured on: they mean little without it. */
export interface MachineInfo {
  readonly cpuModel: string;
  /** Logical CPUs this process may use. */
  readonly cores: number;
  readonly memoryGiB: number;
  readonly node: string;
  readonly os: string;
  /** 1, 5 and 15 minute load averages when the run started. */
  readonly loadAtStart: readonly [number, number, number];
}

/**
 * @example
 * const machine = describeMachine(); // { cpuModel: 'AMD EPYC', cores: 2, memoryGiB: 23.5, … }
 */
export function describeMachine(): MachineInfo {
  return {
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism(),
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: `${distribution()} (${os.type()} ${os.release()}, ${os.arch()})`,
    loadAtStart: loadAverage(),
  };
}

export function loadAverage(): [number, number, number] {
  const [one = 0, five = 0, fifteen = 0] = os.loadavg().map((l) => Math.round(l * 100) / 100);
  return [one, five, fifteen];
}

/** `1.02 0.88 0.61`, as `uptime` prints it. */
export function formatLoad(load: readonly number[]): string {
  return load.map((l) => l.toFixed(2)).join(' ');
}

/** Load above this on the 1-minute average means other work shares the CPUs with the benchmark. */
export function busyThreshold(cores: number): number {
  return Math.max(0.5, cores * 0.25);
}

function distribution(): string {
  try {
    const release = readFileSync('/etc/os-release', 'utf8');
    return /^PRETTY_NAME="?([^"\n]+)"?$/m.exec(release)?.[1] ?? os.type();
  } catch {
    return os.type();
  }
}
