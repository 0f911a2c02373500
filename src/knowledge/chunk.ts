import { Lexer, type Token, type Tokens } from 'marked';
import { tipId } from './slug.js';
import type { ChunkedKnowledge, KnowledgeContext, Tip, TipExample } from './types.js';

const NUMBERED_HEADING = /^\d+[.)]\s+/;

/**
 * Splits one markdown knowledge file into tips, using marked's lexer.
 *
 * A tip is a list item that opens with a bold title (`- **Title**: text`) under a heading; the
 * fenced code blocks inside that item are its examples. Paragraphs outside tips (intro, summary)
 * are returned as context.
 *
 * @example
 * const { tips } = chunkMarkdown('guide.md', '### 1. Basics\n\n- **Tip**: Do this.\n');
 * tips[0].title // "Tip"; tips[0].section // "Basics"
 */
export function chunkMarkdown(file: string, markdown: string): ChunkedKnowledge {
  const lines = new LineIndex(markdown);
  const tips: Tip[] = [];
  const context: KnowledgeContext[] = [];
  let section: string | null = null;
  let offset = 0;

  for (const token of new Lexer().lex(markdown)) {
    const start = offset;
    offset += token.raw.length;
    if (token.type === 'heading') {
      section = (token as Tokens.Heading).text.replace(NUMBERED_HEADING, '').trim();
    } else if (token.type === 'list' && section !== null) {
      tips.push(...listTips(token as Tokens.List, { file, section, markdown, start, lines }));
    } else if (token.type === 'paragraph') {
      context.push({ file, heading: section, text: (token as Tokens.Paragraph).text.trim() });
    }
  }
  return { tips, context };
}

interface ListContext {
  readonly file: string;
  readonly section: string;
  readonly markdown: string;
  readonly start: number;
  readonly lines: LineIndex;
}

function listTips(list: Tokens.List, ctx: ListContext): Tip[] {
  const tips: Tip[] = [];
  let cursor = ctx.start;
  for (const item of list.items) {
    const raw = item.raw.trimEnd();
    const at = ctx.markdown.indexOf(raw, cursor);
    const itemStart = at >= 0 ? at : cursor;
    cursor = itemStart + raw.length;
    const tip = itemTip(item, ctx, itemStart, cursor);
    if (tip) tips.push(tip);
  }
  return tips;
}

function itemTip(item: Tokens.ListItem, ctx: ListContext, from: number, to: number): Tip | null {
  const lead = item.tokens.find((t) => t.type === 'text' || t.type === 'paragraph') as
    | Tokens.Text
    | Tokens.Paragraph
    | undefined;
  const strong = lead?.tokens?.[0];
  if (!lead || strong?.type !== 'strong') return null;

  const title = (strong as Tokens.Strong).text.trim();
  const text = lead.raw
    .trim()
    .slice(strong.raw.length)
    .replace(/^\s*:\s*/, '')
    .replace(/\s+/g, ' ')
    .trim();
  return {
    id: tipId(ctx.section, title),
    title,
    section: ctx.section,
    text,
    examples: codeBlocks(item.tokens),
    source: { file: ctx.file, lineStart: ctx.lines.lineAt(from), lineEnd: ctx.lines.lineAt(to - 1) },
  };
}

function codeBlocks(tokens: readonly Token[]): TipExample[] {
  return tokens
    .filter((t): t is Tokens.Code => t.type === 'code')
    .map((t) => ({ language: t.lang?.trim() || 'text', code: t.text.replace(/\s+$/, '') }));
}

/** Maps character offsets to 1-based line numbers. */
class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') this.starts.push(i + 1);
  }

  lineAt(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
}
