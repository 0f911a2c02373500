import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { RULE_CITATIONS, type RuleId } from '../../src/analyze/rule-citations.js';

/** One corpus snippet: its file name, its code, and the rule ids it must produce (none when clean). */
export interface CorpusSnippet {
  readonly name: string;
  readonly code: string;
  readonly expected: readonly RuleId[];
}

export const CORPUS_DIR = fileURLToPath(new URL('./corpus/', import.meta.url));
const EXPECT_LINE = /^# expect: (.+)$/;

/**
 * Reads `test/analyze/corpus/*.py`; each file's first line says what it expects:
 * `# expect: rule-a rule-b` or `# expect: clean`.
 */
export function loadCorpus(dir = CORPUS_DIR): CorpusSnippet[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.py'))
    .sort()
    .map((name) => {
      const code = readFileSync(`${dir}${name}`, 'utf8');
      const header = EXPECT_LINE.exec(code.split('\n', 1)[0] ?? '');
      if (!header?.[1]) throw new Error(`${name}: the first line must be "# expect: <rule ids>" or "# expect: clean"`);
      const ids = header[1].trim() === 'clean' ? [] : header[1].trim().split(/[\s,]+/);
      for (const id of ids) if (!(id in RULE_CITATIONS)) throw new Error(`${name}: unknown rule id "${id}"`);
      return { name, code, expected: ids as RuleId[] };
    });
}
