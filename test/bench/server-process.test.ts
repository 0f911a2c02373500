import { describe, expect, it } from 'vitest';
import { readCpuMs, readMemory } from '../../scripts/bench/server-process.js';

describe('process readings from /proc', () => {
  it.runIf(process.platform === 'linux')("reads this process's resident memory and CPU time", () => {
    const { rssMB, peakRssMB } = readMemory(process.pid);
    expect(rssMB).toBeCloseTo(process.memoryUsage().rss / 1e6, -1);
    expect(peakRssMB).toBeGreaterThanOrEqual(rssMB);
    const usage = process.cpuUsage();
    expect(readCpuMs(process.pid)).toBeCloseTo((usage.user + usage.system) / 1000, -2);
  });
});
