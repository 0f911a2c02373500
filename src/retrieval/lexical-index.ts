import MiniSearch, { type Options, type SearchOptions } from 'minisearch';
import type { Tip } from '../knowledge/types.js';
import { tipParts } from '../knowledge/units.js';
import { tokenize } from './tokenize.js';

interface LexicalDocument {
  readonly id: string;
  readonly title: string;
  readonly section: string;
  readonly text: string;
  readonly code: string;
  readonly phrases: string;
  readonly facets: string;
}

// Terms are already normalized by tokenize(); MiniSearch must not lower-case or split them again.
const OPTIONS: Options<LexicalDocument> = {
  fields: ['title', 'section', 'text', 'code', 'phrases', 'facets'],
  tokenize,
  processTerm: (term) => term,
};

const SEARCH: SearchOptions = {
  boost: { title: 3, section: 1.5, text: 1, code: 1, phrases: 1, facets: 1 },
  fuzzy: (term) => (term.length >= 5 && !term.includes('.') ? 0.2 : false),
  combineWith: 'OR',
};

export interface LexicalHit {
  readonly id: string;
  readonly score: number;
}

/**
 * BM25 index over tips (MiniSearch), built once and serialized at build time, loaded as is at
 * start-up: nothing is rebuilt per query.
 */
export class LexicalIndex {
  private constructor(
    private readonly search: MiniSearch<LexicalDocument>,
    /** The documents hits may come from (`KNOWLEDGE_FILES`); all when absent. */
    private readonly allowed?: ReadonlySet<string>,
  ) {}

  /**
   * One document per tip (title, section, text, code, its search phrases, its facets) and one per
   * unit that extends it (`tipId#xn`: that unit's title, facets and code), so the guidance's own
   * words are scored as before and an extension can be left out by file.
   *
   * @param phrases extra search phrases by tip id (see `*.search.json`).
   */
  static build(tips: readonly Tip[], phrases: Readonly<Record<string, readonly string[]>> = {}): LexicalIndex {
    const search = new MiniSearch<LexicalDocument>(OPTIONS);
    search.addAll(
      tips.flatMap((tip) =>
        tipParts(tip).map((part) => ({
          id: lexicalDocumentId(tip.id, part.extension),
          title: part.title,
          section: tip.section,
          text: part.extension === undefined ? tip.text : '',
          code: part.examples.map((e) => e.code).join('\n'),
          phrases: part.extension === undefined ? (phrases[tip.id] ?? []).join('\n') : '',
          facets: part.facets.map((f) => f.text).join('\n'),
        })),
      ),
    );
    return new LexicalIndex(search);
  }

  static fromJSON(json: string): LexicalIndex {
    return new LexicalIndex(MiniSearch.loadJSON<LexicalDocument>(json, OPTIONS));
  }

  /** The same index answering only from the documents `allowed` (ids of `lexicalDocumentId`). */
  restrictTo(allowed: ReadonlySet<string>): LexicalIndex {
    return new LexicalIndex(this.search, allowed);
  }

  toJSON(): string {
    return JSON.stringify(this.search);
  }

  /** BM25 hits by tip id, with MiniSearch's fuzzy matching for typos. */
  query(text: string): LexicalHit[] {
    const { allowed } = this;
    const hits = this.search.search(text, SEARCH).map((r) => ({ id: String(r.id), score: r.score }));
    return allowed ? hits.filter((h) => allowed.has(h.id)) : hits;
  }
}

/** A BM25 document's id: the tip's id for its own words, `tipId#xn` for its n-th extension's. */
export function lexicalDocumentId(tipId: string, extension: number | undefined): string {
  return extension === undefined ? tipId : `${tipId}#x${extension}`;
}
