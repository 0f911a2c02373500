import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dedent } from '../../src/analyze/dedent.js';

const CORPUS_DIR = fileURLToPath(new URL('../../test/analyze/corpus/', import.meta.url));

export const KIB = 1024;

/**
 * Real-looking Python of at most `bytes` (UTF-8), as close to it as whole lines allow: the
 * analyzer's test corpus (every rule's positive and clean cases) concatenated and repeated.
 * Dense with findings, so it is a heavy input for its size. Each case is dedented first (some are
 * written as they stand inside a function): concatenated as written, the indented ones made the
 * file 377 syntax errors long, and the benchmark timed the parser's error recovery, not Python.
 *
 * @example
 * const code = pythonSnippet(64 * KIB); // 65,5xx bytes, ~3,000 lines
 */
export function pythonSnippet(bytes: number): string {
  const corpus = readdirSync(CORPUS_DIR)
    .filter((f) => f.endsWith('.py'))
    .sort()
    .map((f) => dedent(readFileSync(`${CORPUS_DIR}${f}`, 'utf8')).text.trimEnd())
    .join('\n\n');
  return fillTo(bytes, `${corpus}\n\n`);
}

/** `unit` repeated, cut after the last whole line that fits in `bytes`. */
export function fillTo(bytes: number, unit: string): string {
  const repeated = unit.repeat(Math.ceil(bytes / Buffer.byteLength(unit)) + 1);
  const fits = Buffer.from(repeated).subarray(0, bytes).toString('utf8');
  const lastNewline = fits.lastIndexOf('\n');
  return lastNewline > 0 ? fits.slice(0, lastNewline + 1) : fits;
}
