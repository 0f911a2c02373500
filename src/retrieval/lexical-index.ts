import MiniSearch, { type Options, type SearchOptions } from 'minisearch';
import type { Tip } from '../knowledge/types.js';
import { tokenize } from './tokenize.js';

interface LexicalDocument {
  readonly id: string;
  readonly title: string;
  readonly section: string;
  readonly text: string;
  readonly code: string;
  readonly phrases: string;
}

// Terms are already normalized by tokenize(); MiniSearch must not lower-case or split them again.
const OPTIONS: Options<LexicalDocument> = {
  fields: ['title', 'section', 'text', 'code', 'phrases'],
  tokenize,
  processTerm: (term) => term,
};

const SEARCH: SearchOptions = {
  boost: { title: 3, section: 1.5, text: 1, code: 1, phrases: 1 },
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
  private constructor(private readonly search: MiniSearch<LexicalDocument>) {}

  /**
   * One document per tip: title, section, text, code, and its search phrases as one more field.
   *
   * @param phrases extra search phrases by tip id (see `*.search.json`).
   */
  static build(tips: readonly Tip[], phrases: Readonly<Record<string, readonly string[]>> = {}): LexicalIndex {
    const search = new MiniSearch<LexicalDocument>(OPTIONS);
    search.addAll(
      tips.map((tip) => ({
        id: tip.id,
        title: tip.title,
        section: tip.section,
        text: tip.text,
        code: tip.examples.map((e) => e.code).join('\n'),
        phrases: (phrases[tip.id] ?? []).join('\n'),
      })),
    );
    return new LexicalIndex(search);
  }

  static fromJSON(json: string): LexicalIndex {
    return new LexicalIndex(MiniSearch.loadJSON<LexicalDocument>(json, OPTIONS));
  }

  toJSON(): string {
    return JSON.stringify(this.search);
  }

  /** BM25 hits by tip id, with MiniSearch's fuzzy matching for typos. */
  query(text: string): LexicalHit[] {
    return this.search.search(text, SEARCH).map((r) => ({ id: String(r.id), score: r.score }));
  }
}
