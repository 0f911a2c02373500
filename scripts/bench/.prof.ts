import { loadTest } from './http-load.js';
import { serviceScenarios } from './http-scenarios.js';
const name = process.argv[2] ?? 'POST /v1/ask';
const s = serviceScenarios().find((x) => x.name === name)!;
const r = await loadTest('http://127.0.0.1:8881', s, { connections: 50, durationSeconds: Number(process.argv[3] ?? 5), warmupSeconds: 1 });
console.log(name, Math.round(r.requestsPerSecond), 'req/s p50', r.latencyP50Ms, 'p99', r.latencyP99Ms, 'non2xx', r.non2xx);
