import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { applyFixes, unifiedDiff } from './apply-fixes.js';
import { collectFiles, DEFAULT_EXCLUDES } from './collect-files.js';
import { hasProblems, type FileReport } from './file-report.js';
import { DEFAULT_TIPS_URL, toSarif } from './format-sarif.js';
import { formatSummary, formatText } from './format-text.js';
import { analyzeSnippet } from '../analyze/analyze-snippet.js';
import type { Tip } from '../knowledge/types.js';

/** Exit codes: 0 clean (or `info` findings only), 1 warnings or syntax errors, 2 usage or I/O error. */
export const EXIT = { clean: 0, problems: 1, usage: 2 } as const;

const FORMATS = ['text', 'json', 'sarif'] as const;
type Format = (typeof FORMATS)[number];

const USAGE = `Usage: pymem analyze [options] FILE|DIR|- ...

Finds memory anti-patterns in Python files, each cited to the knowledge unit that explains it
and the guidance tip that unit deepens.
Directories are searched for *.py files; "-" reads stdin.

Options:
  -f, --format <text|json|sarif>  output format (default: text)
  -s, --suggestions               text format: print each finding's suggested fix under it
      --include-info              also report info findings (worth knowing, often fine)
      --exclude <pattern,...>     paths a directory search skips, replacing the default list:
                                  ${DEFAULT_EXCLUDES.join(', ')}
      --extend-exclude <pattern,...>  paths to skip on top of the default (or --exclude) list
      --fix                       apply the safe fixes to the files, then report what is left
      --diff                      with --fix: print the fixes as a unified diff, change nothing
      --tips-url <url>            SARIF helpUri base for the cited tips (default: ${DEFAULT_TIPS_URL};
                                  env PYMEM_TIPS_URL)
  -q, --quiet                     no summary line on stderr
  -h, --help                      show this help

Patterns without "/" match any file or folder name (tests, test_*.py); with "/", the path under
the directory searched (pkg/vendor/**). A file named on the command line is always analyzed.

Exit codes: 0 nothing or only info findings, 1 warnings or syntax errors (--diff: fixes to apply),
2 usage or read error.
`;

/** What the CLI needs from its host, so tests can run it without a process. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly readStdin: () => Promise<string>;
  readonly version: string;
  /** The built knowledge's units, for SARIF rule descriptions (see `SarifOptions.knowledge`); none when omitted. */
  readonly knowledge?: () => readonly Tip[] | undefined;
  /** Environment variables (`PYMEM_TIPS_URL`); the process's when omitted. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/**
 * Runs `pymem <args>` and returns the exit code.
 *
 * @example
 * const code = await runCli(['analyze', '--format', 'sarif', 'app.py'], io);
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        format: { type: 'string', short: 'f', default: 'text' },
        suggestions: { type: 'boolean', short: 's', default: false },
        'include-info': { type: 'boolean', default: false },
        exclude: { type: 'string', multiple: true },
        'extend-exclude': { type: 'string', multiple: true },
        fix: { type: 'boolean', default: false },
        diff: { type: 'boolean', default: false },
        'tips-url': { type: 'string' },
        quiet: { type: 'boolean', short: 'q', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    io.stderr(`pymem: ${(error as Error).message}\n\n${USAGE}`);
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(USAGE);
    return EXIT.clean;
  }
  const [command, ...paths] = positionals;
  if (command !== 'analyze' || paths.length === 0) {
    io.stderr(command && command !== 'analyze' ? `pymem: unknown command "${command}"\n\n${USAGE}` : USAGE);
    return EXIT.usage;
  }
  const format = values.format as Format;
  if (!FORMATS.includes(format)) {
    io.stderr(`pymem: --format must be one of ${FORMATS.join(', ')} (got "${values.format}")\n`);
    return EXIT.usage;
  }
  if (values.diff && !values.fix) {
    io.stderr('pymem: --diff goes with --fix (it prints the fixes instead of applying them)\n');
    return EXIT.usage;
  }
  if (values.fix && paths.includes('-') && !values.diff) {
    io.stderr('pymem: --fix cannot write back to stdin; use --fix --diff\n');
    return EXIT.usage;
  }
  const split = (list: string[] | undefined) =>
    list
      ?.flatMap((p) => p.split(','))
      .map((p) => p.trim())
      .filter(Boolean);
  const exclude = split(values.exclude);
  const extendExclude = split(values['extend-exclude']);
  const includeInfo = values['include-info'];

  let files: string[];
  let reports: FileReport[];
  let sources: Map<string, string>;
  let hiddenInfo: number;
  try {
    ({ files } = await collectFiles(paths, { ...(exclude && { exclude }), ...(extendExclude && { extendExclude }) }));
    ({ reports, sources, hiddenInfo } = await analyzeFiles(files, io, includeInfo));
  } catch (error) {
    io.stderr(`pymem: ${(error as Error).message}\n`);
    return EXIT.usage;
  }

  if (values.fix) {
    let diffs = '';
    let fixedCount = 0;
    let fixedFiles = 0;
    for (const report of reports) {
      const code = sources.get(report.file) ?? '';
      const { code: after, fixed } = applyFixes(code, report.findings);
      if (fixed.length === 0) continue;
      fixedCount += fixed.length;
      fixedFiles++;
      if (values.diff) diffs += unifiedDiff(report.file === '-' ? 'stdin' : report.file, code, after);
      else {
        try {
          await writeFile(report.file, after, 'utf8');
        } catch (error) {
          io.stderr(`pymem: ${(error as Error).message}\n`);
          return EXIT.usage;
        }
      }
    }
    if (values.diff) {
      io.stdout(diffs);
      if (!values.quiet)
        io.stderr(
          `${fixedCount} fix${fixedCount === 1 ? '' : 'es'} available in ${fixedFiles} file${fixedFiles === 1 ? '' : 's'} (nothing written)\n`,
        );
      return fixedCount > 0 ? EXIT.problems : EXIT.clean;
    }
    if (!values.quiet)
      io.stderr(
        `Fixed ${fixedCount} finding${fixedCount === 1 ? '' : 's'} in ${fixedFiles} file${fixedFiles === 1 ? '' : 's'}.\n`,
      );
    // Report what is left.
    ({ reports, sources, hiddenInfo } = await analyzeFiles(files, io, includeInfo));
  }

  if (format === 'json') io.stdout(`${JSON.stringify(reports, null, 2)}\n`);
  else if (format === 'sarif') {
    const tipsUrl = values['tips-url'] ?? (io.env ?? process.env).PYMEM_TIPS_URL ?? DEFAULT_TIPS_URL;
    io.stdout(`${JSON.stringify(toSarif(reports, io.version, { tipsUrl, sources, ...knowledgeOf(io) }), null, 2)}\n`);
  } else io.stdout(formatText(reports, { suggestions: values.suggestions }));
  if (!values.quiet) io.stderr(formatSummary(reports, { hiddenInfo }));
  return hasProblems(reports) ? EXIT.problems : EXIT.clean;
}

/** Analyzes every file (info findings counted even when hidden, so the summary can say how many). */
async function analyzeFiles(
  files: readonly string[],
  io: CliIo,
  includeInfo: boolean,
): Promise<{ reports: FileReport[]; sources: Map<string, string>; hiddenInfo: number }> {
  const reports: FileReport[] = [];
  const sources = new Map<string, string>();
  let hiddenInfo = 0;
  for (const file of files) {
    const code = file === '-' ? await io.readStdin() : await readFile(file, 'utf8');
    sources.set(file, code);
    const result = analyzeSnippet(code, { filename: file, includeInfo: true });
    const findings = includeInfo ? result.findings : result.findings.filter((f) => f.severity === 'warning');
    hiddenInfo += result.findings.length - findings.length;
    reports.push({ file, findings, syntaxErrors: result.syntaxErrors });
  }
  return { reports, sources, hiddenInfo };
}

function knowledgeOf(io: CliIo): { knowledge?: readonly Tip[] } {
  const knowledge = io.knowledge?.();
  return knowledge ? { knowledge } : {};
}
