/** What the embedding page chose, from the script tag's `data-*` attributes. */
export interface WidgetConfig {
  /** `data-title`: the panel's title. */
  readonly title: string;
  /** `data-api`: the service's base URL; by default the origin the script was loaded from. */
  readonly api: string;
  /** `data-key`: a publishable widget key, when the service requires keys. */
  readonly key: string | undefined;
}

export const DEFAULT_TITLE = 'Python memory help';

/**
 * Reads the widget's settings from its own `<script>` element.
 *
 * @example readConfig(document.currentScript as HTMLScriptElement, document.baseURI)
 */
export function readConfig(script: HTMLScriptElement | null, baseUri: string): WidgetConfig {
  const data = script?.dataset ?? {};
  const scriptUrl = script?.src ? new URL(script.src, baseUri) : undefined;
  const api = data.api?.trim() ? new URL(data.api.trim(), scriptUrl ?? baseUri).href : (scriptUrl?.origin ?? new URL(baseUri).origin);
  return {
    title: data.title?.trim() || DEFAULT_TITLE,
    api: api.replace(/\/+$/, ''),
    key: data.key?.trim() || undefined,
  };
}
