import stem from 'wink-porter2-stemmer';
import { DOMAIN_STOPWORDS } from './domain-vocabulary.js';

// Words that carry no topic in a question. Kept small on purpose: "memory", "file", "list"
// and the like are topical here and must stay. `True` and `False` are Python's literals: a
// question's `x is y True` says nothing about a unit whose text shows `deep=True`.
export const STOPWORDS: ReadonlySet<string> = new Set(
  `a about above after again against all am an and any are as at be because been before being
  below between both but by can could did do does doing down during each few for from further
  had has have having he her here hers herself him himself his how i if in into is it its itself
  just me more most my myself no nor not now of off on once only or other our ours ourselves out
  over own same she should so some such than that the their theirs them themselves then there
  these they this those through to too under until up very was we were what when where which
  while who whom why will with without would you your yours yourself yourselves im ive id dont
  doesnt isnt cant wont didnt wasnt werent arent havent hasnt hadnt shouldnt couldnt wouldnt
  please thanks thank hi hello hey also get got really want need way ways best better good thing
  things something anything using use used make makes making true false`.split(/\s+/),
);

/**
 * The longest word given to the Porter2 stemmer. Its suffix rules are backtracking regular
 * expressions (`(.+)(s)$`, `[aeiouy]+([^aeiouy]{1}.+)`) whose cost grows with the square of the
 * word's length: a question that was one 2,000-letter "word" cost 100 to 185 ms of CPU, 200 to 370
 * times an ordinary question. No English word comes near 40 letters; a longer one is kept as written.
 */
export const MAX_STEMMED_LETTERS = 40;

/** Stems remembered; a question's words are stemmed by query analysis, BM25, the scope and follow-up reading alike. */
const REMEMBERED_STEMS = 8192;
const stems = new Map<string, string>();

/**
 * A word's Porter2 stem; a word longer than {@link MAX_STEMMED_LETTERS} as it is. Remembered: one
 * word is stemmed by four readers of the same question, and the stemmer's regular expressions
 * cost microseconds a word, which 16 KiB of conversation history turns into tens of milliseconds.
 */
export function stemWord(word: string): string {
  if (word.length > MAX_STEMMED_LETTERS) return word;
  let stemmed = stems.get(word);
  if (stemmed === undefined) {
    // Forgotten all at once when full: cheaper than an LRU, and the next question refills it.
    if (stems.size >= REMEMBERED_STEMS) stems.clear();
    stemmed = stem(word);
    stems.set(word, stemmed);
  }
  return stemmed;
}

/** `text` as a regular expression that matches it literally. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const IDENTIFIER = /[a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)*/g;

/**
 * The text with its English contractions joined or cut back to a word of their own: "don't" →
 * "dont" (a stop word, as "doesnt" and "isnt" are), "we're" → "we", "it's" → "it"; and the
 * hyphenated prefix "re-" dropped ("re-enable" → "enable"). Split at the apostrophe or hyphen,
 * "we're" and "re-enable" left a word "re" behind, which matched the `re` module and made "…the
 * amount of lists we're putting into memory" read as a question on the regular-expression cache.
 */
function wholeWords(text: string): string {
  return text
    .replace(/([a-z])n['’]t\b/gi, '$1nt')
    .replace(/([a-z])['’](?:re|ve|ll|d|s|m)\b/gi, '$1')
    .replace(/\bre-(?=[a-z])/gi, '');
}

/** Inline code and interactive-session lines: where "is" is Python's identity operator (`a is b`, `>>> x is y`). */
const CODE_SPAN = /`[^`\n]+`|>>>.*$/gm;

/**
 * The stop words `text` uses as code, as {@link tokenize} keeps them: a builtin called (`id(`,
 * `any(`, `all(`), and "is" in inline code or a `>>>` line, the identity operator. As English they
 * say nothing; as code they are the question. "id" is a stop word for "I'd" written without its
 * apostrophe, so "Why does id({}) == id({}) in CPython?" had no word left to search and was
 * refused as an empty question, and "why is `a is b` True for some strings" lost the operator it
 * asks about.
 *
 * @example codeStopwords("Why does id({}) == id({})? Why is `a is b` True?") // Set { "id", "is" }
 */
export function codeStopwords(text: string): ReadonlySet<string> {
  const lower = wholeWords(text).toLowerCase();
  const spans = codeSpans(lower);
  const code = new Set<string>();
  for (const { 0: word, index } of lower.matchAll(IDENTIFIER)) {
    if (STOPWORDS.has(word) && isCodeStopword(lower, word, index, spans)) code.add(word);
  }
  return code;
}

/** The `[start, end)` offsets of {@link CODE_SPAN}s; none without a backtick or `>>>` (most questions). */
function codeSpans(text: string): Array<readonly [number, number]> {
  if (!text.includes('`') && !text.includes('>>>')) return [];
  return [...text.matchAll(CODE_SPAN)].map((m) => [m.index, m.index + m[0].length] as const);
}

/**
 * Whether the stop word at `at` in `text` is code: called (`id(`, not `obj.id(`), or "is" inside
 * one of `spans`. Only the occurrence counts: the prose "is" around `a is b` stays a stop word.
 */
function isCodeStopword(
  text: string,
  word: string,
  at: number,
  spans: ReadonlyArray<readonly [number, number]>,
): boolean {
  if (text[at + word.length] === '(' && !/[\w.]/.test(text[at - 1] ?? '')) return true;
  return word === 'is' && insideSpan(spans, at);
}

/** Whether `at` falls in one of `spans` (in order, not overlapping): a binary search, so a pasted log of thousands of spans and "is" stays linear. */
function insideSpan(spans: ReadonlyArray<readonly [number, number]>, at: number): boolean {
  let low = 0;
  let high = spans.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const [from, to] = spans[middle]!;
    if (at < from) high = middle - 1;
    else if (at >= to) low = middle + 1;
    else return true;
  }
  return false;
}

/**
 * Turns text or code into search terms: lower-cased, stop words (and words every question here
 * shares, like "python") dropped unless used as code (see {@link codeStopwords}), numbers
 * dropped, stemmed. Dotted and snake_case identifiers are kept whole *and* split, so
 * `sys.intern` and `get_count` match both the identifier and its parts.
 *
 * @example tokenize("gc.get_count() collecting") // ["gc.get_count", "gc", "get_count", "get", "count", "collect"]
 */
export function tokenize(text: string): string[] {
  const terms: string[] = [];
  const lower = wholeWords(text).toLowerCase();
  const spans = codeSpans(lower);
  for (const match of lower.matchAll(IDENTIFIER)) {
    const word = match[0];
    if (word.includes('.') || word.includes('_')) {
      terms.push(...identifierTerms(word));
    } else if (
      (!STOPWORDS.has(word) || isCodeStopword(lower, word, match.index, spans)) &&
      !DOMAIN_STOPWORDS.has(word) &&
      word.length > 1
    ) {
      terms.push(stemWord(word));
    }
  }
  return terms;
}

/** Boundary-marked character trigrams of a word, for typo-tolerant matching. */
export function charTrigrams(word: string): string[] {
  const padded = `<${word}>`;
  const grams: string[] = [];
  for (let i = 0; i + 3 <= padded.length; i++) grams.push(padded.slice(i, i + 3));
  return grams;
}

function identifierTerms(identifier: string): string[] {
  const terms = new Set([identifier]);
  for (const segment of identifier.split('.')) if (segment.includes('_')) terms.add(segment);
  for (const part of identifier.split(/[._]+/)) {
    if (part.length > 1 && !STOPWORDS.has(part)) terms.add(stemWord(part));
  }
  return [...terms];
}

const WORD = /\+=|[a-z][a-z0-9]*/g;

/**
 * Plain lower-case words, unstemmed, for word vectors and query analysis: identifiers split into
 * their parts (`gc.get_count` → gc, get, count; `WeakValueDictionary` → weak, value, dictionary),
 * and the `+=` operator kept as a word of its own.
 *
 * @example plainWords("s += x; gc.get_count()") // ["s", "+=", "x", "gc", "get", "count"]
 */
export function plainWords(text: string): string[] {
  const split = wholeWords(text)
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2');
  return split.toLowerCase().match(WORD) ?? [];
}
