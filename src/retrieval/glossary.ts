import glossary from './cjk-glossary.json' with { type: 'json' };

/** One word of a question read through the glossary: as written, and the English search reads for it. */
export interface GlossedWord {
  readonly written: string;
  readonly english: string;
}

/** Chinese words and the English words search reads for them (`cjk-glossary.json`). */
export type Glossary = Readonly<Record<string, string>>;

/** The glossary shipped with the service. */
export const CJK_GLOSSARY: Glossary = glossary.terms;

/**
 * Runs of Han characters (Chinese, and the kanji of Japanese). Search, the scope rules and the
 * word vectors read Latin letters only, so a question in Chinese reached none of them: "可能存在内存泄漏"
 * ("there may be a memory leak") came out as a question with nothing to search.
 */
const HAN_RUN = /\p{Script=Han}+/gu;

/** The longest entry's length in UTF-16 code units: no match is tried longer. */
const LONGEST_ENTRY = Math.max(...Object.keys(CJK_GLOSSARY).map((k) => k.length));

/**
 * Reads the Chinese words of `text` that the glossary knows, in order, each once. At each position
 * of a run of Han characters the longest entry that starts there is taken (forward maximum
 * matching: "内存泄漏" is one entry, not "内存" and "泄漏"); a character that starts none is skipped.
 * Not `Intl.Segmenter`: its word breaks come from the runtime's ICU dictionary, which differs between
 * Node and workerd builds, and the only words that matter here are the glossary's own.
 *
 * @example glossaryWords('内存占用不断增长') // [{ written: '内存占用', english: 'memory usage' }, { written: '不断增长', english: 'keeps growing' }]
 */
export function glossaryWords(text: string): GlossedWord[] {
  const found = new Map<string, GlossedWord>();
  for (const [run] of text.matchAll(HAN_RUN)) {
    // Indexed by UTF-16 code unit: a Han character outside the Basic Multilingual Plane is two, and
    // no entry starts with half of one, so it is skipped like any unknown character.
    for (let at = 0; at < run.length;) {
      let length = Math.min(LONGEST_ENTRY, run.length - at);
      while (length > 0 && !Object.hasOwn(CJK_GLOSSARY, run.slice(at, at + length))) length--;
      if (length === 0) {
        at++;
        continue;
      }
      const written = run.slice(at, at + length);
      if (!found.has(written)) found.set(written, { written, english: CJK_GLOSSARY[written] as string });
      at += length;
    }
  }
  return [...found.values()];
}

/**
 * `text` with the English of its glossary words before it, on a line of their own, so every reader
 * of a question (search, the scope rules, triage, the facet asked for) reads a Chinese question by
 * those words; `text` unchanged when it has none. Before, not after: search and the scope rules read
 * a long question's start only (`MAX_QUERY_WORDS`, `MAX_SCOPE_CHARS`), and a Chinese report with a
 * pasted English log would lose its words at the end.
 *
 * @example withGlossary('为什么内存不释放') // 'why memory not released\n为什么内存不释放'
 */
export function withGlossary(text: string, words: readonly GlossedWord[] = glossaryWords(text)): string {
  // Each English once: "内存占用" and "占用内存" are both "memory usage", and said twice it would
  // weigh as a question that names `memory_usage` twice.
  const english = [...new Set(words.map((w) => w.english))];
  return english.length === 0 ? text : `${english.join(' ')}\n${text}`;
}
