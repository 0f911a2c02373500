import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { collectFiles } from './collect-files.js';
import { hasProblems, type FileReport } from './file-report.js';
import { toSarif } from './format-sarif.js';
import { formatSummary, formatText } from './format-text.js';
import { analyzeSnippet } from '../analyze/analyze-snippet.js';

/** Exit codes: 0 clean (or `info` findings only), 1 warnings or syntax errors, 2 usage or I/O error. */
export const EXIT = { clean: 0, problems: 1, usage: 2 } as const;

const FORMATS = ['text', 'json', 'sarif'] as const;
type Format = (typeof FORMATS)[number];

const USAGE = `Usage: pymem analyze [options] FILE|DIR|- ...

Finds memory anti-patterns in Python files, each cited to the guidance tip that explains the fix.
Directories are searched for *.py files; "-" reads stdin.

Options:
  -f, --format <text|json|sarif>  output format (default: text)
  -s, --suggestions               text format: print each finding's suggested fix under it
  -q, --quiet                     no summary line on stderr
  -h, --help                      show this help

Exit codes: 0 nothing or only info findings, 1 warnings or syntax errors, 2 usage or read error.
`;

/** What the CLI needs from its host, so tests can run it without a process. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly readStdin: () => Promise<string>;
  readonly version: string;
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

  let reports: FileReport[];
  try {
    reports = await analyzeFiles((await collectFiles(paths)).files, io);
  } catch (error) {
    io.stderr(`pymem: ${(error as Error).message}\n`);
    return EXIT.usage;
  }

  if (format === 'json') io.stdout(`${JSON.stringify(reports, null, 2)}\n`);
  else if (format === 'sarif') io.stdout(`${JSON.stringify(toSarif(reports, io.version), null, 2)}\n`);
  else io.stdout(formatText(reports, { suggestions: values.suggestions }));
  if (!values.quiet) io.stderr(formatSummary(reports));
  return hasProblems(reports) ? EXIT.problems : EXIT.clean;
}

async function analyzeFiles(files: readonly string[], io: CliIo): Promise<FileReport[]> {
  const reports: FileReport[] = [];
  for (const file of files) {
    const code = file === '-' ? await io.readStdin() : await readFile(file, 'utf8');
    reports.push({ file, ...analyzeSnippet(code, { filename: file }) });
  }
  return reports;
}
