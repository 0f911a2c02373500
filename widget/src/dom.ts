/** Attributes for {@link h}: strings become attributes, `false`/`undefined` are left out, functions are `on…` listeners. */
export type Attrs = Record<string, string | number | boolean | undefined | ((event: Event) => void)>;
export type Child = Node | string | false | null | undefined;

/**
 * Creates an element the safe way: text children become text nodes, never markup.
 *
 * @example h('button', { class: 'send', type: 'submit', onclick: send }, 'Send')
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (typeof value === 'function') el.addEventListener(name.slice(2), value);
    else if (value === true) el.setAttribute(name, '');
    else if (value !== false && value !== undefined) el.setAttribute(name, String(value));
  }
  append(el, children);
  return el;
}

export function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === false || child === null || child === undefined) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/**
 * A title as the guidance writes it, its `code` spans as code elements: "Use `weakref`" → the
 * text "Use " and <code>weakref</code>. Text nodes only, so nothing in it is parsed as markup.
 *
 * @example h('span', {}, ...withInlineCode(citation.title))
 */
export function withInlineCode(text: string): Child[] {
  return text.split(/`([^`]+)`/).map((part, i) => (i % 2 ? h('code', {}, part) : part));
}

/** The same title as plain text, for labels ("Use weakref"). */
export function withoutBackticks(text: string): string {
  return text.replace(/`([^`]+)`/g, '$1');
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** A 24×24 stroked icon from fixed path data (no markup parsing), hidden from assistive tech. */
export function icon(paths: readonly string[]): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  for (const d of paths) {
    const path = document.createElementNS(SVG_NS, 'path');
    path.setAttribute('d', d);
    svg.appendChild(path);
  }
  return svg;
}

export const ICONS = {
  chat: ['M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.6A8 8 0 1 1 21 12z'],
  close: ['M6 6l12 12', 'M18 6L6 18'],
  send: ['M4 12l16-8-6 16-2.5-6.5z'],
  stop: ['M7 7h10v10H7z'],
  code: ['M9 8l-4 4 4 4', 'M15 8l4 4-4 4'],
  up: ['M7 11v9H4v-9z', 'M7 11l4-7a2 2 0 0 1 3 2l-1 4h5a2 2 0 0 1 2 2.3l-1.2 6A2 2 0 0 1 16.8 20H7'],
  down: ['M7 13V4H4v9z', 'M7 13l4 7a2 2 0 0 0 3-2l-1-4h5a2 2 0 0 0 2-2.3l-1.2-6A2 2 0 0 0 16.8 4H7'],
  copy: ['M9 9h10v11H9z', 'M5 15V4h10'],
  plus: ['M12 5v14', 'M5 12h14'],
} as const;
