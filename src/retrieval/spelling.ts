/**
 * Typo correction against a small domain lexicon ("garbige" → "garbage", "pyhton" → "python"):
 * the closest lexicon word by optimal-string-alignment distance (Levenshtein plus adjacent
 * transpositions), within 1 edit for words of 4–7 letters and 2 for longer ones. Ties go to the
 * lexicon's earlier word.
 *
 * @example new SpellingCorrector(['garbage', 'python']).correct('garbige') // "garbage"
 */
export class SpellingCorrector {
  private readonly byLength = new Map<number, string[]>();

  constructor(lexicon: Iterable<string>) {
    for (const word of new Set(lexicon)) {
      if (word.length < 4) continue;
      const bucket = this.byLength.get(word.length) ?? [];
      bucket.push(word);
      this.byLength.set(word.length, bucket);
    }
  }

  /** The lexicon word `word` most likely misspells, or undefined. */
  correct(word: string): string | undefined {
    if (word.length < 4) return undefined;
    const limit = word.length >= 8 ? 2 : 1;
    let best: string | undefined;
    let bestDistance = limit + 1;
    for (let len = word.length - limit; len <= word.length + limit; len++) {
      for (const candidate of this.byLength.get(len) ?? []) {
        const d = osaDistance(word, candidate, bestDistance);
        if (d < bestDistance) {
          best = candidate;
          bestDistance = d;
        }
      }
    }
    return best;
  }
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
