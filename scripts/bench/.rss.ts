import { setTimeout as sleep } from 'node:timers/promises';
import { loadTest, warmUp } from './http-load.js';
import { serviceScenarios } from './http-scenarios.js';
import { readMemory } from './server-process.js';
const pid = Number(process.argv[2]);
for (const s of serviceScenarios()) {
  await warmUp('http://127.0.0.1:8881', s, { connections: 50, durationSeconds: 3, warmupSeconds: 1 }, 'http://127.0.0.1:8881/healthz');
  await loadTest('http://127.0.0.1:8881', s, { connections: 50, durationSeconds: 3, warmupSeconds: 1 });
  console.log(s.name, readMemory(pid).rssMB.toFixed(0));
}
for (let t = 0; t <= 6; t += 6) { console.log('idle', t, 's', readMemory(pid).rssMB.toFixed(0)); await sleep(3000); }
