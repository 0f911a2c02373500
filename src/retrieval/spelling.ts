/**
 * Typo correction against a small domain lexicon ("garbige" → "garbage", "pyhton" → "python"):
 * the closest lexicon word by optimal-string-alignment distance (Levenshtein plus adjacent
 * transpositions), within 1 edit for words of 4–7 letters and 2 for longer ones. Ties go to the
 * lexicon's earlier word.
 *
 * @example new SpellingCorrector(['garbage', 'python']).correct('garbige') // "garbage"
 */
/** Words whose correction is remembered. */
const RECENT_WORDS = 4096;

export class SpellingCorrector {
  /** Built on the first correction: most queries have no typo, and a 10,000-word lexicon costs a few ms to index. */
  private index: { words: string[]; byLength: Map<number, number[]> } | undefined;
  /** Recent answers (least recently used first out): a question's words come back in the next ones. */
  private readonly recent = new Map<string, string | undefined>();

  /** @param lexicon iterated on the first correction; earlier words win ties. */
  constructor(private readonly lexicon: Iterable<string>) {}

  /**
   * The lexicon word `word` most likely misspells, or undefined. Only words sharing its first or
   * second letter (either way round) are compared: one edit always leaves one of those in place,
   * so a large lexicon costs a fraction of a scan.
   */
  correct(word: string): string | undefined {
    if (word.length < 4) return undefined;
    if (this.recent.has(word)) {
      const known = this.recent.get(word);
      this.recent.delete(word);
      this.recent.set(word, known);
      return known;
    }
    const found = this.search(word);
    if (this.recent.size >= RECENT_WORDS) this.recent.delete(this.recent.keys().next().value ?? '');
    this.recent.set(word, found);
    return found;
  }

  private indexed(): { words: string[]; byLength: Map<number, number[]> } {
    if (this.index) return this.index;
    const words = [...new Set(this.lexicon)].filter((w) => w.length >= 4);
    const byLength = new Map<number, number[]>();
    words.forEach((w, i) => push(byLength, w.length, i));
    this.index = { words, byLength };
    return this.index;
  }

  /**
   * The lexicon's closest word within the limit, the earlier one on a tie: the result depends only
   * on (distance, lexicon order), not on the order candidates are compared in.
   */
  private search(word: string): string | undefined {
    const { words, byLength } = this.indexed();
    const limit = word.length >= 8 ? 2 : 1;
    let best = -1;
    let bestDistance = limit + 1;
    const first = word.charCodeAt(0);
    const second = word.charCodeAt(1);
    for (let len = word.length - limit; len <= word.length + limit; len++) {
      for (const i of byLength.get(len) ?? []) {
        const candidate = words[i] ?? '';
        const a = candidate.charCodeAt(0);
        const b = candidate.charCodeAt(1);
        if (a !== first && a !== second && b !== second && b !== first) continue;
        const d = osaDistance(word, candidate, bestDistance + 1);
        if (d < bestDistance || (d === bestDistance && d <= limit && i < best)) {
          best = i;
          bestDistance = d;
        }
      }
    }
    return best >= 0 ? words[best] : undefined;
  }
}

function push<K>(map: Map<K, number[]>, key: K, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Optimal string alignment distance; returns `cap` as soon as the result must reach it. */
export function osaDistance(a: string, b: string, cap = Infinity): number {
  if (Math.abs(a.length - b.length) >= cap) return cap;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, (prev2[j - 2] ?? 0) + 1);
      row.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin >= cap) return cap;
    prev2 = prev;
    prev = row;
  }
  return Math.min(prev[b.length] ?? cap, cap);
}
