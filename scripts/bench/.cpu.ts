import { loadTest, warmUp } from './http-load.js';
import { serviceScenarios } from './http-scenarios.js';
import { readCpuMs, readMemory } from './server-process.js';
const pid = Number(process.argv[2]);
const out: string[] = [];
for (const s of serviceScenarios()) {
  const o = { connections: 50, durationSeconds: 4, warmupSeconds: 1 };
  await warmUp('http://127.0.0.1:8881', s, o, 'http://127.0.0.1:8881/healthz');
  const c0 = readCpuMs(pid);
  const r = await loadTest('http://127.0.0.1:8881', s, o);
  out.push(`${s.name.replace('POST ', '').replace('GET ', '')} ${Math.round(r.requestsPerSecond)}/s ${Math.round(((readCpuMs(pid) - c0) * 1000) / r.totalRequests)}µs p99=${r.latencyP99Ms}`);
}
console.log(out.join(' | '), '| rss', readMemory(pid).rssMB.toFixed(0));
