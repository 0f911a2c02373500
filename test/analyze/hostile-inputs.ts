/**
 * The costliest inputs of `/v1/analyze`'s 64 KiB limit found while hardening the analyzer (issue
 * #19): what each cost before, and why. Shared by the worst-case tests, the reliability suite and
 * the benchmark.
 */
export const KIB_64 = 64 * 1024;

/** `unit` repeated to exactly `bytes` characters (all units here are ASCII). */
export function fill(unit: string, bytes = KIB_64): string {
  return unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);
}

/**
 * 99 nested functions with a mutable default, over 64 KiB of calls that grow it: every scope's
 * rules rescan the code inside it, so the work grows with depth × size. Over the work budget.
 */
export const NESTED_SCOPES = (() => {
  let head = '';
  for (let depth = 0; depth < 99; depth++) head += `${' '.repeat(depth)}def f${depth}(a=[]):\n`;
  return head + fill(`${' '.repeat(99)}a.append(open(p).read())\n`, KIB_64 - head.length);
})();

export interface HostileInput {
  readonly name: string;
  readonly code: string;
  /** What it cost on the main thread before issue #19 (2-core machine, loaded). */
  readonly before: string;
}

/** One per way of making the parser or the rules work hard; each 64 KiB. */
export const HOSTILE_INPUTS: readonly HostileInput[] = [
  {
    name: 'mismatched `](`',
    code: fill(']('),
    before: '1.6–3.5 s; the bracket guard counted any closing bracket, so it never fired',
  },
  { name: 'mismatched `([)]`', code: fill('([)]'), before: '8 s of parser error recovery' },
  {
    name: 'mismatched `(]`',
    code: fill('(]'),
    before: '2.3 s; a stack overflow in @lezer/common (copyToBuffer) in a cold process',
  },
  { name: 'a line of `:`', code: fill(':'), before: '2.3 s of parser error recovery' },
  { name: 'a line of `,`', code: fill(','), before: '1.4 s of parser error recovery' },
  { name: 'a line of `]`', code: fill(']'), before: '1.8 s of parser error recovery' },
  {
    name: 'unary `-` chain',
    code: `${fill('-', KIB_64 - 1)}x`,
    before: '0.7 s: 2,800 parse frames deep, the parser cutting its stack',
  },
  { name: 'call chain `f()()…`', code: `f${fill('()', KIB_64 - 1)}`, before: '0.5 s; a tree 1,150 deep' },
  { name: 'comparison chain `a<a<…`', code: `${fill('a<', KIB_64 - 1)}a`, before: '0.4 s; a tree 1,150 deep' },
  { name: '`)(` repeated', code: fill(')('), before: '0.7 s' },
  { name: '`open(p)` lines', code: fill('open(p)\n'), before: '0.3 s and 8,192 findings: 5.5 MB of JSON' },
  {
    name: 'an `if x:` per line, indented',
    code: fill('if x:\n '),
    before: '0.5 s and 8,191 syntax errors: 1 MB of JSON',
  },
  { name: 'unterminated strings', code: fill('"abc\n'), before: '0.1 s' },
  { name: 'line continuations `\\`', code: fill('\\'), before: '0.7 s of parser error recovery' },
  {
    name: 'nested scopes the rules rescan',
    code: NESTED_SCOPES,
    before: 'not measured (found after the rules of issue #16): over the work budget, a 422',
  },
];
