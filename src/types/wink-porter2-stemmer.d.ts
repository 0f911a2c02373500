declare module 'wink-porter2-stemmer' {
  /** Porter2 (English) stemmer: `stem("collecting") === "collect"`. */
  export default function stem(word: string): string;
}
