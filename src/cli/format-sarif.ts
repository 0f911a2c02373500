import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FileReport } from './file-report.js';
import { RULE_CITATIONS } from '../analyze/rule-citations.js';
import { RULES } from '../analyze/rules/index.js';
import type { Range } from '../analyze/types.js';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const SYNTAX_ERROR_RULE = 'syntax-error';

/** A SARIF 2.1.0 log, as code-scanning tools (GitHub, GitLab, VS Code's SARIF viewer) read it. */
export interface SarifLog {
  readonly $schema: string;
  readonly version: '2.1.0';
  readonly runs: readonly unknown[];
}

/**
 * One SARIF 2.1.0 run: every rule as a `reportingDescriptor` (its tip in `properties` and `help`),
 * findings as results (`warning` → `warning`, `info` → `note`), syntax errors as `error`s. Regions
 * are 1-based with UTF-16 columns, SARIF's default `columnKind`.
 *
 * @example JSON.stringify(toSarif(reports, '0.1.0'))
 */
export function toSarif(reports: readonly FileReport[], version: string): SarifLog {
  const rules = [
    ...RULES.map((rule) => {
      const tip = RULE_CITATIONS[rule.id];
      return {
        id: rule.id,
        name: rule.id,
        shortDescription: { text: rule.summary },
        help: { text: `Guidance tip: ${tip.title} (${tip.section}), id ${tip.id}.` },
        defaultConfiguration: { level: rule.severity === 'warning' ? 'warning' : 'note' },
        properties: { tip: { ...tip }, tags: ['memory', 'python'] },
      };
    }),
    {
      id: SYNTAX_ERROR_RULE,
      name: SYNTAX_ERROR_RULE,
      shortDescription: { text: 'The code does not parse as Python; what parsed was still analyzed.' },
      defaultConfiguration: { level: 'error' },
    },
  ];
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));

  const results = reports.flatMap((report) => [
    ...report.findings.map((f) => ({
      ruleId: f.rule,
      ruleIndex: ruleIndex.get(f.rule),
      level: f.severity === 'warning' ? 'warning' : 'note',
      message: { text: f.suggestion ? `${f.message} Fix: ${f.suggestion}` : f.message },
      locations: [location(report.file, f.range)],
      properties: { tip: f.citation },
    })),
    ...report.syntaxErrors.map((e) => ({
      ruleId: SYNTAX_ERROR_RULE,
      ruleIndex: ruleIndex.get(SYNTAX_ERROR_RULE),
      level: 'error',
      message: { text: e.message },
      locations: [location(report.file, e.range)],
    })),
  ]);

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

function location(file: string, range: Range) {
  return {
    physicalLocation: {
      artifactLocation: { uri: file === '-' ? 'stdin' : toUri(file) },
      region: {
        startLine: range.start.line + 1,
        startColumn: range.start.character + 1,
        endLine: range.end.line + 1,
        endColumn: range.end.character + 1,
      },
    },
  };
}

/** A `file://` URI for an absolute path, else a relative URI reference (forward slashes, percent-encoded). */
function toUri(file: string): string {
  if (isAbsolute(file)) return pathToFileURL(file).href;
  return file.split(/[\\/]/).map(encodeURIComponent).join('/');
}
