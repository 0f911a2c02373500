import type { KnowledgeContext, Tip } from '../knowledge/types.js';
import { tipParts } from '../knowledge/units.js';

/** Bumped whenever the chunker, the tokenizer or the artifact layout changes, so old builds are rebuilt. */
export const INDEX_FORMAT = 12;

/**
 * File names inside the index build folder. `vectors` is vectra's own `index.json` and `lexical`
 * MiniSearch's serialized index: the build's record of both, which `tables` packs for the runtime
 * (see `packRetrievalTables`); the runtime reads `manifest`, `knowledge`, `tables` and `wordVectors`.
 */
export const INDEX_FILES = {
  manifest: 'manifest.json',
  knowledge: 'knowledge.json',
  lexical: 'lexical.json',
  vectors: 'index.json',
  /** Facet vectors, BM25 postings, coverage groups and typo lexicon, packed (see PackedSections). */
  tables: 'retrieval.bin',
  /** The int8 word-vector table (see word-vectors.ts): the default embedder and the typo lexicon. */
  wordVectors: 'word-vectors.bin',
} as const;

/** The files the runtime reads, in the order it reads them; the rest are the build's own record. */
export const RUNTIME_INDEX_FILES = [
  INDEX_FILES.manifest,
  INDEX_FILES.knowledge,
  INDEX_FILES.tables,
  INDEX_FILES.wordVectors,
] as const;

/**
 * The folder of the static files (`build/public/`) the build copies {@link RUNTIME_INDEX_FILES}
 * into, for the Worker to read through its `ASSETS` binding. Not served: the Worker runs first for
 * its paths (`run_worker_first` in wrangler.toml) and answers 404, and Node leaves it out.
 */
export const INDEX_ASSETS_FOLDER = '_index';

export interface IndexManifest {
  readonly format: number;
  /** sha256 over every knowledge file's name and bytes (markdown and sidecars), in name order. */
  readonly knowledgeHash: string;
  readonly embedder: { readonly id: string; readonly dimensions: number };
  readonly tipCount: number;
  /** Every file of `knowledge/` the build read, primary markdown first, then by name. */
  readonly files: readonly KnowledgeFileEntry[];
}

/**
 * A file of `knowledge/`: `markdown` is chunked into units; `search-phrases` (`*.search.json`)
 * and `examples` (`*.examples.json`, how `npm test` runs a file's examples) are sidecars.
 */
export type KnowledgeFileKind = 'markdown' | 'search-phrases' | 'examples';

export interface KnowledgeFileEntry {
  readonly name: string;
  readonly kind: KnowledgeFileKind;
  /** sha256 of the file's bytes, hex: compare with `sha256sum` of the file you gave. */
  readonly sha256: string;
  readonly bytes: number;
  /** Markdown: the tips it defines (its extensions of other files' tips not counted). */
  readonly units?: number;
  /** Markdown: how many of its units extend a tip of another unit instead of standing alone. */
  readonly extensions?: number;
  /** Markdown: a primary source (`"primary": true` in its `.search.json`): its tips are cited first. */
  readonly primary?: boolean;
}

export interface KnowledgeArtifact {
  readonly tips: readonly Tip[];
  readonly context: readonly KnowledgeContext[];
  /** Extra phrases each tip is searched by (from `*.search.json`), by tip id; never shown. */
  readonly searchPhrases?: Readonly<Record<string, readonly string[]>>;
  /** Questions the knowledge does not answer (from `*.search.json`): the abstention side. */
  readonly notCovered?: readonly string[];
  /**
   * The plain words the units write only as code (`itertools`, `memmap`: see `codeOnlyWords`),
   * found by the build: reading every unit's text at start-up cost 2–5 ms for the shipped 77
   * units and about 45 ms for 1,000.
   */
  readonly codeWords?: readonly string[];
}

/** The pseudo tip id under which not-covered phrases are indexed. */
export const NOT_COVERED_ID = '~not-covered';

/** The pseudo group id under which the memory topics the guidance does not cover are scored (see `uncoveredTopicGroups`). */
export const UNCOVERED_MEMORY_ID = '~uncovered-memory';

/** One embedded view of a tip: its own words, one of its search phrases, one of its facets. */
export interface TipFacet {
  /**
   * vectra item ids: `tipId` for the tip's text, `tipId#0` for its title, `tipId#n` for its n-th
   * phrase, `tipId#fn` for its n-th knowledge facet (why, how, …), `tipId#xn` for the title of the
   * n-th unit that extends it. Stable whatever `KNOWLEDGE_FILES` keeps.
   */
  readonly id: string;
  readonly tipId: string;
  readonly text: string;
  /** The knowledge file the words come from (an extension's facets: the extending file). */
  readonly file: string;
}

/**
 * What gets embedded for a tip: its title, section and text (code is left to BM25, where
 * identifiers match exactly), its title alone, each search phrase on its own, so a question
 * phrased like one of them lands on the tip however little it shares with the guidance's wording,
 * and each knowledge facet (after the title of the unit that wrote it), so "why …" lands on the
 * tip whose `why` explains it.
 */
export function tipFacets(tip: Tip, phrases: readonly string[] = []): TipFacet[] {
  // A triage unit is never ranked (`Tip.triage`), and its words must not weigh on the others' either.
  if (tip.triage) return [];
  const file = tip.source.file;
  const facets: TipFacet[] = [
    { id: tip.id, tipId: tip.id, text: `${tip.title}. ${tip.section}. ${tip.text}`, file },
    { id: `${tip.id}#0`, tipId: tip.id, text: tip.title, file },
    ...phrases.map((text, i) => ({ id: `${tip.id}#${i + 1}`, tipId: tip.id, text, file })),
  ];
  const titleOf = new Map(tipParts(tip).flatMap((part) => part.facets.map((f) => [f, part.title] as const)));
  tip.facets.forEach((facet, i) => {
    facets.push({
      id: `${tip.id}#f${i}`,
      tipId: tip.id,
      text: `${titleOf.get(facet) ?? tip.title}. ${facet.text}`,
      file: facet.source.file,
    });
  });
  tip.extensions.forEach((extension, i) => {
    facets.push({ id: `${tip.id}#x${i}`, tipId: tip.id, text: extension.title, file: extension.source.file });
  });
  return facets;
}

/**
 * A tip split into the passages that are searched on their own: its own words (`tipId`: title,
 * section, short text, search phrases, the code of its own examples), each knowledge facet
 * (`tipId#fn`: the title of the unit that wrote it, the facet's text, the code of the examples
 * that illustrate it), and the rest of each extension (`tipId#xn`: its title and its other code).
 * BM25 and word coverage score each passage and keep a tip's best, as vectors keep its best facet:
 * pooling every facet into one document would let a long unit match almost any question by the
 * sheer number of its words.
 */
export interface TipPassage {
  readonly id: string;
  readonly tipId: string;
  readonly file: string;
  readonly title: string;
  readonly section: string;
  readonly text: string;
  readonly phrases: readonly string[];
  readonly code: readonly string[];
  readonly facet: string;
}

export function tipPassages(tip: Tip, phrases: readonly string[] = []): TipPassage[] {
  // As for facets: a triage unit is neither searched nor counted in word rarities (BM25, coverage).
  if (tip.triage) return [];
  const passages: TipPassage[] = [];
  for (const part of tipParts(tip)) {
    const code = (facet: string | undefined) =>
      part.examples.filter((e) => e.facet === facet).map((e) => searchableCode(e.code));
    const base = { tipId: tip.id, file: part.file, title: part.title, section: tip.section };
    if (part.extension === undefined) {
      passages.push({ ...base, id: tip.id, text: tip.text, phrases, code: code(undefined), facet: '' });
    } else if (part.examples.some((e) => e.facet === undefined)) {
      passages.push({
        ...base,
        id: `${tip.id}#x${part.extension}`,
        text: '',
        phrases: [],
        code: code(undefined),
        facet: '',
      });
    }
    for (const facet of part.facets) {
      passages.push({
        ...base,
        id: `${tip.id}#f${tip.facets.indexOf(facet)}`,
        text: '',
        phrases: [],
        code: code(facet.kind),
        facet: facet.text,
      });
    }
  }
  return passages;
}

/**
 * Words every python example has (`print`, `assert`, `def`, `import`, `self`, `True`, …): searched
 * as code they match nothing in particular, and fuzzy matching turns them into false hits
 * ("point" → `print`). Identifiers, calls and the rest stay.
 */
const CODE_NOISE =
  /\b(?:print|assert|def|return|import|from|class|self|pass|None|True|False|elif|else|try|except|raise)\b/g;

/** A code example as searched: its Python boilerplate words left out (see CODE_NOISE). */
export function searchableCode(code: string): string {
  return code.replace(CODE_NOISE, ' ');
}

/** Facets for the not-covered phrases: ids `~not-covered#n`. */
export function notCoveredFacets(phrases: readonly string[]): Omit<TipFacet, 'file'>[] {
  return phrases.map((text, i) => ({ id: `${NOT_COVERED_ID}#${i + 1}`, tipId: NOT_COVERED_ID, text }));
}

/** The tip id of a facet (vectra item) id. */
export function facetTipId(facetId: string): string {
  const hash = facetId.indexOf('#');
  return hash < 0 ? facetId : facetId.slice(0, hash);
}
