import type { Tip } from '../knowledge/types.js';
import { DOMAIN_STOPWORDS } from './domain-vocabulary.js';

/** Identifiers as code writes them: dotted, snake_case, camelCase or PascalCase, or a name with digits. */
const NAMED_API =
  /[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+|\b[A-Za-z]+_\w+|\b[a-z]+[A-Z]\w*|\b[A-Z][a-z]+[A-Z]\w*|\b[a-z]+\d+\b/g;

/** Most identifiers of one question looked up: a pasted snippet names hundreds. */
export const MAX_NAMED_APIS = 16;

/**
 * An API is specific to the units that name it when at most this many do. `chain.from_iterable`,
 * `np.concatenate`, `float32` and `StringIO` are named by one or two units; `read_csv` by three
 * (chunking, dtypes at read time, `usecols`), so naming it says which topic, not which unit:
 * counted too, "PERF: Unnecessary string interning in read_csv?" went to `usecols` instead of
 * Interning Strings, and "pd.read_csv('big.csv', chunksize=100000)" away from Chunking.
 */
export const SPECIFIC_API_UNITS = 2;

/**
 * The identifiers a question names (`np.concatenate`, `chain.from_iterable`, `float32`,
 * `StringIO`), lower-cased, at most {@link MAX_NAMED_APIS}: what a unit that documents the API
 * answers and a one-line tip that never names it may not.
 *
 * @example namedApis('replace chain(*it) with chain.from_iterable(it)') // ['chain.from_iterable']
 */
export function namedApis(text: string): string[] {
  const apis = new Set<string>();
  // Matched run by run: a match never spans a character outside `[\w.]`, so this finds what one
  // scan of the text would. A run longer than MAX_RUN_CHARS names no API anyone looks up, and
  // scanned it cost the square of its length (the pattern backtracks from every letter of it):
  // 64 KiB of one "word" pasted as code took 1.7 s.
  for (const run of text.split(/[^\w.]+/)) {
    if (run.length > MAX_RUN_CHARS) continue;
    for (const match of run.matchAll(NAMED_API)) {
      const api = match[0].toLowerCase();
      // A name on a one-letter variable (`f.read()`, `s.join`) is the asker's own code, not an API:
      // "f.read" made the unit on mmap, whose example reads a file, outrank the tip on `with` for a
      // pasted function that leaves its file open.
      if (/^[a-z]\./.test(api)) continue;
      if (api.length >= 3 && !DOMAIN_STOPWORDS.has(api)) apis.add(api);
      if (apis.size >= MAX_NAMED_APIS) return [...apis];
    }
  }
  return [...apis];
}

/** The longest run of identifier characters (letters, digits, `_`, `.`) looked at for API names. */
const MAX_RUN_CHARS = 200;

/**
 * Each unit's text as an API is looked up in, lower-cased: a guidance tip's own words and code (what
 * its one line says, not what the units that extend it add), any other unit's whole text.
 */
export class NamedApiIndex {
  private readonly texts: readonly string[];
  /**
   * Each name a unit's title is written with (`weakref.finalize` is one name, not `weakref`) and
   * the one unit whose title has it, or -1 when two or more do: built once, so a question's
   * lookups do not walk every title.
   */
  private readonly titleOwner: ReadonlyMap<string, number>;
  /** Plain words the knowledge writes only as code (see {@link codeOnlyWords}). */
  private readonly codeWords: ReadonlySet<string>;

  /** `codeWords`: the knowledge's {@link codeOnlyWords}, as the build found them (none: no plain word is a name). */
  constructor(tips: readonly Tip[], codeWords: Iterable<string> = []) {
    // A triage unit (`Tip.triage`) is never ranked: the APIs it names stay specific to the units that are.
    this.texts = tips.map((tip) => (tip.triage ? '' : apiText(tip)));
    const titleOwner = new Map<string, number>();
    tips.forEach((tip, unit) => {
      if (tip.triage) return;
      for (const name of new Set(tip.title.toLowerCase().split(/[^\w.]+/)))
        titleOwner.set(name, titleOwner.has(name) ? -1 : unit);
    });
    this.titleOwner = titleOwner;
    this.codeWords = new Set(codeWords);
  }

  /**
   * The APIs `text` names: its identifiers ({@link namedApis}), then the plain words the knowledge
   * writes only as code (`itertools`, `memmap`, `namedtuple`, `islice`), at most
   * {@link MAX_NAMED_APIS} in all. "can itertools reduce memory usage" names `itertools` as surely
   * as "itertools.islice" would. `text` is what the asker wrote (`QueryAnalysis.searched`), not
   * its corrections: "vmprof" corrected to `mprof` names no API.
   */
  namedIn(text: string): string[] {
    const apis = namedApis(text);
    if (this.codeWords.size === 0 || apis.length >= MAX_NAMED_APIS) return apis;
    const found = new Set(apis);
    for (const run of text.toLowerCase().split(/[^a-z0-9]+/)) {
      if (run.length > MAX_RUN_CHARS || !this.codeWords.has(run)) continue;
      found.add(run);
      if (found.size >= MAX_NAMED_APIS) break;
    }
    return [...found];
  }

  /** Whether unit `unit` names `api`. */
  names(unit: number, api: string): boolean {
    return (this.texts[unit] ?? '').includes(api);
  }

  /** Whether at most {@link SPECIFIC_API_UNITS} units name `api` (stops counting past it). */
  isSpecific(api: string): boolean {
    let naming = 0;
    for (const text of this.texts) if (text.includes(api) && ++naming > SPECIFIC_API_UNITS) return false;
    return true;
  }

  /**
   * Whether `api` is specific to unit `unit`: at most {@link SPECIFIC_API_UNITS} units name it, or
   * `unit` is the one unit whose title names it. A unit titled "`itertools` for lazy slicing,
   * chaining and grouping" is the unit on `itertools` however many others show `itertools.islice`
   * or `chain.from_iterable` in passing: "can itertools reduce memory usage" went to the profiling
   * tip once a third unit named it. The title must name it whole: "`weakref.finalize`" is not a
   * title on `weakref`.
   */
  isSpecificTo(unit: number, api: string): boolean {
    return this.isSpecific(api) || this.titleOwner.get(api) === unit;
  }
}

function apiText(tip: Tip): string {
  const own = (source: { readonly file: string } | undefined) =>
    !tip.primary || (source?.file ?? tip.source.file) === tip.source.file;
  return [
    tip.title,
    tip.text,
    ...tip.facets.filter((f) => own(f.source)).map((f) => f.text),
    ...tip.examples.filter((e) => own(e.source)).map((e) => e.code),
  ]
    .join('\n')
    .toLowerCase();
}

/** A plain word as code names a module or function: lower-case letters and digits, four or more. */
const PLAIN_WORD = /\b[a-z][a-z0-9]{3,}\b/g;

/**
 * The plain words the units write only inside code (backticks, examples), never in their prose,
 * and the vocabulary does not know (`isKnownWord`: the word table, the commonest English words and
 * the knowledge's own): names of modules and functions (`itertools`, `memmap`, `groupby`), not
 * English. A word some unit writes in prose ("engine", "history") or a common word an example uses
 * as a variable ("color", "price") is left out. Sorted; the build stores them with the knowledge.
 */
export function codeOnlyWords(tips: readonly Tip[], isKnownWord: (word: string) => boolean): string[] {
  const code = new Set<string>();
  const prose = new Set<string>();
  const add = (into: Set<string>, text: string) => {
    for (const [word] of text.toLowerCase().matchAll(PLAIN_WORD)) into.add(word);
  };
  for (const tip of tips) {
    if (tip.triage) continue; // never ranked: its words are not searched as the knowledge's
    for (const text of [tip.title, tip.text, ...tip.facets.map((f) => f.text)])
      // Split on backticks, the odd parts are inline code.
      text.split('`').forEach((part, i) => add(i % 2 === 1 ? code : prose, part));
    for (const example of tip.examples) add(code, example.code);
  }
  return [...code].filter((w) => !prose.has(w) && !isKnownWord(w) && !DOMAIN_STOPWORDS.has(w)).sort();
}
