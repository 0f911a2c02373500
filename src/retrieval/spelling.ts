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
  /** Words by length, then by their first letter and by their second: where a typo's candidates are. */
  private readonly byFirst = new Map<string, number[]>();
  private readonly bySecond = new Map<string, number[]>();
  private readonly words: string[] = [];
  /** Recent answers (least recently used first out): a question's words come back in the next ones. */
  private readonly recent = new Map<string, string | undefined>();

  constructor(lexicon: Iterable<string>) {
    for (const word of new Set(lexicon)) {
      if (word.length < 4) continue;
      const i = this.words.push(word) - 1;
      push(this.byFirst, `${word.length}:${word[0]}`, i);
      push(this.bySecond, `${word.length}:${word[1]}`, i);
    }
  }

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

  private search(word: string): string | undefined {
    const limit = word.length >= 8 ? 2 : 1;
    let best = -1;
    let bestDistance = limit + 1;
    const seen = new Set<number>();
    for (let len = word.length - limit; len <= word.length + limit; len++) {
      const buckets = [
        this.byFirst.get(`${len}:${word[0]}`),
        this.byFirst.get(`${len}:${word[1]}`),
        this.bySecond.get(`${len}:${word[1]}`),
        this.bySecond.get(`${len}:${word[0]}`),
      ];
      for (const bucket of buckets) {
        for (const i of bucket ?? []) {
          if (seen.has(i)) continue;
          seen.add(i);
          const d = osaDistance(word, this.words[i] ?? '', bestDistance + 1);
          // Ties go to the lexicon's earlier word.
          if (d < bestDistance || (d === bestDistance && d <= limit && i < best)) {
            best = i;
            bestDistance = d;
          }
        }
      }
    }
    return best >= 0 ? this.words[best] : undefined;
  }
}

function push(map: Map<string, number[]>, key: string, value: number): void {
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
