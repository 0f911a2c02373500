import { DOMAIN_STOPWORDS, DOMAIN_VOCABULARY } from './domain-vocabulary.js';
import { PackedStrings } from './packed-tables.js';
import { SpellingCorrector } from './spelling.js';
import { codeStopwords, plainWords, stemWord, STOPWORDS } from './tokenize.js';

export interface Correction {
  readonly from: string;
  readonly to: string;
}

/** One word of the query as asked, with what it may stand for. */
export interface QueryTerm {
  readonly word: string;
  /** Its typo correction and its domain-vocabulary expansion words, if any. */
  readonly alternatives: readonly string[];
}

export interface QueryAnalysis {
  /** The query as asked. */
  readonly text: string;
  /**
   * The asker's own words as searched: the query, cut to its first MAX_QUERY_WORDS distinct words
   * when longer. What the asker named is read from this, never from a correction ("vmprof" is
   * corrected to `mprof`, a name the asker did not write).
   */
  readonly searched: string;
  /**
   * The query (cut to its first MAX_QUERY_WORDS distinct words when longer) plus its corrections
   * and expansions: what every signal searches with.
   */
  readonly expanded: string;
  readonly corrections: readonly Correction[];
  /** Domain-vocabulary expansions that were added, e.g. "memory" for "RAM". */
  readonly expansions: readonly string[];
  /** The query's distinct words, stop words and domain stop words left out (for the coverage score). */
  readonly terms: readonly QueryTerm[];
}

/**
 * Most distinct words of a query that are searched. A pasted 64 KiB snippet has thousands; its
 * first few hundred distinct words steer retrieval as well and keep a search within milliseconds.
 */
export const MAX_QUERY_WORDS = 200;
/** Longer queries (a pasted snippet) are searched by their distinct words only, repeats dropped. */
const COMPACT_ABOVE_CHARS = 2_000;
/**
 * Most words of one query looked up for a typo. Each lookup compares the word with the lexicon's
 * words of about its length (tens of microseconds), so a hostile question of 2,000 characters of
 * made-up words spent most of its 43 ms of CPU here. The 970 real questions of the eval sets need
 * at most 9 (99% need 5 or fewer); past the first 16 a word is kept as written.
 */
export const MAX_TYPO_LOOKUPS = 16;

export interface QueryAnalyzerOptions {
  /**
   * Words of the knowledge (tips, code, search phrases): what typos are corrected towards, earlier
   * words first on a tie. The build packs it (PackedStrings), so start-up builds no set of it.
   */
  readonly lexicon: Iterable<string> | PackedStrings;
  /** Whether a word is ordinary English, and so no typo; the word-vector table answers this. */
  readonly isKnownWord: (word: string) => boolean;
  /**
   * Whether a known word is among the commonest English words (see `WordVectors.isCommon`): its
   * vector finds its other forms. A rarer one's may not ("callbacks" and "callback" are 0.43
   * alike), so it gets its singular from the knowledge as an alternative (see `inflectionsOf`).
   * Without it every known word counts as common.
   */
  readonly isCommonWord?: (word: string) => boolean;
  /** Defaults to DOMAIN_VOCABULARY. */
  readonly vocabulary?: Readonly<Record<string, string>>;
}

/**
 * Query understanding before retrieval: corrects typos of knowledge words ("refrence") and adds
 * the guidance's words for how people say things ("RAM" → memory, "slurp" → read whole file).
 * The original words always stay, so identifiers keep matching exactly.
 *
 * @example
 * analyzer.analyze('pyhton eats my RAM').expanded // "pyhton eats my RAM\npython memory"
 */
export class QueryAnalyzer {
  private readonly lexicon: PackedStrings;
  private readonly speller: SpellingCorrector;
  /** The vocabulary by stem and its words: on the first query (stemming starts cold, a few ms of a start). */
  private vocabularyTables: { byStem: ReadonlyMap<string, string>; words: ReadonlySet<string> } | undefined;
  /** The lexicon's words by stem (see `inflectionsOf`): on the first query that needs it. */
  private lexiconStems: ReadonlyMap<string, readonly string[]> | undefined;

  constructor(private readonly options: QueryAnalyzerOptions) {
    const lexicon = options.lexicon instanceof PackedStrings ? options.lexicon : PackedStrings.from(options.lexicon);
    this.lexicon = lexicon;
    const vocabularyWords = () => this.vocabulary().words;
    // Lower-case letters only: a typo is corrected to a word, never to an identifier or a number.
    this.speller = new SpellingCorrector({
      *[Symbol.iterator]() {
        for (let i = 0; i < lexicon.size; i++) {
          const word = lexicon.at(i);
          if (/^[a-z]+$/.test(word)) yield word;
        }
        for (const word of vocabularyWords()) if (/^[a-z]+$/.test(word)) yield word;
      },
    });
  }

  private vocabulary(): { byStem: ReadonlyMap<string, string>; words: ReadonlySet<string> } {
    if (this.vocabularyTables) return this.vocabularyTables;
    const vocabulary = this.options.vocabulary ?? DOMAIN_VOCABULARY;
    this.vocabularyTables = {
      byStem: new Map(Object.entries(vocabulary).map(([term, expansion]) => [stemOf(term), expansion])),
      words: new Set(Object.entries(vocabulary).flatMap(([term, expansion]) => [term, ...plainWords(expansion)])),
    };
    return this.vocabularyTables;
  }

  analyze(query: string): QueryAnalysis {
    const corrections: Correction[] = [];
    const expansions: string[] = [];
    const added = new Set<string>();
    const add = (list: string[], text: string | undefined) => {
      if (text && !added.has(text)) {
        added.add(text);
        list.push(text);
      }
    };
    const terms = new Map<string, QueryTerm>();
    const searched = compact(query, MAX_QUERY_WORDS);
    const { byStem } = this.vocabulary();
    let lookups = 0;
    const asCode = codeStopwords(searched);
    for (const word of plainWords(searched)) {
      if (terms.has(word)) continue;
      const expansion = byStem.get(stemOf(word));
      const corrected =
        expansion || !this.mayBeTypo(word) || lookups++ >= MAX_TYPO_LOOKUPS ? undefined : this.speller.correct(word);
      const corrExpansion = corrected ? byStem.get(stemOf(corrected)) : undefined;
      if (expansion) add(expansions, expansion);
      if (corrected) {
        if (!added.has(corrected)) corrections.push({ from: word, to: corrected });
        added.add(corrected);
        add(expansions, corrExpansion);
      }
      if (
        (STOPWORDS.has(word) && !asCode.has(word)) ||
        DOMAIN_STOPWORDS.has(word) ||
        DOMAIN_STOPWORDS.has(corrected ?? '')
      )
        continue;
      const forms = corrected ? [] : this.inflectionsOf(word);
      const alternatives = [corrected, ...forms, ...plainWords(expansion ?? corrExpansion ?? '')].filter(
        (w): w is string => !!w,
      );
      terms.set(word, { word, alternatives });
    }
    const extra = [...corrections.map((c) => c.to), ...expansions];
    return {
      text: query,
      searched,
      expanded: extra.length ? `${searched}\n${extra.join(' ')}` : searched,
      corrections,
      expansions,
      terms: [...terms.values()],
    };
  }

  /**
   * The knowledge's other forms of a word the word table lacks: "ints" → int, "dicts" → dict. The
   * lexical index stems both sides, but the coverage score compares words as written or by their
   * vectors, and GloVe's table lacks many forms of code words: without these, a question that says
   * "ints" matches a unit about `int` only through "memory". A common word with a vector gets none
   * (its vector already finds its neighbours; "times" → timing only added noise, measured on the
   * tuning questions); a rarer one only its singular, which its vector may not find ("callbacks" →
   * callback, "variables" → variable; the singular for every known word lost more than it won,
   * measured on the tuning questions). They are alternatives of the word for coverage only; the searched text keeps the
   * question's words, so BM25 does not count a stem twice. At most {@link MAX_INFLECTIONS}, the
   * lexicon's earliest first; the stem index is built on the first query that needs it (the
   * lexicon's ~1,000 words, a few milliseconds once).
   */
  private inflectionsOf(word: string): readonly string[] {
    const { isKnownWord, isCommonWord = isKnownWord } = this.options;
    if (word.length < 3 || isCommonWord(word)) return [];
    this.lexiconStems ??= stemIndex(this.lexicon);
    const forms = (this.lexiconStems.get(stemOf(word)) ?? []).filter((form) => form !== word);
    // A rarer known word gets only its singular: its vector already finds its other neighbours.
    return isKnownWord(word) ? forms.filter((form) => word === `${form}s` || word === `${form}es`) : forms;
  }

  /** Whether `word` could misspell a knowledge word: 4 letters or more, and a word of neither the knowledge, the vocabulary nor English. */
  private mayBeTypo(word: string): boolean {
    return (
      /^[a-z]{4,}$/.test(word) &&
      !this.lexicon.has(word) &&
      !this.vocabulary().words.has(word) &&
      !this.options.isKnownWord(word)
    );
  }
}

/**
 * A question as is; a long query (a pasted snippet) as the whitespace-separated pieces that bring
 * its first `max` distinct words, in order, repeats dropped.
 */
function compact(query: string, max: number): string {
  if (query.length <= COMPACT_ABOVE_CHARS) return query;
  const seen = new Set<string>();
  // A piece seen before brings no word not seen: pasted code repeats most of its pieces.
  const seenPieces = new Set<string>();
  const kept: string[] = [];
  for (const piece of query.split(/\s+/)) {
    if (seenPieces.has(piece)) continue;
    seenPieces.add(piece);
    const fresh = plainWords(piece).filter((w) => !seen.has(w));
    if (fresh.length === 0) continue;
    if (seen.size + fresh.length > max) break;
    for (const w of fresh) seen.add(w);
    kept.push(piece);
  }
  return kept.join(' ');
}

/** Most of the knowledge's forms added for one word of a query (see `QueryAnalyzer.inflectionsOf`). */
const MAX_INFLECTIONS = 2;

/** The lexicon's lower-case words by stem, each stem's first {@link MAX_INFLECTIONS} in lexicon order. */
function stemIndex(lexicon: PackedStrings): ReadonlyMap<string, readonly string[]> {
  const byStem = new Map<string, string[]>();
  for (let i = 0; i < lexicon.size; i++) {
    const word = lexicon.at(i);
    if (!/^[a-z]{2,}$/.test(word)) continue;
    const key = stemOf(word);
    const forms = byStem.get(key);
    if (!forms) byStem.set(key, [word]);
    else if (forms.length < MAX_INFLECTIONS) forms.push(word);
  }
  return byStem;
}

function stemOf(word: string): string {
  return /^[a-z]+$/.test(word) ? stemWord(word) : word;
}
