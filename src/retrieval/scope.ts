import type { QueryAnalysis } from './query-analyzer.js';
import rules from './scope-rules.json' with { type: 'json' };
import { escapeRegExp, stemWord } from './tokenize.js';

/**
 * One piece of scope evidence: a word or phrase (`term`, matched case-insensitively on word
 * boundaries; the plain-word terms of the memory and no-memory lists match by stem, so "leak"
 * matches "leaking") or a regular expression (`pattern`, matched on the text as written), with how
 * much it counts (see `scope-rules.json`).
 */
export interface ScopeCue {
  readonly term?: string;
  readonly pattern?: string;
  readonly flags?: string;
  readonly weight: number;
  /**
   * The language or program the cue names: a language of the runtime that gathers several
   * (`other-language`), so an answer says "a question about R", not "about another programming
   * language"; or a program with the runtime it runs on ("Kafka (on the JVM)"). The first named
   * cue that fires, in the rules' order, names what the question is about.
   */
  readonly name?: string;
}

export interface RuntimeRules {
  readonly id: string;
  /** How answers name it: "Java and the JVM". */
  readonly label: string;
  readonly cues: readonly ScopeCue[];
  /**
   * Words that say the memory asked about is not this runtime's, though the question names it:
   * "system memory, not GPU memory" names the GPU to set it aside. Each subtracts its weight from
   * the runtime's evidence (never below 0).
   */
  readonly against?: readonly ScopeCue[];
}

/** The reviewed evidence the scope decision weighs (`scope-rules.json`). */
export interface ScopeRules {
  readonly python: readonly ScopeCue[];
  readonly runtimes: readonly RuntimeRules[];
  readonly memory: readonly ScopeCue[];
  readonly notMemory: readonly ScopeCue[];
  /**
   * The language tags of fenced code (```go) by what they name: `python`, or a runtime's `id`
   * (other keys, such as `$comment`, are ignored). See {@link ScopeReader.languageOf}.
   */
  readonly codeLanguages: Readonly<Record<string, readonly string[] | string>>;
  /** Memory topics the guidance has no tip for (see `uncoveredTopicGroups`). */
  readonly uncoveredMemoryTopics: readonly string[];
}

/** The rules shipped with the service. */
export const SCOPE_RULES: ScopeRules = rules;

/** How much evidence of one kind a question carries, and which cues gave it. */
export interface Evidence {
  readonly score: number;
  /** The cues that fired, as written in the rules (`term` or `/pattern/`). */
  readonly cues: readonly string[];
}

/** The other runtime a question most looks like, with its evidence. */
export interface RuntimeEvidence extends Evidence {
  readonly id: string;
  readonly label: string;
}

/**
 * What a question says about its scope, before any threshold: evidence that it is about Python,
 * about another runtime (the strongest one), about memory, resources or object lifetime, and that
 * it is an ordinary programming question with no memory angle (a `TypeError`, "not subscriptable").
 */
export interface ScopeReading {
  readonly python: Evidence;
  readonly runtime?: RuntimeEvidence;
  readonly memory: Evidence;
  readonly notMemory: Evidence;
  /**
   * The share of the question's tokens that are code (see {@link codeShare}). A question that is
   * mostly code ("result = ''\nfor w in words: result += w") says what it is about in its code, not
   * in memory words: missing memory words do not make it `not_memory`.
   */
  readonly codeShare: number;
}

/**
 * Where evidence becomes a decision, calibrated by `npm run eval -- --calibrate`:
 * - another runtime when its evidence exceeds Python's by at least `otherRuntime`;
 * - about memory when memory evidence exceeds no-memory evidence by at least `memory`;
 * - not about memory when that difference is under `notMemory` (and the question is not mostly
 *   code); in between, retrieval decides.
 */
export interface ScopeThresholds {
  readonly otherRuntime: number;
  readonly memory: number;
  readonly notMemory: number;
}

export type RuntimeVerdict = 'python' | 'other';
export type MemoryVerdict = 'memory' | 'not_memory' | 'undecided';

export interface ScopeVerdict {
  readonly runtime: RuntimeVerdict;
  /** Set when `runtime` is `other`. */
  readonly otherRuntime?: RuntimeEvidence;
  readonly memory: MemoryVerdict;
}

interface CompiledCue {
  readonly label: string;
  /** See {@link ScopeCue.name}. */
  readonly name?: string;
  readonly regex: RegExp;
  readonly weight: number;
  /**
   * What the cue is matched on: `stems` (a term of plain words, matched on the words' stems, so
   * "cleaned up" matches "clean up"), `lower` (a term with other characters: "c++", "node.js"),
   * or `written` (a pattern, on the text as written).
   */
  readonly on: 'stems' | 'lower' | 'written';
  /**
   * For a term: its first word (or stem) as it must appear in the text matched, checked with
   * `includes` before the regular expression runs. Most cues do not fire on most questions, and a
   * substring search is several times cheaper than a scan with look-behinds. Measured on the 1,243
   * tuning-only questions (many are long reports): 230 µs a question with 313 runtime cues, 300 µs
   * with 460, 178 µs with 460 and this check.
   */
  readonly literal?: string;
}

/** The text a question's cues are matched on. */
interface Texts {
  readonly written: string;
  readonly lower: string;
  readonly stems: string;
}

interface CompiledRuntime {
  readonly id: string;
  readonly label: string;
  readonly cues: readonly CompiledCue[];
  readonly against: readonly CompiledCue[];
}

const NO_ANALYSIS: Pick<QueryAnalysis, 'corrections' | 'expansions'> = { corrections: [], expansions: [] };

/** Longest text the cues are matched on: a question and the head of a pasted snippet. */
const MAX_SCOPE_CHARS = 8_000;

/**
 * What a fence's language tag counts: as much as naming the language (`java` weighs 3, `python`
 * 2 in the rules), so ```go code is another runtime's unless the question says Python as strongly.
 */
const FENCE_TAG_WEIGHT = { runtime: 3, python: 2 } as const;

/**
 * Reads the scope evidence of a question (and of pasted code, which counts like the question's
 * own words). Deterministic, no network, a few dozen regular expressions per question.
 *
 * @example
 * const reading = defaultScopeReader().read('How do I raise the Java heap with -Xmx?');
 * reading.runtime?.id // 'jvm'
 */
export class ScopeReader {
  private readonly python: readonly CompiledCue[];
  private readonly runtimes: readonly CompiledRuntime[];
  private readonly memory: readonly CompiledCue[];
  private readonly notMemory: readonly CompiledCue[];
  /** Each fence language tag, lower-cased, and what it names: `python` or a runtime's id. */
  private readonly languages: ReadonlyMap<string, string>;

  constructor(rules: ScopeRules = SCOPE_RULES) {
    // Names (of Python, of other runtimes) match as written: "swift" must not match "swiftly".
    this.python = rules.python.map((cue) => compileCue(cue, false));
    this.runtimes = rules.runtimes.map((r) => ({
      id: r.id,
      label: r.label,
      cues: r.cues.map((cue) => compileCue(cue, false)),
      against: (r.against ?? []).map((cue) => compileCue(cue, false)),
    }));
    this.memory = rules.memory.map((cue) => compileCue(cue, true));
    this.notMemory = rules.notMemory.map((cue) => compileCue(cue, true));
    const known = new Set(['python', ...rules.runtimes.map((r) => r.id)]);
    const languages = new Map<string, string>();
    for (const [id, tags] of Object.entries(rules.codeLanguages)) {
      if (!known.has(id) || typeof tags === 'string') continue;
      for (const tag of tags) languages.set(tag.toLowerCase(), id);
    }
    this.languages = languages;
  }

  /**
   * What a fenced code block's language tag names: `python`, another runtime's id, or `undefined`
   * for a tag that says nothing about the runtime (`text`, `sh`, `json`) or is no language.
   *
   * @example defaultScopeReader().languageOf('TS') // 'javascript'
   */
  languageOf(tag: string): string | undefined {
    return this.languages.get(tag.trim().toLowerCase());
  }

  /**
   * The evidence in `text`. The word cues also see the query analysis (see `QueryAnalysis`): the
   * text with its typos corrected ("refrence counting" also reads as "reference counting") and the
   * domain vocabulary's expansions ("yeet" adds "delete"; for the memory lists only when the words
   * themselves are no evidence, see below). `context` (the conversation's earlier
   * questions) counts for the memory angle only: a follow-up keeps the angle of what it follows,
   * while its runtime is read from its own words. `codeLanguage` is the language tag of the pasted
   * code's fence (```go), when the client sent one: it counts like naming the language.
   */
  read(
    text: string,
    analysis: Pick<QueryAnalysis, 'corrections' | 'expansions'> = NO_ANALYSIS,
    context = '',
    codeLanguage?: string,
  ): ScopeReading {
    const read = text.length > MAX_SCOPE_CHARS ? text.slice(0, MAX_SCOPE_CHARS) : text;
    const asWritten = withoutAddresses(read, true);
    // The text as written, then (when a typo was corrected) the corrected text, then the expansions.
    let lower = asWritten.toLowerCase();
    let corrected = lower;
    for (const { from, to } of analysis.corrections)
      corrected = corrected.replace(new RegExp(`${WORD_EDGE_BEFORE}${escapeRegExp(from)}${WORD_EDGE_AFTER}`, 'g'), to);
    if (corrected !== lower) lower = `${lower}\n${corrected}`;
    const unexpanded = lower;
    if (analysis.expansions.length > 0) lower = `${lower}\n${analysis.expansions.join('\n').toLowerCase()}`;
    const own = texts(asWritten, lower);
    const match = (cues: readonly CompiledCue[]) => weigh(cues, own);
    // The conversation so far keeps its memory angle: "and iterators?" after "how do generators save memory?".
    const previous = withoutAddresses(context.slice(0, MAX_SCOPE_CHARS), true);
    const withContext = (text: string) => (previous ? `${text}\n${previous.toLowerCase()}` : text);
    const inContext = previous ? texts(`${asWritten}\n${previous}`, withContext(lower)) : own;
    const inContextUnexpanded =
      analysis.expansions.length > 0 ? texts(`${asWritten}\n${previous}`, withContext(unexpanded)) : inContext;
    // The expansions tell what slang means ("yeet" adds "delete"); when the words themselves are
    // evidence, they only say it again: "weakref" adds "weak reference" and "reference", which
    // counted 3 + 1 more for the same word and outweighed "not a valid typing type".
    const matchInContext = (cues: readonly CompiledCue[]) => {
      const written = weigh(cues, inContextUnexpanded);
      return written.score > 0 ? written : weigh(cues, inContext);
    };
    // The tag of the pasted code's fence counts like naming its language.
    const tagged = codeLanguage === undefined ? undefined : this.languageOf(codeLanguage);
    const fence = (evidence: Evidence, weight: number): Evidence => ({
      score: evidence.score + weight,
      cues: [...evidence.cues, `\`\`\`${codeLanguage?.trim().toLowerCase() ?? ''}`],
    });
    let runtime: RuntimeEvidence | undefined;
    for (const r of this.runtimes) {
      const matched = setAside(match(r.cues), match(r.against));
      const evidence = tagged === r.id ? fence(matched, FENCE_TAG_WEIGHT.runtime) : matched;
      // On a tie the tag names the runtime: `var cache = …` is JavaScript's syntax and Go's and C#'s.
      const better =
        !runtime || evidence.score > runtime.score || (evidence.score === runtime.score && tagged === r.id);
      if (evidence.score > 0 && better) runtime = { id: r.id, label: nameOf(r, evidence) ?? r.label, ...evidence };
    }
    const python = match(this.python);
    return {
      python: tagged === 'python' ? fence(python, FENCE_TAG_WEIGHT.python) : python,
      ...(runtime ? { runtime } : {}),
      memory: matchInContext(this.memory),
      notMemory: matchInContext(this.notMemory),
      // A linked site is not code the asker wrote: the share is of the text without its addresses.
      codeShare: codeShare(asWritten === read ? read : withoutAddresses(read)),
    };
  }
}

/**
 * A web page's address in a question is where something is, not what the asker says: its path and
 * file name are the site's. "my scraper dies with status 137" linking `…/ranking.php?category=1223`
 * read as a PHP question, and a Python one was turned away as another language's. Of a link into a
 * code host only the file it points at is kept (`src/main/java/…/APIClient.java#L90` is Java
 * evidence, as the code it points at is); the account and repository are where it lives: a report
 * of a missing `free()` in `…/python-pillow/Pillow/blob/…/SgiRleDecode.c#L191` read as Python.
 */
const WEB_ADDRESS = /\b(?:https?:\/\/|www\.)[^\s<>()[\]"'`]+/gi;
const CODE_HOST = /^(?:https?:\/\/)?(?:www\.)?(?:gist\.)?(?:github\.com|gitlab\.com|bitbucket\.org)\//i;
/** The site of an address: its host, without `www.`. */
const SITE = /^(?:https?:\/\/)?(?:www\.)?([^/:?#\s]+)/i;
/** Python's documentation of its C API: the C API's evidence, not Python's (the C API is a runtime of its own here). */
const C_API_PAGE = /^(?:https?:\/\/)?docs\.python\.org\/.*\/(?:c-api|extending)\//i;

/** The path of the file a code-host link points at, after `blob/<ref>/` (GitHub, GitLab) or `src/<ref>/` (Bitbucket). */
const LINKED_FILE = /\/(?:blob|tree|raw|src)\/[^/\s]+\/(\S*)/;

/**
 * `text` with every address blanked out but the file a code-host link points at (see
 * {@link WEB_ADDRESS}). With `keepSites`, as the scope reads it, an address off a code host keeps
 * its site: the site a question links says whose documentation the asker reads, as its path does
 * not ("according to the [docs](https://docs.python.org/3/library/gc.html)" in a report on a
 * Python client of Prometheus; `wiki.haskell.org`, `nodejs.org`, `pypi.org`), and the rules' cues
 * read the site's words like any other. The C API's pages on `docs.python.org` are blanked.
 */
export function withoutAddresses(text: string, keepSites = false): string {
  return text.replace(WEB_ADDRESS, (address) => {
    if (CODE_HOST.test(address)) {
      const file = LINKED_FILE.exec(address);
      return file ? ` ${file[1]} ` : ' ';
    }
    if (!keepSites || C_API_PAGE.test(address)) return ' ';
    return ` ${(SITE.exec(address)?.[1] ?? '').toLowerCase()} `;
  });
}

/**
 * The folders of a file path: a Windows path's (`C:\Users\me\Downloads\`) or an absolute or
 * home-relative one's with two folders or more (`/home/me/projects/`). Where a traceback's file is
 * kept, not what the asker uses.
 */
const FOLDERS = /\b[a-z]:\\(?:[^\\\s"'<>|:*?]+\\)+|(?<![\w.])~?\/(?:[\w.+-]+\/){2,}/gi;
/** An installed package's folder, after which a path names the library (`site-packages/torch/nn/`). */
const PACKAGES_FOLDER = /[\\/](?:site|dist)-packages[\\/]/i;

/**
 * `text` with the folders of its file paths blanked out ({@link FOLDERS}), but for those of an
 * installed package after `site-packages` (a traceback through `site-packages/torch/nn/` is
 * PyTorch's). A traceback's `File "C:\Users\Administrator\Downloads\srcnn-master\util.py"`
 * opened the unit on downloading with `requests` ("downloads") for a numpy `MemoryError`.
 *
 * @example withoutFolders('File "C:\Users\me\Downloads\app\util.py"') // 'File " util.py"'
 */
export function withoutFolders(text: string): string {
  return text.replace(FOLDERS, (folders) => {
    const packages = PACKAGES_FOLDER.exec(folders);
    return packages ? ` ${folders.slice(packages.index + packages[0].length)}` : ' ';
  });
}

let reader: ScopeReader | undefined;

/** The reader over the shipped rules, built once. */
export function defaultScopeReader(): ScopeReader {
  return (reader ??= new ScopeReader());
}

/**
 * The decision a reading leads to under `thresholds`.
 *
 * @example scopeVerdict(reading, { otherRuntime: 2, memory: 2, notMemory: 0 }).runtime // 'other'
 */
export function scopeVerdict(reading: ScopeReading, thresholds: ScopeThresholds): ScopeVerdict {
  const other = reading.runtime && runtimeMargin(reading) >= thresholds.otherRuntime ? reading.runtime : undefined;
  const angle = memoryAngle(reading);
  const readsAsCode = reading.codeShare >= CODE_QUESTION_SHARE && reading.notMemory.score === 0;
  const memory: MemoryVerdict =
    angle >= thresholds.memory ? 'memory' : angle < thresholds.notMemory && !readsAsCode ? 'not_memory' : 'undecided';
  return other ? { runtime: 'other', otherRuntime: other, memory } : { runtime: 'python', memory };
}

/** From this share of code tokens on, a question reads as code (see `ScopeReading.codeShare`). */
export const CODE_QUESTION_SHARE = 0.5;

/**
 * The share of whitespace-separated tokens of `text` that look like code: with brackets, quotes,
 * operators, dots or underscores inside, or Python keywords that are rare in prose.
 *
 * @example codeShare("''.join(parts)") // 1
 * @example codeShare('how do I join strings?') // 0
 */
export function codeShare(text: string): number {
  const tokens = text
    .slice(0, MAX_SCOPE_CHARS)
    .split(/\s+/)
    .filter((t) => t.length > 0);
  if (tokens.length === 0) return 0;
  const code = tokens.filter((t) => CODE_TOKEN.test(t) || CODE_KEYWORDS.has(t)).length;
  return code / tokens.length;
}

const CODE_TOKEN = /[()[\]{}=<>+*/%'"`:;]|\w[._]\w/;
const CODE_KEYWORDS = new Set([
  'def',
  'return',
  'yield',
  'lambda',
  'import',
  'elif',
  'None',
  'True',
  'False',
  'self',
  'for',
  'in',
  'while',
]);

/** The memory-angle score the thresholds compare: memory evidence minus no-memory evidence. */
export function memoryAngle(reading: ScopeReading): number {
  return reading.memory.score - reading.notMemory.score;
}

/** How far another runtime's evidence exceeds Python's (negative when Python's is stronger). */
export function runtimeMargin(reading: ScopeReading): number {
  return (reading.runtime?.score ?? 0) - reading.python.score;
}

/** The language the first named cue that fired names (see `ScopeCue.name`), if any. */
function nameOf(runtime: CompiledRuntime, evidence: Evidence): string | undefined {
  return runtime.cues.find((cue) => cue.name !== undefined && evidence.cues.includes(cue.label))?.name;
}

/** A runtime's evidence less what sets it aside (`RuntimeRules.against`), listed as `-cue`. */
function setAside(evidence: Evidence, against: Evidence): Evidence {
  if (against.score === 0) return evidence;
  return {
    score: Math.max(0, evidence.score - against.score),
    cues: [...evidence.cues, ...against.cues.map((cue) => `-${cue}`)],
  };
}

function texts(written: string, lower: string): Texts {
  return { written, lower, stems: stemmed(lower) };
}

/** The words of a lower-cased text as their stems, one space apart. */
function stemmed(lower: string): string {
  return (lower.match(/[a-z]+/g) ?? []).map(stemWord).join(' ');
}

function weigh(cues: readonly CompiledCue[], text: Texts): Evidence {
  let score = 0;
  const fired: string[] = [];
  for (const cue of cues) {
    const on = text[cue.on];
    if (cue.literal !== undefined && !on.includes(cue.literal)) continue;
    if (cue.regex.test(on)) {
      score += cue.weight;
      fired.push(cue.label);
    }
  }
  return { score, cues: fired };
}

/** Before and after a term: not a letter, digit or underscore (so "c++" and ".net" still match). */
const WORD_EDGE_BEFORE = '(?<![a-z0-9_])';
const WORD_EDGE_AFTER = '(?![a-z0-9_])';

/**
 * The version a name may be written with, joined to it ("iOS7 the memory goes up crazily" names
 * iOS as surely as "iOS 7"). Only names (the Python and runtime lists) take it, and only when they
 * end in a letter or `+` ("v8" ends in its own digit). So the rules list no versioned name beside
 * its name ("python3" beside "python", `webpack\d+` beside "webpack"): one word counts once.
 */
const VERSION_SUFFIX = '(?:\\d+(?:\\.\\d+)*)?';

function compileCue(cue: ScopeCue, byStem: boolean): CompiledCue {
  if (cue.term !== undefined) {
    const term = cue.term.toLowerCase().trim();
    if (byStem && /^[a-z]+(?: [a-z]+)*$/.test(term)) {
      // Plain words match by stem, whatever their ending: "leaking", "cleaned up", "references".
      const stems = term.split(' ').map(stemWord);
      return {
        label: cue.term,
        regex: new RegExp(`(?<![a-z])${stems.join(' ')}(?![a-z])`),
        weight: cue.weight,
        on: 'stems',
        literal: stems[0] ?? '',
      };
    }
    const literals = term.split(/\s+/);
    const words = literals.map(escapeRegExp);
    // A name may carry its version: "iOS7", "java8", "php7.4", "c++17", "python3.11".
    const version = !byStem && /[a-z+]$/.test(term) ? VERSION_SUFFIX : '';
    // Words of a phrase may be written apart, hyphenated or snake_cased: "garbage-collection".
    return {
      label: cue.term,
      regex: new RegExp(`${WORD_EDGE_BEFORE}${words.join('[\\s_-]+')}${version}${WORD_EDGE_AFTER}`),
      weight: cue.weight,
      on: 'lower',
      literal: literals[0] ?? '',
      ...(cue.name === undefined ? {} : { name: cue.name }),
    };
  }
  if (cue.pattern !== undefined) {
    return {
      label: `/${cue.pattern}/${cue.flags ?? ''}`,
      regex: new RegExp(cue.pattern, cue.flags ?? ''),
      weight: cue.weight,
      on: 'written',
      ...(cue.name === undefined ? {} : { name: cue.name }),
    };
  }
  throw new Error('A scope cue needs a `term` or a `pattern`.');
}
