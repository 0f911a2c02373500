import type { Tip } from '../knowledge/types.js';
import { namedApis } from '../retrieval/named-apis.js';
import type { ScopeReading } from '../retrieval/scope.js';
import type { ComposedAnswer, Question } from './types.js';

/**
 * What an answer says when it reads a question as Python's though the question never says so.
 * Most other-runtime questions that reach an answer name no runtime at all ("Memory leak. There is
 * a memory leak in this app", filed in a Julia or C# project): no rule can tell them from a
 * Python developer's "The app is leaking" (of the answerable real tuning questions, a third name
 * neither), so the answer says what it assumed and when not to follow it.
 */
export const ASSUMED_PYTHON_NOTE =
  '*Read as a Python question: it names no language. For another runtime (the JVM, Node.js, .NET, Go…) these tips do not apply.*';

/**
 * Whether an answer to `q` reads it as Python's without the question saying so: it is answered, it
 * opens the conversation (a follow-up's conversation said so at its first answer), it has no pasted
 * code (code says what it is: analyzed as Python, or fenced as another language), and it names no
 * Python ({@link namesPython}).
 */
export function assumesPython(
  q: Pick<Question, 'question' | 'snippet' | 'history'>,
  scope: ScopeReading,
  cited: readonly Tip[] | undefined,
): boolean {
  if (!cited || q.snippet?.trim() || (q.history ?? []).some((t) => t.role === 'user')) return false;
  return !namesPython(scope, q.question, cited);
}

/**
 * Whether a question says it is about Python: the scope rules' Python evidence (the word, a
 * Python library, Python syntax or a traceback), or an API it names that a cited unit names too
 * (`lru_cache`, `StringIO`, `read_csv`, `WeakValueDictionary`: "Add maxsize limit to lru_cache()"
 * names no library but only Python has that function).
 *
 * @example namesPython(reading, 'Add maxsize limit to lru_cache()', [lruCacheUnit]) // true
 */
export function namesPython(scope: ScopeReading, question: string, cited: readonly Tip[]): boolean {
  if (scope.python.score > 0) return true;
  const apis = namedApis(question);
  if (apis.length === 0) return false;
  return cited.some((tip) => {
    const text = unitText(tip);
    return apis.some((api) => text.includes(api));
  });
}

/** The answer with {@link ASSUMED_PYTHON_NOTE} as its last paragraph before the sources, and `assumedPython: true`. */
export function withAssumedPython(answer: ComposedAnswer): ComposedAnswer {
  return { ...answer, answer: beforeSources(answer.answer, ASSUMED_PYTHON_NOTE), assumedPython: true };
}

/**
 * `markdown` with `paragraph` inserted before its "**Sources**" list (at the end when it has none).
 *
 * @example beforeSources('Text.\n\n**Sources**\n\n1. A', 'Note.') // 'Text.\n\nNote.\n\n**Sources**\n\n1. A'
 */
export function beforeSources(markdown: string, paragraph: string): string {
  const at = markdown.lastIndexOf(SOURCES_HEADING);
  return at < 0 ? `${markdown}\n\n${paragraph}` : `${markdown.slice(0, at)}\n\n${paragraph}${markdown.slice(at)}`;
}

const SOURCES_HEADING = '\n\n**Sources**';

const unitTexts = new WeakMap<Tip, string>();

/**
 * A unit's words and code, lower-cased, as `namedApis` writes names. Unlike `NamedApiIndex`'s text
 * of a guidance tip (its own line only, to rank it against the units that extend it), this has the
 * companion's facets too: any API the cited answer can quote is Python's.
 */
function unitText(tip: Tip): string {
  let text = unitTexts.get(tip);
  if (text === undefined) {
    text = [tip.title, tip.text, ...tip.facets.map((f) => f.text), ...tip.examples.map((e) => e.code)]
      .join('\n')
      .toLowerCase();
    unitTexts.set(tip, text);
  }
  return text;
}
