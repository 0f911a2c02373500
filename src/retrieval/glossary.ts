import glossary from './cjk-glossary.json' with { type: 'json' };
import { readWordGlossary, type GlossedWord } from './word-glossary.js';

export type { GlossedWord } from './word-glossary.js';

/** Words of a language written without spaces between words and the English search reads for them (`cjk-glossary.json`). */
export type Glossary = Readonly<Record<string, string>>;

/** The Chinese words of the glossary shipped with the service. */
export const CJK_GLOSSARY: Glossary = glossary.terms;

/** Its Japanese words (kana, and kanji words Chinese does not share). */
export const JAPANESE_GLOSSARY: Glossary = glossary.japanese;

/** Its Korean words (Hangul). */
export const KOREAN_GLOSSARY: Glossary = glossary.korean;

/**
 * The entries a text is read by: the Chinese ones always (a Japanese text's kanji words are mostly
 * theirs), the Japanese ones only for a text with kana and the Korean ones only for one with
 * Hangul. A Chinese question shares characters with Japanese words ("大量", "解放" mean other
 * things in Chinese), and read by them, one went from the unit on `memory_profiler` to another.
 */
const ENTRIES_FOR: Readonly<Record<string, Glossary>> = {
  Chinese: CJK_GLOSSARY,
  Japanese: { ...CJK_GLOSSARY, ...JAPANESE_GLOSSARY },
  Korean: { ...CJK_GLOSSARY, ...KOREAN_GLOSSARY },
};

/**
 * Runs of Han characters, kana (with the long-vowel mark ー) and Hangul: Chinese, Japanese and
 * Korean. Search, the scope rules and the word vectors read Latin letters only, so a question in
 * Chinese reached none of them: "可能存在内存泄漏" ("there may be a memory leak") came out as a
 * question with nothing to search. Korean puts spaces between words, but its particles join the
 * word before them ("메모리가"), so it is read the same way.
 */
const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}ー]+/gu;

/** The longest entry's length in UTF-16 code units: no match is tried longer. */
const LONGEST_ENTRY = Math.max(
  ...[CJK_GLOSSARY, JAPANESE_GLOSSARY, KOREAN_GLOSSARY].flatMap((g) => Object.keys(g).map((k) => k.length)),
);

/**
 * Reads the Chinese, Japanese and Korean words of `text` that the glossary knows, in order, each
 * once. At each position of a run of those scripts the longest entry that starts there is taken (forward maximum
 * matching: "内存泄漏" is one entry, not "内存" and "泄漏"); a character that starts none is skipped.
 * Not `Intl.Segmenter`: its word breaks come from the runtime's ICU dictionary, which differs between
 * Node and workerd builds, and the only words that matter here are the glossary's own.
 *
 * @example glossaryWords('内存占用不断增长') // [{ written: '内存占用', english: 'memory usage' }, { written: '不断增长', english: 'keeps growing' }]
 */
export function glossaryWords(text: string): GlossedWord[] {
  const entries = ENTRIES_FOR[runLanguage(text)] as Glossary;
  const found = new Map<string, GlossedWord>();
  for (const [run] of text.matchAll(CJK_RUN)) {
    // Indexed by UTF-16 code unit: a Han character outside the Basic Multilingual Plane is two, and
    // no entry starts with half of one, so it is skipped like any unknown character.
    for (let at = 0; at < run.length;) {
      let length = Math.min(LONGEST_ENTRY, run.length - at);
      while (length > 0 && !Object.hasOwn(entries, run.slice(at, at + length))) length--;
      if (length === 0) {
        at++;
        continue;
      }
      const written = run.slice(at, at + length);
      if (!found.has(written)) found.set(written, { written, english: entries[written] as string });
      at += length;
    }
  }
  return [...found.values()];
}

/** How the glossary read a question (see {@link readGlossary}). */
export interface GlossaryReading {
  /** The language of the words it read, in English ("Chinese", "Spanish"); absent when it read none. */
  readonly language?: string;
  /** Its ISO 639-1 code (`zh`, `es`), to read a follow-up too short to tell its own language (see {@link readGlossary}). */
  readonly code?: string;
  /** The words it read, in order, each once. */
  readonly words: readonly GlossedWord[];
  /** What every reader of the question reads (search, the scope rules, triage, the facet asked for). */
  readonly text: string;
}

/**
 * Reads a question in a language the glossary knows by the English of its words: Chinese, Japanese
 * and Korean by `cjk-glossary.json` ({@link glossaryWords}), Spanish, Portuguese, French, German,
 * Italian and Russian by `word-glossary.json` (`readWordGlossary`). The English goes on a line
 * before the question, so a reader that reads only a long question's start still reads it. Of a
 * language written in words, the words read and its function words are taken out of what follows
 * (names, code and unknown words stay): Latin letters are read by search, and Spanish "del" ("of
 * the") is not Python's `del`, nor Portuguese "os" ("the") the `os` module. A question the glossary
 * reads no word of comes back as it is. `earlier` is the language code of the conversation so far
 * (`code` of an earlier turn's reading): a follow-up too short to tell its own is read in it.
 *
 * @example readGlossary('为什么内存不释放').text // 'why memory not released\n为什么内存不释放'
 * @example readGlossary('¿Por qué no se libera la memoria con pandas?').text // 'why not released memory\n¿        pandas?'
 */
export function readGlossary(text: string, earlier?: string): GlossaryReading {
  const runWords = glossaryWords(text);
  if (runWords.length > 0) {
    const language = runLanguage(text);
    return { language, code: RUN_CODES[language], words: runWords, text: englishFirst(runWords, text) };
  }
  const reading = readWordGlossary(text, earlier);
  if (!reading || reading.words.length === 0) return { words: [], text };
  const { name, code } = reading.language;
  return { language: name, code, words: reading.words, text: englishFirst(reading.words, reading.rest) };
}

const RUN_CODES: Readonly<Record<string, string>> = { Chinese: 'zh', Japanese: 'ja', Korean: 'ko' };

/** Korean when the text has Hangul, Japanese when it has kana, else Chinese. */
function runLanguage(text: string): string {
  if (/\p{Script=Hangul}/u.test(text)) return 'Korean';
  return /[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(text) ? 'Japanese' : 'Chinese';
}

/**
 * `text` as every reader of a question reads it ({@link readGlossary}); `text` unchanged when the
 * glossary reads none of its words.
 *
 * @example withGlossary('为什么内存不释放') // 'why memory not released\n为什么内存不释放'
 */
export function withGlossary(text: string): string {
  return readGlossary(text).text;
}

/**
 * The English of `words` on a line before `rest`. Before, not after: search and the scope rules
 * read a long question's start only (`MAX_QUERY_WORDS`, `MAX_SCOPE_CHARS`), and a Chinese report
 * with a pasted English log would lose its words at the end.
 */
function englishFirst(words: readonly GlossedWord[], rest: string): string {
  // Each English once: "内存占用" and "占用内存" are both "memory usage", and said twice it would
  // weigh as a question that names `memory_usage` twice.
  const english = [...new Set(words.map((w) => w.english))];
  return `${english.join(' ')}\n${rest}`;
}
