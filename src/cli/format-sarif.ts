import { createHash } from 'node:crypto';
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FileReport } from './file-report.js';
import { findingExplanation, RULE_CITATIONS } from '../analyze/rule-citations.js';
import type { Tip } from '../knowledge/types.js';
import { RULES } from '../analyze/rules/index.js';
import type { Finding, Range } from '../analyze/types.js';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const SYNTAX_ERROR_RULE = 'syntax-error';
/** Where `npm start` serves the tips (`GET /v1/tips/:id`); set `--tips-url` to a deployed service. */
export const DEFAULT_TIPS_URL = 'http://localhost:8787/v1/tips/';

/** A SARIF 2.1.0 log, as code-scanning tools (GitHub, GitLab, VS Code's SARIF viewer) read it. */
export interface SarifLog {
  readonly $schema: string;
  readonly version: '2.1.0';
  readonly runs: readonly unknown[];
}

export interface SarifOptions {
  /** Base of each rule's `helpUri`: the cited tip's id is appended. */
  readonly tipsUrl?: string;
  /** The analyzed code by file, for `partialFingerprints` (hashes of the flagged lines). */
  readonly sources?: ReadonlyMap<string, string>;
  /**
   * The built knowledge's units (`build/index/knowledge.json`): each rule's `fullDescription` and
   * `help` then quote the `why` of the unit it cites, the same text the service answers with.
   * Without them, they name the unit.
   */
  readonly knowledge?: readonly Tip[];
}

/**
 * One SARIF 2.1.0 run: every rule as a `reportingDescriptor` (`shortDescription`,
 * `fullDescription` and `help` quoting its cited unit's `why` when the knowledge is given, and
 * `helpUri` to that unit), findings as results (`warning` →
 * `warning`, `info` → `note`) with `partialFingerprints` that follow a finding across commits (a
 * hash of the rule and the flagged line's text, not its number) and `fixes` where the analyzer has a
 * safe rewrite; syntax errors as `error`s. Regions are 1-based with UTF-16 columns, SARIF's
 * default `columnKind`.
 *
 * @example JSON.stringify(toSarif(reports, '0.1.0', { tipsUrl: 'https://pymem.example.com/v1/tips/' }))
 */
export function toSarif(reports: readonly FileReport[], version: string, options: SarifOptions = {}): SarifLog {
  const tipsUrl = options.tipsUrl ?? DEFAULT_TIPS_URL;
  const rules = [
    ...RULES.map((rule) => {
      const unit = RULE_CITATIONS[rule.id];
      const why = findingExplanation(
        options.knowledge?.find((t) => t.id === unit.id),
        unit,
      );
      const level = rule.severity === 'warning' ? 'warning' : 'note';
      const explained = `Explained by "${unit.explainedBy}" (${unit.id}), which deepens the guidance tip "${unit.guidance.title}" (${unit.guidance.section}).`;
      return {
        id: rule.id,
        name: rule.id,
        shortDescription: { text: rule.summary },
        fullDescription: {
          text:
            `${rule.summary}. ${rule.severity === 'warning' ? 'A warning: the memory or resource cost is real and the fix is safe.' : 'Info (reported with --include-info): worth knowing, often fine.'} ` +
            (why ? `${why.text} ` : '') +
            explained,
        },
        helpUri: `${tipsUrl}${unit.id}`,
        help: {
          text: `${why ? `${why.text}\n\n` : ''}${explained} Unit id ${unit.id}.`,
          markdown: `${why ? `${why.text}\n\n` : ''}Explained by [${unit.explainedBy}](${tipsUrl}${unit.id}), which deepens the guidance tip [${unit.guidance.title}](${tipsUrl}${unit.guidance.id}) (${unit.guidance.section}).`,
        },
        defaultConfiguration: { level },
        properties: { tip: { ...unit }, tags: ['memory', 'python'] },
      };
    }),
    {
      id: SYNTAX_ERROR_RULE,
      name: SYNTAX_ERROR_RULE,
      shortDescription: { text: 'The code does not parse as Python; what parsed was still analyzed.' },
      fullDescription: {
        text: 'The code does not parse as Python (CPython would refuse it); the rest of the file was still analyzed.',
      },
      defaultConfiguration: { level: 'error' },
    },
  ];
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));

  const results = reports.flatMap((report) => {
    const lines = options.sources
      ?.get(report.file)
      ?.replace(/^\uFEFF/, '')
      .split(/\r\n|\r|\n/);
    const seen = new Map<string, number>();
    return [
      ...report.findings.map((f) => {
        const fingerprint = lines ? lineFingerprint(f.rule, lines[f.range.start.line] ?? '', seen) : undefined;
        return {
          ruleId: f.rule,
          ruleIndex: ruleIndex.get(f.rule),
          level: f.severity === 'warning' ? 'warning' : 'note',
          message: { text: f.suggestion ? `${f.message} Fix: ${f.suggestion}` : f.message },
          locations: [location(report.file, f.range)],
          ...(fingerprint && { partialFingerprints: { primaryLocationLineHash: fingerprint } }),
          ...(f.fix && { fixes: [sarifFix(report.file, f)] }),
          properties: { tip: f.citation },
        };
      }),
      ...report.syntaxErrors.map((e) => ({
        ruleId: SYNTAX_ERROR_RULE,
        ruleIndex: ruleIndex.get(SYNTAX_ERROR_RULE),
        level: 'error',
        message: { text: e.message },
        locations: [location(report.file, e.range)],
      })),
    ];
  });

  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'pymem', version, rules } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

/**
 * `<hash>:<n>`: the rule and the flagged line's text (whitespace-trimmed), and `n` for the n-th
 * result with the same hash in the file. Editing other lines, or moving this one, keeps it.
 */
function lineFingerprint(rule: string, line: string, seen: Map<string, number>): string {
  const hash = createHash('sha256').update(`${rule}\u0000${line.trim()}`).digest('hex').slice(0, 16);
  const n = (seen.get(hash) ?? 0) + 1;
  seen.set(hash, n);
  return `${hash}:${n}`;
}

function sarifFix(file: string, finding: Finding) {
  const fix = finding.fix;
  return {
    description: { text: fix?.description ?? '' },
    artifactChanges: [
      {
        artifactLocation: { uri: uriOf(file) },
        replacements: (fix?.edits ?? []).map((e) => ({
          deletedRegion: region(e.range),
          insertedContent: { text: e.newText },
        })),
      },
    ],
  };
}

function region(range: Range) {
  return {
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

function location(file: string, range: Range) {
  return { physicalLocation: { artifactLocation: { uri: uriOf(file) }, region: region(range) } };
}

function uriOf(file: string): string {
  return file === '-' ? 'stdin' : toUri(file);
}

/** A `file://` URI for an absolute path, else a relative URI reference (forward slashes, percent-encoded). */
function toUri(file: string): string {
  if (isAbsolute(file)) return pathToFileURL(file).href;
  return file.split(/[\\/]/).map(encodeURIComponent).join('/');
}
