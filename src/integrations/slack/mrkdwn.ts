import { Lexer, type Token, type Tokens } from 'marked';

/**
 * Escapes the three characters Slack reserves for its own markup (`&`, `<`, `>`). Everything a
 * user or the guidance wrote goes through this, so text can never form a mention or a link.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A ``` block in mrkdwn (Slack ignores the language). */
export function mrkdwnCodeBlock(code: string): string {
  return `\`\`\`\n${escapeMrkdwn(code)}\n\`\`\``;
}

/**
 * Converts a markdown string (an analyzer message, a suggestion) to mrkdwn with {@link toMrkdwn}.
 *
 * @example markdownToMrkdwn('Use `with open(p) as f:` **always**') // 'Use `with open(p) as f:` *always*'
 */
export function markdownToMrkdwn(markdown: string): string {
  return toMrkdwn(new Lexer({ gfm: true }).lex(markdown));
}

/**
 * Renders marked block tokens as Slack mrkdwn: `**bold**` → `*bold*`, `*em*` → `_em_`,
 * `~~del~~` → `~del~`, `[t](u)` → `<u|t>`, headings as bold lines, lists with `•`, fenced code kept
 * as ``` blocks, and `&<>` escaped everywhere.
 *
 * @example
 * toMrkdwn(new Lexer().lex('**Use** [weakref](https://docs.python.org/3/library/weakref.html)'))
 * // → '*Use* <https://docs.python.org/3/library/weakref.html|weakref>'
 */
export function toMrkdwn(tokens: readonly Token[]): string {
  return tokens
    .map((t) => block(t))
    .filter((s) => s.length > 0)
    .join('\n\n');
}

function block(token: Token): string {
  switch (token.type) {
    case 'space':
    case 'def':
      return '';
    case 'code':
      return mrkdwnCodeBlock((token as Tokens.Code).text);
    case 'heading':
    case 'lheading':
      return `*${inline((token as Tokens.Heading).tokens)}*`;
    case 'paragraph':
      return inline((token as Tokens.Paragraph).tokens);
    case 'blockquote':
      return toMrkdwn((token as Tokens.Blockquote).tokens)
        .split('\n')
        .map((line) => `> ${line}`)
        .join('\n');
    case 'list':
      return list(token as Tokens.List, 0);
    case 'hr':
      return '───';
    case 'table':
      return mrkdwnCodeBlock(token.raw.trim());
    case 'text': {
      const text = token as Tokens.Text;
      return text.tokens ? inline(text.tokens) : escapeMrkdwn(text.text);
    }
    default:
      return escapeMrkdwn(token.raw.trim());
  }
}

function list(token: Tokens.List, depth: number): string {
  const start = typeof token.start === 'number' ? token.start : 1;
  const indent = '    '.repeat(depth);
  return token.items
    .map((item, i) => listItem(item, token.ordered ? `${start + i}.` : BULLETS[depth % 2], indent, depth))
    .join('\n');
}

const BULLETS = ['•', '◦'] as const;

function listItem(item: Tokens.ListItem, marker: string | undefined, indent: string, depth: number): string {
  const lines: string[] = [];
  for (const t of item.tokens) {
    if (t.type === 'checkbox') continue;
    if (t.type === 'list') lines.push(list(t as Tokens.List, depth + 1));
    else if (t.type === 'code')
      lines.push(block(t)); // code keeps its own indentation
    else lines.push(block(t).replace(/\n/g, `\n${indent}  `));
  }
  const check = item.task ? (item.checked ? '☑ ' : '☐ ') : '';
  const [first = '', ...rest] = lines.filter(Boolean);
  return [`${indent}${marker ?? '•'} ${check}${first}`, ...rest].join('\n');
}

function inline(tokens: readonly Token[] | undefined): string {
  return (tokens ?? []).map(span).join('');
}

function span(token: Token): string {
  switch (token.type) {
    case 'strong':
      return wrap('*', inline((token as Tokens.Strong).tokens));
    case 'em':
      return wrap('_', inline((token as Tokens.Em).tokens));
    case 'del':
      return wrap('~', inline((token as Tokens.Del).tokens));
    case 'codespan':
      return `\`${escapeMrkdwn((token as Tokens.Codespan).text)}\``;
    case 'br':
      return '\n';
    case 'link':
      return link(token as Tokens.Link);
    case 'image': {
      const image = token as Tokens.Image;
      return `<${escapeUrl(image.href)}|${escapeLabel(image.text || image.href)}>`;
    }
    case 'text': {
      const text = token as Tokens.Text;
      return text.tokens ? inline(text.tokens) : escapeMrkdwn(text.text);
    }
    case 'escape':
      return escapeMrkdwn((token as Tokens.Escape).text);
    default:
      return escapeMrkdwn(token.raw);
  }
}

function link(token: Tokens.Link): string {
  const label = inline(token.tokens);
  if (!/^(https?:|mailto:)/i.test(token.href)) return label;
  if (label === escapeMrkdwn(token.href)) return `<${escapeUrl(token.href)}>`;
  return `<${escapeUrl(token.href)}|${label.replace(/\|/g, '¦')}>`;
}

/** Slack markup only works when the markers hug the text: `* x *` shows the stars. */
function wrap(marker: string, text: string): string {
  const trimmed = text.trim();
  if (!trimmed) return text;
  const lead = text.slice(0, text.indexOf(trimmed));
  const trail = text.slice(lead.length + trimmed.length);
  return `${lead}${marker}${trimmed}${marker}${trail}`;
}

function escapeUrl(url: string): string {
  return escapeMrkdwn(url).replace(/\|/g, '%7C');
}

function escapeLabel(label: string): string {
  return escapeMrkdwn(label).replace(/\|/g, '¦');
}

/**
 * Turns the text of a Slack message or slash command back into what the user typed: Slack sends
 * `&`, `<` and `>` as entities, mentions as `<@U123>` and links as `<https://…|label>`. Mentions
 * (the bot's own `@pymem` included) are dropped; links become their label or URL.
 *
 * @example
 * plainSlackText('<@U0BOT> why is `a &lt; b` slow? see <https://x.dev|docs>') // 'why is `a < b` slow? see docs'
 */
export function plainSlackText(text: string): string {
  return text
    .replace(/<([^<>]*)>/g, (_all, inner: string) => replaceControl(inner))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/^[ \t]+/, '');
}

function replaceControl(inner: string): string {
  const [target = '', label] = inner.split('|', 2);
  if (target.startsWith('@') || target.startsWith('!')) return ''; // users, @here, @channel, user groups
  if (target.startsWith('#')) return label ? `#${label}` : '';
  return label ?? target;
}
