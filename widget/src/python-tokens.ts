/** What a piece of Python source is, for colouring; `plain` is everything else (names, operators, space). */
export type PythonTokenKind =
  'keyword' | 'constant' | 'builtin' | 'string' | 'comment' | 'number' | 'decorator' | 'definition' | 'plain';

export interface PythonToken {
  readonly kind: PythonTokenKind;
  readonly text: string;
}

const KEYWORDS = new Set(
  'and as assert async await break class continue def del elif else except finally for from global if import in is lambda match case nonlocal not or pass raise return try while with yield'.split(
    ' ',
  ),
);
const CONSTANTS = new Set(['True', 'False', 'None', 'self', 'cls', '__name__', '__slots__', '__dict__']);
const BUILTINS = new Set(
  'abs all any bin bool bytearray bytes callable chr classmethod dict dir divmod enumerate filter float format frozenset getattr globals hasattr hash hex id input int isinstance issubclass iter len list locals map max memoryview min next object oct open ord pow print property range repr reversed round set setattr slice sorted staticmethod str sum super tuple type vars zip Exception ValueError TypeError KeyError IndexError MemoryError'.split(
    ' ',
  ),
);

// One alternative per token kind, tried in order at each position (sticky, so no skipping).
const TOKEN = new RegExp(
  [
    /(?<comment>#[^\n]*)/,
    /(?<string>[rRbBuUfF]{0,2}(?:'''[\s\S]*?(?:'''|$(?![\s\S]))|"""[\s\S]*?(?:"""|$(?![\s\S]))|'(?:\\.|[^'\\\n])*'?|"(?:\\.|[^"\\\n])*"?))/,
    /(?<number>(?:\b(?:0[xX][\da-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|\d[\d_]*\.?[\d_]*)|(?<![\w.])\.\d[\d_]*)(?:[eE][+-]?\d+)?[jJ]?)/,
    /(?<decorator>@[A-Za-z_][\w.]*)/,
    /(?<name>[A-Za-z_]\w*)/,
    /(?<other>\s+|[^\sA-Za-z_\d#'"@]|.)/,
  ]
    .map((r) => r.source)
    .join('|'),
  'y',
);

/**
 * Splits Python source into coloured tokens (a lexer for display, not a parser): keywords,
 * builtins, strings (prefixed and triple-quoted), comments, numbers, decorators, and the names
 * that `def` and `class` define. Joining the tokens' text gives the source back exactly.
 *
 * @example tokenizePython('def f(): return None') // [{ kind: 'keyword', text: 'def' }, { kind: 'plain', text: ' ' }, { kind: 'definition', text: 'f' }, …]
 */
export function tokenizePython(source: string): PythonToken[] {
  const tokens: PythonToken[] = [];
  let previousWord = '';
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < source.length) {
    const match = TOKEN.exec(source);
    if (!match?.groups) break;
    const text = match[0];
    const { comment, string, number, decorator, name } = match.groups;
    let kind: PythonTokenKind = 'plain';
    if (comment) kind = 'comment';
    else if (string) kind = 'string';
    else if (number) kind = 'number';
    else if (decorator) kind = 'decorator';
    else if (name) kind = nameKind(name, previousWord);
    if (name) previousWord = name;
    else if (text.trim()) previousWord = '';
    push(tokens, kind, text);
  }
  return tokens;
}

function nameKind(name: string, previousWord: string): PythonTokenKind {
  if (previousWord === 'def' || previousWord === 'class') return 'definition';
  if (CONSTANTS.has(name)) return 'constant';
  if (KEYWORDS.has(name)) return 'keyword';
  if (BUILTINS.has(name)) return 'builtin';
  return 'plain';
}

/** Merges neighbouring plain text, so the DOM gets few nodes. */
function push(tokens: PythonToken[], kind: PythonTokenKind, text: string): void {
  const last = tokens[tokens.length - 1];
  if (kind === 'plain' && last?.kind === 'plain') tokens[tokens.length - 1] = { kind, text: last.text + text };
  else tokens.push({ kind, text });
}
