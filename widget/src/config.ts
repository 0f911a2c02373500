/** What the embedding page chose, from the script tag's `data-*` attributes. */
export interface WidgetConfig {
  /** `data-title`: the panel's title. */
  readonly title: string;
  /** `data-api`: the service's base URL; by default the origin the script was loaded from. */
  readonly api: string;
  /** `data-key`: a publishable widget key, when the service requires keys. */
  readonly key: string | undefined;
  /** `data-starters`: the example questions offered in an empty conversation (at most three). */
  readonly starters: readonly string[];
}

export const DEFAULT_TITLE = 'Python memory help';

/** Questions the guidance answers well, one per kind of reader: building data, hunting leaks, object graphs. */
export const DEFAULT_STARTERS: readonly string[] = [
  'How do I build a big string efficiently?',
  'How can I find what is leaking memory?',
  'How do I stop objects that point at each other from leaking?',
];

/** How many starter questions the panel shows; more would push the composer down on small screens. */
export const MAX_STARTERS = 3;

/** The service's limit on a question (README "Errors and limits"). */
const QUESTION_MAX_CHARS = 2000;

/**
 * Reads the widget's settings from its own `<script>` element. `data-starters` lists the starter
 * questions separated by `|` (`data-starters=""` shows none).
 *
 * @example readConfig(document.currentScript as HTMLScriptElement, document.baseURI)
 */
export function readConfig(script: HTMLScriptElement | null, baseUri: string): WidgetConfig {
  const data = script?.dataset ?? {};
  const scriptUrl = script?.src ? new URL(script.src, baseUri) : undefined;
  const api = data.api?.trim()
    ? new URL(data.api.trim(), scriptUrl ?? baseUri).href
    : (scriptUrl?.origin ?? new URL(baseUri).origin);
  return {
    title: data.title?.trim() || DEFAULT_TITLE,
    api: api.replace(/\/+$/, ''),
    key: data.key?.trim() || undefined,
    starters: data.starters === undefined ? DEFAULT_STARTERS : parseStarters(data.starters),
  };
}

/** `"A? | B?"` → `["A?", "B?"]`: blanks and over-long entries dropped, at most {@link MAX_STARTERS}. */
function parseStarters(value: string): string[] {
  return value
    .split('|')
    .map((q) => q.trim())
    .filter((q) => q.length > 0 && q.length <= QUESTION_MAX_CHARS)
    .slice(0, MAX_STARTERS);
}
