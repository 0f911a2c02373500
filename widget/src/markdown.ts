import { Lexer, type Token, type Tokens } from 'marked';
import { h } from './dom.js';
import { codeBlock } from './code-block.js';

export interface RenderOptions {
  /** Markers `[n]` with a known n become buttons that call this; others stay text. */
  readonly citation?: (n: number) => HTMLElement | undefined;
  /** Leave out a trailing "**Sources**" list (the widget shows the sources itself). */
  readonly dropSourcesList?: boolean;
}

/**
 * Renders markdown to DOM nodes from marked's lexer tokens. No markup from the text is ever
 * parsed: raw HTML shows as text, links keep only http(s) and mailto targets, images become
 * their alt text, and every string goes into a text node.
 *
 * @example panel.append(renderMarkdown('Use `str.join()` [1]', { citation: (n) => citeButton(n) }))
 */
export function renderMarkdown(markdown: string, options: RenderOptions = {}): DocumentFragment {
  const fragment = document.createDocumentFragment();
  let tokens = new Lexer({ gfm: true }).lex(markdown) as Token[];
  if (options.dropSourcesList) tokens = withoutSourcesList(tokens);
  for (const token of tokens) appendNode(fragment, block(token, options));
  return fragment;
}

function appendNode(parent: Node, node: Node | null): void {
  if (node) parent.appendChild(node);
}

function block(token: Token, options: RenderOptions): Node | null {
  switch (token.type) {
    case 'paragraph':
      return h('p', {}, inlineAll((token as Tokens.Paragraph).tokens, options));
    case 'heading': {
      const { depth, tokens } = token as Tokens.Heading;
      return h(depth <= 2 ? 'h3' : 'h4', {}, inlineAll(tokens, options));
    }
    case 'code': {
      const { text, lang } = token as Tokens.Code;
      return codeBlock(text, lang ?? '');
    }
    case 'list':
      return list(token as Tokens.List, options);
    case 'blockquote': {
      const quote = h('blockquote');
      for (const child of (token as Tokens.Blockquote).tokens) appendNode(quote, block(child, options));
      return quote;
    }
    case 'table':
      return table(token as Tokens.Table, options);
    case 'hr':
      return h('hr');
    case 'text': {
      const text = token as Tokens.Text;
      return text.tokens ? inlineAll(text.tokens, options) : withCitations(text.text, options);
    }
    case 'html':
      return h('p', {}, (token as Tokens.HTML).text);
    case 'space':
    case 'def':
      return null;
    default:
      return 'text' in token && typeof token.text === 'string' ? h('p', {}, token.text) : null;
  }
}

function list(token: Tokens.List, options: RenderOptions): HTMLElement {
  const start = token.ordered && typeof token.start === 'number' && token.start !== 1 ? token.start : undefined;
  const el = h(token.ordered ? 'ol' : 'ul', { start });
  for (const item of token.items) {
    const li = h('li');
    for (const child of item.tokens) appendNode(li, block(child, options));
    el.appendChild(li);
  }
  return el;
}

function table(token: Tokens.Table, options: RenderOptions): HTMLElement {
  const row = (cells: Tokens.TableCell[], tag: 'th' | 'td') =>
    h('tr', {}, ...cells.map((cell) => h(tag, {}, inlineAll(cell.tokens, options))));
  return h(
    'div',
    { class: 'table' },
    h('table', {}, h('thead', {}, row(token.header, 'th')), h('tbody', {}, ...token.rows.map((r) => row(r, 'td')))),
  );
}

function inlineAll(tokens: readonly Token[] | undefined, options: RenderOptions): DocumentFragment {
  const fragment = document.createDocumentFragment();
  for (const token of tokens ?? []) appendNode(fragment, inline(token, options));
  return fragment;
}

function inline(token: Token, options: RenderOptions): Node | null {
  switch (token.type) {
    case 'text': {
      const text = token as Tokens.Text;
      return text.tokens ? inlineAll(text.tokens, options) : withCitations(text.text, options);
    }
    case 'escape':
      return document.createTextNode((token as Tokens.Escape).text);
    case 'strong':
      return h('strong', {}, inlineAll((token as Tokens.Strong).tokens, options));
    case 'em':
      return h('em', {}, inlineAll((token as Tokens.Em).tokens, options));
    case 'del':
      return h('del', {}, inlineAll((token as Tokens.Del).tokens, options));
    case 'codespan':
      return h('code', {}, (token as Tokens.Codespan).text);
    case 'br':
      return h('br');
    case 'link':
      return link(token as Tokens.Link, options);
    case 'image':
      return document.createTextNode((token as Tokens.Image).text);
    default:
      // Raw HTML and anything unknown: shown as the text it is, never parsed.
      return 'raw' in token && typeof token.raw === 'string' ? document.createTextNode(token.raw) : null;
  }
}

const SAFE_LINK = /^(https?:|mailto:)/i;

function link(token: Tokens.Link, options: RenderOptions): Node {
  const content = inlineAll(token.tokens, options);
  let href: URL | undefined;
  try {
    href = new URL(token.href, document.baseURI);
  } catch {
    href = undefined;
  }
  if (!href || !SAFE_LINK.test(href.protocol)) return content;
  return h(
    'a',
    { href: href.href, target: '_blank', rel: 'noopener noreferrer nofollow', title: token.title ?? undefined },
    content,
  );
}

const MARKER = /\[(\d{1,2})\]/g;

/** Text with its `[n]` markers as citation buttons, where `n` is a known source. */
function withCitations(text: string, options: RenderOptions): Node {
  if (!options.citation) return document.createTextNode(text);
  const fragment = document.createDocumentFragment();
  let last = 0;
  for (const match of text.matchAll(MARKER)) {
    const button = options.citation(Number(match[1]));
    if (!button) continue;
    fragment.append(text.slice(last, match.index), button);
    last = match.index + match[0].length;
  }
  fragment.append(text.slice(last));
  return fragment;
}

/** Drops a paragraph that is just "**Sources**" and the list right after it. */
function withoutSourcesList(tokens: Token[]): Token[] {
  const at = tokens.findIndex((t) => t.type === 'paragraph' && t.raw.trim() === '**Sources**');
  if (at < 0) return tokens;
  const listAt = tokens.findIndex((t, i) => i > at && t.type !== 'space');
  const end = listAt >= 0 && tokens[listAt]?.type === 'list' ? listAt + 1 : at + 1;
  return [...tokens.slice(0, at), ...tokens.slice(end)];
}
