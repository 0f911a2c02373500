import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeSnippet } from '../../../src/analyze/analyze-snippet.js';
import type { Finding, SyntaxErrorReport } from '../../../src/analyze/types.js';
import { collectFiles } from '../../../src/cli/collect-files.js';

/** Where the corpus data lives: the package list, the judgements, the hand-listed problems. */
export const CORPUS_DATA_DIR = fileURLToPath(new URL('../../../test/analyze/real-corpus/', import.meta.url));

/** Where Debian installs Python packages (`PYMEM_CORPUS_ROOT` for another copy of the same files). */
export const CORPUS_ROOT = process.env.PYMEM_CORPUS_ROOT ?? '/usr/lib/python3/dist-packages';

/** One pinned Debian package of the corpus. */
export interface CorpusPackage {
  readonly debian: string;
  readonly version: string;
  /** Its folder under {@link CORPUS_ROOT}. */
  readonly directory: string;
  readonly style: string;
}

/** `test/analyze/real-corpus/packages.txt`. */
export function readPackages(): CorpusPackage[] {
  return readFileSync(join(CORPUS_DATA_DIR, 'packages.txt'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'))
    .map((line) => {
      const [debian, version, directory, ...style] = line.trim().split(/\s+/);
      if (!debian || !version || !directory) throw new Error(`packages.txt: bad line "${line}"`);
      return { debian, version, directory, style: style.join(' ') };
    });
}

/** The `apt-get install` line for the corpus, for messages. */
export function installCommand(packages = readPackages()): string {
  return `apt-get install -y --no-install-recommends ${packages.map((p) => `${p.debian}=${p.version}`).join(' ')}`;
}

/** Why the corpus cannot be analyzed here (missing packages), or `undefined`. */
export function corpusProblem(packages = readPackages()): string | undefined {
  const missing = packages.filter((p) => !existsSync(join(CORPUS_ROOT, p.directory)));
  if (missing.length === 0) return undefined;
  return `the real-code corpus is not installed (${missing.map((p) => p.directory).join(', ')} missing under ${CORPUS_ROOT}); install it with: ${installCommand(packages)}`;
}

/** Installed versions that differ from the pinned ones (Debian replaced a version with a security update). */
export function versionDrift(packages = readPackages()): string[] {
  const drift: string[] = [];
  for (const p of packages) {
    let installed: string;
    try {
      installed = execFileSync('dpkg-query', ['-W', '-f=${Version}', p.debian], { encoding: 'utf8' }).trim();
    } catch {
      continue; // no dpkg (a copy under PYMEM_CORPUS_ROOT): nothing to compare.
    }
    if (installed !== p.version) drift.push(`${p.debian} ${installed} (pinned ${p.version})`);
  }
  return drift;
}

/** A corpus file: its path under {@link CORPUS_ROOT} with `/` (`werkzeug/serving.py`) and its text. */
export interface CorpusFile {
  readonly path: string;
  readonly absolute: string;
  readonly code: string;
}

/** The corpus files the CLI would analyze with its default exclusions (tests, examples, setup.py...). */
export async function corpusFiles(packages = readPackages()): Promise<{ files: CorpusFile[]; excluded: number }> {
  const { files, excluded } = await collectFiles(packages.map((p) => join(CORPUS_ROOT, p.directory)));
  return {
    files: files.map((absolute) => ({
      absolute,
      path: relative(CORPUS_ROOT, absolute).split(sep).join('/'),
      code: readFileSync(absolute, 'utf8'),
    })),
    excluded,
  };
}

/**
 * A finding on a corpus file with a key that survives unrelated edits: the file, the rule, a hash
 * of the flagged line's text (trimmed), and `~n` for the n-th repeat of that triple in the file.
 */
export interface KeyedFinding {
  readonly key: string;
  readonly file: string;
  /** 1-based, for people (the key does not use it). */
  readonly line: number;
  readonly lineText: string;
  readonly finding: Finding;
}

export function lineHash(text: string): string {
  return createHash('sha1').update(text.trim()).digest('hex').slice(0, 10);
}

export function findingKey(file: string, rule: string, hash: string, repeat: number): string {
  return `${file} ${rule} ${hash}${repeat > 0 ? `~${repeat}` : ''}`;
}

/** Keys the findings of one file (in source order, so repeats are numbered stably). */
export function keyFindings(file: string, code: string, findings: readonly Finding[]): KeyedFinding[] {
  const lines = code.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const seen = new Map<string, number>();
  return findings.map((finding) => {
    const lineText = lines[finding.range.start.line] ?? '';
    const base = findingKey(file, finding.rule, lineHash(lineText), 0);
    const repeat = seen.get(base) ?? 0;
    seen.set(base, repeat + 1);
    return {
      key: findingKey(file, finding.rule, lineHash(lineText), repeat),
      file,
      line: finding.range.start.line + 1,
      lineText,
      finding,
    };
  });
}

/** What the analyzer found on the whole corpus (every severity), and how long it took. */
export interface CorpusRun {
  readonly files: readonly CorpusFile[];
  readonly excluded: number;
  readonly findings: readonly KeyedFinding[];
  readonly syntaxErrors: readonly { file: string; error: SyntaxErrorReport }[];
  readonly ruleErrors: readonly string[];
  /** Wall time of the analysis alone (reading files excluded), and CPU time. */
  readonly milliseconds: number;
  readonly cpuMilliseconds: number;
}

export async function runCorpus(analyze: typeof analyzeSnippet = analyzeSnippet): Promise<CorpusRun> {
  const { files, excluded } = await corpusFiles();
  const findings: KeyedFinding[] = [];
  const syntaxErrors: { file: string; error: SyntaxErrorReport }[] = [];
  const ruleErrors: string[] = [];
  const cpu = process.cpuUsage();
  const start = performance.now();
  const results = files.map((file) =>
    analyze(file.code, {
      includeInfo: true,
      onRuleError: (rule, error) => ruleErrors.push(`${file.path}: ${rule}: ${String(error)}`),
    }),
  );
  const milliseconds = performance.now() - start;
  const used = process.cpuUsage(cpu);
  files.forEach((file, i) => {
    const result = results[i];
    if (!result) return;
    findings.push(...keyFindings(file.path, file.code, result.findings));
    for (const error of result.syntaxErrors) syntaxErrors.push({ file: file.path, error });
  });
  return {
    files,
    excluded,
    findings,
    syntaxErrors,
    ruleErrors,
    milliseconds,
    cpuMilliseconds: (used.user + used.system) / 1000,
  };
}
