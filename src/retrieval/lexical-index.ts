import MiniSearch, { type AsPlainObject, type Options, type SearchOptions } from 'minisearch';
import type { Tip } from '../knowledge/types.js';
import { tipPassages } from './index-artifacts.js';
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

const BOOST = { title: 3, section: 1.5, text: 1, code: 1, phrases: 1, facets: 0.5 };

/**
 * Fuzzy matching (one edit in five letters) for a term the index does not have: a typo. A term it
 * has is matched as written; fuzzy matching it too would only add near-misses ("point" for
 * `print`), and walking the whole term tree for every word is what a large knowledge makes slow.
 */
function searchOptions(indexed: ReadonlySet<string>): SearchOptions {
  return {
    boost: BOOST,
    fuzzy: (term) => (term.length >= 5 && !term.includes('.') && !indexed.has(term) ? 0.2 : false),
    combineWith: 'OR',
  };
}

export interface LexicalHit {
  readonly id: string;
  readonly score: number;
}

/**
 * BM25 index over tips (MiniSearch), built once and serialized at build time, loaded as is at
 * start-up: nothing is rebuilt per query.
 */
export class LexicalIndex {
  private readonly options: SearchOptions;

  private constructor(
    private readonly search: MiniSearch<LexicalDocument>,
    /** Every term of the index. */
    private readonly terms: ReadonlySet<string>,
    /** The documents hits may come from (`KNOWLEDGE_FILES`); all when absent. */
    private readonly allowed?: ReadonlySet<string>,
  ) {
    this.options = searchOptions(terms);
  }

  /**
   * One document per passage of each tip (`tipPassages`: its own words, each facet, the rest of
   * each extension), so the guidance's own words are scored as before, a facet is matched as the
   * paragraph it is, and an extension's passages can be left out by file.
   *
   * @param phrases extra search phrases by tip id (see `*.search.json`).
   */
  static build(tips: readonly Tip[], phrases: Readonly<Record<string, readonly string[]>> = {}): LexicalIndex {
    const search = new MiniSearch<LexicalDocument>(OPTIONS);
    search.addAll(
      tips.flatMap((tip) =>
        tipPassages(tip, phrases[tip.id]).map((p) => ({
          id: p.id,
          title: p.title,
          section: p.section,
          text: p.text,
          code: p.code.join('\n'),
          phrases: p.phrases.join('\n'),
          facets: p.facet,
        })),
      ),
    );
    return LexicalIndex.fromJSON(JSON.stringify(search));
  }

  static fromJSON(json: string): LexicalIndex {
    const plain = JSON.parse(json) as AsPlainObject;
    return new LexicalIndex(
      MiniSearch.loadJS<LexicalDocument>(plain, OPTIONS),
      new Set(plain.index.map(([term]) => term)),
    );
  }

  /** The same index answering only from the documents `allowed` (passage ids, see `tipPassages`). */
  restrictTo(allowed: ReadonlySet<string>): LexicalIndex {
    return new LexicalIndex(this.search, this.terms, allowed);
  }

  toJSON(): string {
    return JSON.stringify(this.search);
  }

  /** BM25 hits by passage id (`tipId` or `tipId#…`), with MiniSearch's fuzzy matching for typos (see searchOptions). */
  query(text: string): LexicalHit[] {
    const { allowed } = this;
    const hits = this.search.search(text, this.options).map((r) => ({ id: String(r.id), score: r.score }));
    return allowed ? hits.filter((h) => allowed.has(h.id)) : hits;
  }
}
