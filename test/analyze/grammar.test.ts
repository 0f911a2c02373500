import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildParserFile } from '@lezer/generator';
import { fileTests } from '@lezer/generator/dist/test';
import { describe, expect, it } from 'vitest';
import { analyzeSnippet } from '../../src/analyze/analyze-snippet.js';
import { dedent } from '../../src/analyze/dedent.js';
import { parser } from '../../src/analyze/grammar/parser.js';
import { parsePython } from '../../src/analyze/parse.js';
import { SourceMap } from '../../src/analyze/source-map.js';
import {
  pythonProblem,
  PYTHON,
  REQUIRE_CORPUS,
  standardLibraryFiles,
} from '../../scripts/lib/analyzer-corpus/python.js';

const GRAMMAR_DIR = fileURLToPath(new URL('../../src/analyze/grammar/', import.meta.url));
const UPSTREAM_TESTS = fileURLToPath(new URL('../../node_modules/@lezer/python/test/', import.meta.url));

function tree(code: string): string {
  // @lezer/common's Tree.toString() prints the tree (S-expression style), which the rule cannot see.
  // eslint-disable-next-line @typescript-eslint/no-base-to-string
  return parser.parse(code).toString();
}

function errorLines(code: string): number[] {
  const lines: number[] = [];
  const cursor = parser.parse(code).cursor();
  do {
    if (cursor.type.isError) lines.push(code.slice(0, cursor.from).split('\n').length);
  } while (cursor.next());
  return lines;
}

describe('the Python grammar (src/analyze/grammar)', () => {
  it(
    'is built from python.grammar as committed (run `npm run build:grammar` after editing it)',
    { timeout: 60_000 },
    () => {
      const grammar = readFileSync(`${GRAMMAR_DIR}python.grammar`, 'utf8');
      const built = buildParserFile(grammar, {
        fileName: 'src/analyze/grammar/python.grammar',
        moduleStyle: 'es',
        typeScript: true,
      });
      expect(readFileSync(`${GRAMMAR_DIR}parser.ts`, 'utf8')).toBe(built.parser);
      expect(readFileSync(`${GRAMMAR_DIR}parser.terms.ts`, 'utf8')).toBe(built.terms);
    },
  );

  it("passes @lezer/python's own test cases, except the decorator shape it changes on purpose", () => {
    const failures: string[] = [];
    let ran = 0;
    for (const file of readdirSync(UPSTREAM_TESTS).filter((f) => f.endsWith('.txt'))) {
      // fileTests returns plain objects whose `run` is a closure, not a method.
      // eslint-disable-next-line @typescript-eslint/unbound-method
      for (const { name, run } of fileTests(readFileSync(`${UPSTREAM_TESTS}${file}`, 'utf8'), file)) {
        if (name === 'Decorators') continue;
        ran++;
        try {
          run(parser);
        } catch (error) {
          failures.push(`${file} ${name}: ${(error as Error).message.slice(0, 200)}`);
        }
      }
    }
    expect(ran).toBeGreaterThan(40);
    expect(failures).toEqual([]);
  });

  // Each of these is valid Python (CPython 3.11 compiles it) that @lezer/python 1.1.19 rejects.
  const VALID = {
    'bare yield': 'def g():\n    yield\n    x = yield\n    y = (yield)\n    f"{yield}"\n',
    'bare yield in a lambda': 'g = type((lambda: (yield))())\n',
    'trailing-dot floats': 'x = 1. / y\nz = (24.*3600.)\nw = 1.e+49/3.\nv = 3_1.\nu = 1.j\n',
    'with target tuple': 'with server as (host, port):\n    pass\n',
    'with target attribute': 'with x as sys.stdin:\n    pass\nwith y as self.client, z as w[0]:\n    pass\n',
    'parenthesized with-items': 'with (\n    open(a) as f,\n    open(b) as g,\n):\n    pass\nx = 1\n',
    'parenthesized with-items, async': 'async def f():\n    async with (a() as x, b() as y):\n        pass\n',
    'match a named expression': 'match (y := f()):\n    case 1:\n        pass\n',
    'match a tuple': 'match a, *b:\n    case (1, 2):\n        pass\n',
    'empty patterns':
      'match x:\n    case ast.BinOp():\n        pass\n    case []:\n        pass\n    case {}:\n        pass\n    case ():\n        pass\n',
    'dotted mapping keys': 'match x:\n    case {Color.RED: y}:\n        pass\n',
    'PEP 614 decorators':
      '@buttons[0].clicked.connect\ndef f(): pass\n\n@d := null\ndef g(): pass\n\n@a or b\ndef h(): pass\n',
    'star in subscripts': 'x: tuple[*Ts]\nclass C(Generic[*Ts]): pass\ny = tuple[int, *tuple[str, ...]]\n',
    'starred annotation': 'def f(*args: *Ts): pass\n',
    'star in for iterables and comprehension targets': 'for x in *a, *b:\n    pass\nids = [i for i, *_ in rows]\n',
    'lambda with / and trailing commas': 'f = lambda a, /, b: a\ng = lambda a, b, /, : a\nh = lambda *args,: 0\n',
    'format spec starting with =': "s = f'{x:=10}'\n",
    'print as an expression': 'print >> sys.stderr, "message"\nprint << x\nprint(1)\n',
    'form feeds between sections':
      'import os\n\f\ndef f():\n    pass\n\f\nclass C:\n    \f\n    def m(self):\n        pass\n',
    'raw f-strings with backslashes': "a = fr'\\{{\\}}'\nb = fr'\\{{{1+1}'\nc = r'a\\\nb'\n",
    // Found in ruff's parser corpus of valid code (crates/ruff_python_parser/resources, fca5c7c).
    'unparenthesized := in sets and case guards':
      '{x := 1}\n{1, y := 2, 3}\n{z := w for w in v}\nmatch p:\n    case q if r := q:\n        pass\n',
    'any expression after * in a subscript': 'data[*x and y]\n',
    // A backslash alone in the indentation (Black's and ruff's test corpora; CPython 3.11 compiles both).
    'a backslash before an indented line': 'class Plotter:\n\\\n    pass\n\nclass Other:\n  \\\n    x = 1\n',
    'a backslash inside the indentation': 'if True:\n    \\\n        1\n    \\\n2\r\nelse:\\\r\n    3\n',
    'concatenated strings as patterns':
      'match p:\n    case "a" "b":\n        pass\n    case b"c" b"d":\n        pass\n',
    // CPython reads a backslash before CR LF as one line continuation (TheAlgorithms' maths/area.py).
    'a backslash-CRLF continuation inside strings':
      'x = "a \\\r\nb"\r\ny = 1\r\nz = r\'a \\\r\nb\'\r\nw = b"\\\r\n"\r\n',
  } as const;

  // Valid from Python 3.13 (PEP 696), 3.14 (PEP 758, PEP 750) and 3.15 (PEP 810, PEP 798); CPython 3.11 rejects them. Real
  // code uses them already: TheAlgorithms' maths/greatest_common_divisor.py has
  // `except IndexError, UnboundLocalError, ValueError:`.
  const NEWER = {
    'except without parentheses (3.14)':
      'try:\n    pass\nexcept IndexError, UnboundLocalError, ValueError:\n    pass\nexcept* OSError, KeyError,:\n    pass\n',
    'template strings (3.14)': "a = t\"hello {name!r:>{width}}\"\nb = rt\"\\d{x}\"\nc = T'''{1}'''\n",
    'type parameter defaults (3.13)':
      'class C[T = str]: ...\ndef f[T: int = int](): ...\ntype X[*Ts = *tuple[int], **P = [int]] = T\n',
    'unpacking in a generator argument (3.15)': 'total = sum(*row for row in rows)\n',
    'lazy imports (3.15)': 'lazy import json, os.path as p\nlazy from a.b import c as d\n',
    'lazy and t still names': 'lazy = 1\nt = lazy\nprint(lazy, t)\nimport lazy\nfrom lazy import x\n',
  } as const;

  it.each(Object.entries(NEWER))('parses %s without errors', (_name, code) => {
    expect(errorLines(code)).toEqual([]);
    expect(analyzeSnippet(code).syntaxErrors).toEqual([]);
  });

  it.each(Object.entries(VALID))('parses %s without errors', (_name, code) => {
    expect(errorLines(code)).toEqual([]);
    expect(analyzeSnippet(code).syntaxErrors).toEqual([]);
  });

  // Code in a form this grammar adds, and the tree the rules read from it.
  const SHAPES: readonly (readonly [string, string])[] = [
    [
      'with a as (b, c), d as e.f:\n    pass\n',
      'Script(WithStatement(with,VariableName,as,TupleExpression("(",VariableName,",",VariableName,")"),",",VariableName,as,MemberExpression(VariableName,".",PropertyName),Body(":",PassStatement(pass))))',
    ],
    [
      'with (open(a) as f, open(b) as g):\n    pass\n',
      'Script(WithStatement(with,"(",CallExpression(VariableName,ArgList("(",VariableName,")")),as,VariableName,",",CallExpression(VariableName,ArgList("(",VariableName,")")),as,VariableName,")",Body(":",PassStatement(pass))))',
    ],
    ['x = yield\n', 'Script(AssignStatement(VariableName,AssignOp,YieldExpression(yield)))'],
    // The continued string is one String, and the statement after it starts on its own line.
    [
      'x = "a \\\r\nb"\r\ny = 1\r\n',
      'Script(AssignStatement(VariableName,AssignOp,String(Escape)),AssignStatement(VariableName,AssignOp,Number))',
    ],
    // PEP 758: the classes after `except` are each an expression; `as` still names the exception.
    [
      'try:\n    pass\nexcept A, B:\n    pass\nexcept C as e:\n    pass\n',
      'Script(TryStatement(try,Body(":",PassStatement(pass)),except,VariableName,",",VariableName,Body(":",PassStatement(pass)),except,VariableName,as,VariableName,Body(":",PassStatement(pass))))',
    ],
    ['lazy from numpy import array\n', 'Script(ImportStatement(lazy,from,VariableName,import,VariableName))'],
    [
      'x = t"{y}"\n',
      'Script(AssignStatement(VariableName,AssignOp,FormatString(FormatReplacement("{",VariableName,"}"))))',
    ],
    // A comment that ends in a backslash continues nothing: the next line's dedent still counts.
    [
      'def f():\n    x = 1  # C:\\\ny = 2\n',
      'Script(FunctionDefinition(def,VariableName,ParamList("(",")"),Body(":",AssignStatement(VariableName,AssignOp,Number),Comment)),AssignStatement(VariableName,AssignOp,Number))',
    ],
    // A Python 2 print statement is still read as one (pasted legacy code keeps its structure).
    ['print "x"\n', 'Script(PrintStatement(print,String))'],
  ];

  it.each(SHAPES)('gives %j the tree shape the rules read', (code, shape) => {
    expect(tree(code)).toBe(shape);
  });

  it('reads any expression as a decorator (PEP 614), one node the rules read', () => {
    expect(tree('@functools.lru_cache(maxsize=None)\ndef f(x): pass\n')).toContain(
      'Decorator(At,CallExpression(MemberExpression(VariableName,".",PropertyName),ArgList("(",VariableName,AssignOp,None,")")))',
    );
  });

  it('reads a chain of hundreds of operators, which @lezer/lr forces itself out of, as valid (sympy)', () => {
    // Like sympy's polys/numberfields/resolvent_lookup.py (e950d31): a generated polynomial of
    // 400 terms in one expression. Past 300 reductions of one chain the parser leaves it, and the
    // rest of the chain used to read as "invalid syntax".
    const terms = Array.from({ length: 600 }, (_, i) => `${i + 2}*s1*s2**${i % 7}`).join(' + ');
    const code = `poly = (\n    ${terms}\n)\ns = ""\nfor w in words:\n    s += w\n`;
    const result = analyzeSnippet(code);
    expect(result.syntaxErrors).toEqual([]);
    expect(result.findings.map((f) => f.rule)).toEqual(['string-concat-in-loop']);
    // A real error after that statement is still reported.
    expect(analyzeSnippet(`${code}def f(:\n    pass\n`).syntaxErrors).toHaveLength(1);
    // The same chain on one line, in no bracket, and one with a string holding a bracket.
    expect(analyzeSnippet(`poly = ${terms}\nx = 1\n`).syntaxErrors).toEqual([]);
    expect(analyzeSnippet(`poly = f(")", ${terms}) + g(1)\nx = 1\n`).syntaxErrors).toEqual([]);
  });

  it('still reports code that is not Python', () => {
    expect(errorLines('def f(:\n    pass\n')).not.toEqual([]);
    expect(errorLines('x = 1 +\n')).not.toEqual([]);
    expect(errorLines('with open(p) as:\n    pass\n')).not.toEqual([]);
  });
});

const skipStdlib = pythonProblem();
if (skipStdlib && REQUIRE_CORPUS) throw new Error(`PYMEM_REQUIRE_CORPUS=1 but ${skipStdlib}`);

/**
 * The whole standard library of the pinned interpreter (with Debian's test suite package,
 * libpython3.11-testsuite, that is 1,640 files CPython compiles): not one syntax error. About 15 s
 * on the 2-CPU machine this was written on (under load).
 */
describe.skipIf(skipStdlib !== undefined)(
  `the standard library of ${PYTHON}${skipStdlib ? ` (skipped: ${skipStdlib})` : ''}`,
  () => {
    it('parses every file that CPython compiles without a syntax error', { timeout: 120_000 }, () => {
      const { compiles } = standardLibraryFiles();
      if (REQUIRE_CORPUS) expect(compiles.length).toBeGreaterThan(1500);
      const failures: string[] = [];
      for (const file of compiles) {
        let code: string;
        try {
          code = readFileSync(file, 'utf8');
        } catch {
          continue; // not UTF-8 text Node can read (none in 3.11's stdlib); CPython read the bytes.
        }
        // Parsing only, as the analyzer does (dedent, bracket guard): the rules' robustness on real
        // code is the real-corpus test's and the property tests' job.
        const { syntaxErrors } = parsePython(new SourceMap(dedent(code)));
        for (const e of syntaxErrors.slice(0, 3)) failures.push(`${file}:${e.range.start.line + 1} ${e.message}`);
      }
      console.log(`standard library: ${compiles.length} files that ${PYTHON} compiles, ${failures.length} problems`);
      expect(failures).toEqual([]);
    });
  },
);
