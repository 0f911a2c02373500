import data from './word-glossary.json' with { type: 'json' };

/** One word of a question read through a glossary: as written, and the English search reads for it. */
export interface GlossedWord {
  readonly written: string;
  readonly english: string;
}

/**
 * A language written in words (Latin or Cyrillic letters) whose memory words the glossary knows:
 * how to tell a question is in it (its function words) and the English search reads for its words.
 */
export interface WordLanguage {
  /** ISO 639-1 code: `es`, `pt`, `fr`, `de`, `it`, `ru`. */
  readonly code: string;
  /** English name, for the answer's note ("Read from the question's Spanish words: …"). */
  readonly name: string;
  /** Its function words, folded: they tell the language, and are not read as the question's topic. */
  readonly functionWords: ReadonlySet<string>;
  /** Words and phrases of up to {@link MAX_PHRASE_WORDS} words, folded, to their English. */
  readonly exact: ReadonlyMap<string, string>;
  /**
   * Stems (entries written `stem*`: "liber*" reads liberar, liberada, libera) to their English, by
   * their first {@link STEM_KEY} letters, longest first: a word is compared with a few, not with
   * all 141 Russian ones.
   */
  readonly stemsByStart: ReadonlyMap<string, readonly (readonly [string, string])[]>;
  /** The first words of its phrase entries: only at one of them is a phrase looked up. */
  readonly phraseStarts: ReadonlySet<string>;
  /** Whether a word no entry reads is tried as two entries joined (German: Speicher·verbrauch). */
  readonly compounds: boolean;
  /**
   * The script only it uses among the glossary's languages (Russian: Cyrillic): a question with
   * {@link MIN_FUNCTION_WORDS} words in it is in this language, whatever its function words.
   * "Потребляет много памяти при загрузке больших файлов" has one function word ("при").
   */
  readonly ownScript?: RegExp;
}

interface LanguageData {
  readonly name: string;
  readonly compounds?: boolean;
  readonly script?: string;
  readonly function: readonly string[];
  readonly terms: Readonly<Record<string, string>>;
}

/** Letters English does not write: "muéstrame", "código", "Größe" are no English words. */
const NOT_ENGLISH_LETTER = /[^\p{ASCII}]/u;

/** The longest phrase an entry may be, in words. */
export const MAX_PHRASE_WORDS = 4;

/** How many letters of a stem index it (every stem has at least this many, the test checks it). */
const STEM_KEY = 4;

/** Shortest part of a compound word that is read as an entry ("Speicher", not "er"). */
const MIN_COMPOUND_PART = 4;

/**
 * Longest word tried as a compound: "Arbeitsspeicherauslastungsproblem" has 33 letters. Every cut
 * of a word is looked up, so a pasted 2,000-letter "word" would cost a few milliseconds for nothing.
 */
const MAX_COMPOUND_LETTERS = 40;

/**
 * How a word is compared with the entries: lower case, accents and other marks removed (NFD),
 * so "memória", "MEMORIA" and "memoria" are one word, and "liberación" is read like "liberacion"
 * as askers often type it. German ß is "ss" (as "Grösse" is written in Switzerland); Russian ё
 * and й fold to е and и, on both sides alike.
 *
 * @example foldWord('Memória') // 'memoria'
 */
export function foldWord(word: string): string {
  // Most words of most questions are plain ASCII: lower case is all they need.
  if (!NOT_ENGLISH_LETTER.test(word)) return word.toLowerCase();
  return word
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss');
}

function languageOf(code: string, raw: LanguageData): WordLanguage {
  const exact = new Map<string, string>();
  const stems: [string, string][] = [];
  for (const [written, english] of Object.entries(raw.terms)) {
    const key = foldWord(written).split(/\s+/).join(' ');
    if (key.endsWith('*')) stems.push([key.slice(0, -1), english]);
    else exact.set(key, english);
  }
  stems.sort((a, b) => b[0].length - a[0].length || (a[0] < b[0] ? -1 : 1));
  const stemsByStart = new Map<string, [string, string][]>();
  for (const stem of stems)
    stemsByStart.set(stem[0].slice(0, STEM_KEY), [...(stemsByStart.get(stem[0].slice(0, STEM_KEY)) ?? []), stem]);
  const phraseStarts = new Set([...exact.keys()].filter((k) => k.includes(' ')).map((k) => k.split(' ')[0] as string));
  return {
    code,
    name: raw.name,
    stemsByStart,
    phraseStarts,
    functionWords: new Set(raw.function.map(foldWord)),
    exact,
    compounds: raw.compounds === true,
    ...(raw.script ? { ownScript: new RegExp(`\\p{Script=${raw.script}}`, 'u') } : {}),
  };
}

/** The languages of `word-glossary.json`, in its order (which breaks a tie between two). */
export const WORD_LANGUAGES: readonly WordLanguage[] = Object.entries(
  data.languages as Readonly<Record<string, LanguageData>>,
).map(([code, raw]) => languageOf(code, raw));

/**
 * English function words. A question counts as written in another language only when it has more
 * of that language's function words than of these: "the memory of my list" stays English even
 * though "de" or "a" may be in it.
 */
const ENGLISH_FUNCTION_WORDS = new Set(
  [
    'the a an is are was were be been of to in on at by for with about from into out up and or but if so as',
    'not no my i me we you your it its this that these those there how why what which who does do did can',
    'could should would will when while after before than then too much many very all any some have has get uses using',
  ]
    .join(' ')
    .split(' '),
);

/** Least function words of one language a question needs before its words are read as that language's. */
const MIN_FUNCTION_WORDS = 2;

/** A word: letters with their combining marks (an apostrophe ends it: French "l'objet" is "l", "objet"). */
const WORD = /[\p{L}\p{M}]+/gu;

/** Code in a question (a fenced block or `inline code`): read as written, never as a language's words. */
const CODE_SPAN = /```[\s\S]*?(?:```|$)|`[^`\n]*`/g;

interface Token {
  readonly start: number;
  readonly end: number;
  readonly written: string;
  readonly folded: string;
  /** It has a letter English does not write ({@link NOT_ENGLISH_LETTER}). */
  readonly foreign: boolean;
}

function proseTokens(text: string): Token[] {
  const code: [number, number][] = [...text.matchAll(CODE_SPAN)].map((m) => [m.index, m.index + m[0].length]);
  const inCode = (at: number) => code.some(([from, to]) => at >= from && at < to);
  const tokens: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    if (inCode(m.index)) continue;
    const foreign = NOT_ENGLISH_LETTER.test(m[0]);
    tokens.push({ start: m.index, end: m.index + m[0].length, written: m[0], folded: foldWord(m[0]), foreign });
  }
  return tokens;
}

/**
 * The language `text` is written in, when the glossary knows it: Russian when two of its words are
 * in Cyrillic, else the one with the most words that tell it (see `tellsLanguage`), at least
 * {@link MIN_FUNCTION_WORDS} and more than English function words; `undefined` for an English
 * question, code, or a language the glossary does not know.
 *
 * @example wordLanguageOf('¿Cómo reducir el uso de memoria de una lista?')?.code // 'es'
 */
export function wordLanguageOf(text: string): WordLanguage | undefined {
  return detect(proseTokens(text));
}

function detect(tokens: readonly Token[]): WordLanguage | undefined {
  for (const language of WORD_LANGUAGES) {
    const script = language.ownScript;
    if (script && tokens.filter((t) => script.test(t.written)).length >= MIN_FUNCTION_WORDS) return language;
  }
  const english = tokens.filter((t) => ENGLISH_FUNCTION_WORDS.has(t.folded)).length;
  let best: WordLanguage | undefined;
  let bestCount = Math.max(english, MIN_FUNCTION_WORDS - 1);
  for (const language of WORD_LANGUAGES) {
    const count = tokens.filter((t) => tellsLanguage(language, t)).length;
    if (count > bestCount) {
      best = language;
      bestCount = count;
    }
  }
  return best;
}

/**
 * Whether a word tells that a text is in `language`: one of its function words, or one of its
 * entries written with a letter English does not use. A short follow-up has few function words
 * ("muéstrame el código" has one), and an entry written in plain ASCII may be English too
 * ("file", "cache" and "thread" are Italian and German entries).
 */
function tellsLanguage(language: WordLanguage, token: Token): boolean {
  if (language.functionWords.has(token.folded)) return true;
  return token.foreign && wordEnglish(language, token.folded) !== undefined;
}

/** What a question in a language of the word glossary reads as. */
export interface WordGlossReading {
  readonly language: WordLanguage;
  /** The words read, in order, each once. */
  readonly words: readonly GlossedWord[];
  /**
   * `text` without the words the glossary read and without the language's function words, code
   * and every other word kept: names ("pandas", "DataFrame"), identifiers, numbers and words the
   * glossary does not know stay for search and the scope rules to read.
   */
  readonly rest: string;
}

/**
 * Reads a question written in a language of the word glossary ({@link wordLanguageOf}): at each
 * word, the longest phrase entry that starts there, else the word itself, else the longest stem
 * it starts with, else (German) two entries it is made of. Only prose is read: code keeps its
 * words ("`del x`" is Python's `del`, while Spanish "del" is "of the"). `earlier` is the language
 * of the conversation so far (its code), for a follow-up too short to tell its own: "¿cuánta
 * memoria ahorra?" after a question in Spanish. `undefined` when `text` is in no such language.
 *
 * @example readWordGlossary('Fuga de memoria con pandas')?.words // [{ written: 'Fuga de memoria', english: 'memory leak' }]
 */
export function readWordGlossary(text: string, earlier?: string): WordGlossReading | undefined {
  const tokens = proseTokens(text);
  const language = detect(tokens) ?? WORD_LANGUAGES.find((l) => l.code === earlier);
  if (!language) return undefined;
  const found = new Map<string, GlossedWord>();
  const dropped: Token[] = [];
  for (let i = 0; i < tokens.length;) {
    const match = matchAt(language, tokens, i);
    if (match) {
      const first = tokens[i] as Token;
      const last = tokens[i + match.length - 1] as Token;
      const written = text.slice(first.start, last.end);
      const key = foldWord(written);
      if (!found.has(key)) found.set(key, { written, english: match.english });
      dropped.push(...tokens.slice(i, i + match.length));
      i += match.length;
      continue;
    }
    const token = tokens[i] as Token;
    if (language.functionWords.has(token.folded)) dropped.push(token);
    i++;
  }
  return { language, words: [...found.values()], rest: without(text, dropped) };
}

function matchAt(
  language: WordLanguage,
  tokens: readonly Token[],
  at: number,
): { length: number; english: string } | undefined {
  const longest = language.phraseStarts.has((tokens[at] as Token).folded) ? MAX_PHRASE_WORDS : 1;
  for (let length = Math.min(longest, tokens.length - at); length >= 2; length--) {
    const phrase = tokens
      .slice(at, at + length)
      .map((t) => t.folded)
      .join(' ');
    const english = language.exact.get(phrase);
    if (english !== undefined) return { length, english };
  }
  const english = wordEnglish(language, (tokens[at] as Token).folded);
  return english === undefined ? undefined : { length: 1, english };
}

function wordEnglish(language: WordLanguage, word: string): string | undefined {
  const exact = language.exact.get(word) ?? stemEnglish(language, word);
  if (exact !== undefined || !language.compounds || word.length > MAX_COMPOUND_LETTERS) return exact;
  return compoundEnglish(language, word);
}

function stemEnglish(language: WordLanguage, word: string): string | undefined {
  for (const [stem, english] of language.stemsByStart.get(word.slice(0, STEM_KEY)) ?? []) {
    if (word.startsWith(stem)) return english;
  }
  return undefined;
}

/**
 * A German compound read as two parts the glossary knows, the first as long as it can be:
 * "arbeitsspeicherverbrauch" is "arbeitsspeicher" (memory) and "verbrauch" (consumption),
 * "speicherfreigabe" "speicher" and "freigabe" (free, release). A linking "s" between them is
 * allowed. A word a stem reads is not split ("datenbankverbindung" is read by `datenbank*`).
 */
function compoundEnglish(language: WordLanguage, word: string): string | undefined {
  for (let cut = word.length - MIN_COMPOUND_PART; cut >= MIN_COMPOUND_PART; cut--) {
    const head = language.exact.get(word.slice(0, cut)) ?? stemEnglish(language, word.slice(0, cut));
    if (head === undefined) continue;
    for (const tail of [word.slice(cut), word.slice(cut + 1)]) {
      if (tail.length < MIN_COMPOUND_PART || (tail !== word.slice(cut) && word[cut] !== 's')) continue;
      const english = language.exact.get(tail) ?? stemEnglish(language, tail);
      if (english !== undefined) return `${head} ${english}`;
    }
  }
  return undefined;
}

function without(text: string, dropped: readonly Token[]): string {
  let rest = '';
  let at = 0;
  for (const token of dropped) {
    rest += text.slice(at, token.start);
    at = token.end;
  }
  // Spaces left where words went are not collapsed: pasted code keeps its indentation.
  return (rest + text.slice(at)).trim();
}
