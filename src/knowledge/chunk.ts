import { Lexer, type Token, type Tokens } from 'marked';
import { slugify, tipId } from './slug.js';
import {
  FACET_KINDS,
  KnowledgeFormatError,
  type ChunkedKnowledge,
  type ChunkedUnit,
  type FacetKind,
  type KnowledgeContext,
  type KnowledgeFacet,
  type TipExample,
  type TipReference,
  type TipSource,
} from './types.js';

const NUMBERED_HEADING = /^\d+[.)]\s+/;
/** A facet or reference label: the bold words that open a paragraph (`**Why.**`, `**How:**`, `**Caveats**:`). */
const LABEL = /^(why|how|measure|caveats?|references?|sources?)\s*[.:]?$/i;
/** The fenced block right after an example that states what it prints. */
const OUTPUT_LANGUAGE = 'output';
const MARKER = /^<!--\s*([\s\S]*?)\s*-->$/;
const MARKER_KEYS = ['id', 'extends', 'see', 'when', 'beside', 'triage', 'decisive', 'lead'] as const;
/** `lead`'s value: a share of the score, over 0 and at most 1 (`0.2`). */
const LEAD = /^(?:0?\.\d*[1-9]\d*|1(?:\.0*)?)$/;
/** `when`'s, `beside`'s, `triage`'s and `decisive`'s value: comma-separated lower-case words or phrases (`django, shared memory, values_list`). */
const OPENING_WORDS = /^[a-z0-9_.+#-]+( [a-z0-9_.+#-]+)*(, *[a-z0-9_.+#-]+( [a-z0-9_.+#-]+)*)*$/;

/**
 * Splits one markdown knowledge file into units, using marked's lexer (the format is in
 * docs/knowledge-format.md). A file is read one of two ways, by what it holds:
 *
 * - **Tip lists** (the guidance's shape: at least {@link TIP_LIST_SHARE} of its prose is in
 *   list items that open with a bold title): each list item that opens with a bold title
 *   (`- **Title**: text`) under a heading is a unit; the fenced code inside the item is its
 *   examples, and every paragraph outside the tips (intro, summary) is context.
 * - **Heading sections** (any other file: a companion, a wiki page): each heading whose section
 *   has prose is a unit. Its prose up to the first label is the short text; paragraphs opening
 *   with `**Why.**`, `**How.**`, `**Measure.**` or `**Caveats.**` are facets; fenced code is
 *   examples (an `output` block after one states what it prints); `**References.**` lists links.
 *   A `<!-- id: …; extends: …; see: …; when: …; beside: …; triage: …; decisive: …; lead: … -->` comment under the heading
 *   names the unit, folds it into the unit it extends, links related ones, names the words a
 *   question must contain for it to be cited (`when`), the words of a question for which it is
 *   cited beside a unit it `see`s when that one answers first (`beside`), or the words of a long
 *   report it answers first when no unit clearly matches the report (`triage`), or whatever the
 *   ranking (`decisive`: a notebook kernel that died), and under which lead of the report's best
 *   unit it does so (`lead`; `TRIAGE_MAX_LEAD` when absent). A section with
 *   code but no prose adds its examples to the unit before it.
 *
 * @example
 * const { tips } = chunkMarkdown('guide.md', '### 1. Basics\n\n- **Tip**: Do this.\n');
 * tips[0].title // "Tip"; tips[0].section // "Basics"
 */
export function chunkMarkdown(file: string, markdown: string): ChunkedKnowledge {
  const lines = new LineIndex(markdown);
  const tokens = positioned(new Lexer().lex(markdown));
  return tipListShare(tokens.map((p) => p.token)) >= TIP_LIST_SHARE
    ? chunkTipLists(file, markdown, tokens, lines)
    : chunkSections(file, tokens, lines);
}

/**
 * The share of a file's prose that must be in bold-titled list items for the file to be read as
 * tip lists. The guidance holds 85% of its prose there (the rest is its introduction and
 * summary). A wiki page or blog post that defines a few terms in a bold-led list ("- **Allocation**:
 * taking memory") holds little (a real blog post about Python memory: 16%): read as tip lists, its
 * sections' prose would all be context, never cited, so it is read as heading sections, and such
 * a list stays part of its section's text.
 */
export const TIP_LIST_SHARE = 0.5;

/**
 * How much of a file's prose (paragraphs, lists, tables, quotes, by characters) is in list items
 * that open with a bold title.
 *
 * @example tipListShare(new Lexer().lex('### A\n\n- **Tip**: Do this.\n')) // 1
 */
export function tipListShare(tokens: readonly Token[]): number {
  let prose = 0;
  let tips = 0;
  for (const token of tokens) {
    if (!PROSE_TOKENS.has(token.type)) continue;
    prose += token.raw.length;
    if (isTipList(token))
      for (const item of (token as Tokens.List).items) if (boldLead(item)) tips += item.raw.length;
  }
  return prose === 0 ? 0 : tips / prose;
}

const PROSE_TOKENS = new Set(['paragraph', 'list', 'table', 'blockquote']);

interface Positioned {
  readonly token: Token;
  readonly start: number;
  readonly end: number;
}

function positioned(tokens: readonly Token[]): Positioned[] {
  let offset = 0;
  return tokens.map((token) => {
    const start = offset;
    offset += token.raw.length;
    return { token, start, end: offset };
  });
}

function isTipList(token: Token): boolean {
  return token.type === 'list' && (token as Tokens.List).items.some((item) => boldLead(item) !== null);
}

// ---------------------------------------------------------------------------------------------
// Tip lists

function chunkTipLists(file: string, markdown: string, tokens: readonly Positioned[], lines: LineIndex): ChunkedKnowledge {
  const tips: ChunkedUnit[] = [];
  const context: KnowledgeContext[] = [];
  let section: string | null = null;
  for (const { token, start } of tokens) {
    if (token.type === 'heading') {
      section = headingText(token as Tokens.Heading);
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

function listTips(list: Tokens.List, ctx: ListContext): ChunkedUnit[] {
  const tips: ChunkedUnit[] = [];
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

function boldLead(item: Tokens.ListItem): { lead: Tokens.Text | Tokens.Paragraph; strong: Tokens.Strong } | null {
  const lead = item.tokens.find((t) => t.type === 'text' || t.type === 'paragraph') as Tokens.Text | Tokens.Paragraph | undefined;
  const strong = lead?.tokens?.[0];
  return lead && strong?.type === 'strong' ? { lead, strong: strong as Tokens.Strong } : null;
}

function itemTip(item: Tokens.ListItem, ctx: ListContext, from: number, to: number): ChunkedUnit | null {
  const bold = boldLead(item);
  if (!bold) return null;
  const { lead, strong } = bold;
  const title = strong.text.trim();
  const text = lead.raw
    .trim()
    .slice(strong.raw.length)
    .replace(/^\s*:\s*/, '')
    .replace(/\s+/g, ' ')
    .trim();
  const fences = fenceLines(ctx.markdown.slice(from, to), ctx.lines.lineAt(from));
  const examples = item.tokens
    .filter((t): t is Tokens.Code => t.type === 'code')
    .map((t, i): TipExample => {
      const lines = fences[i];
      return {
        ...example(t),
        ...(lines ? { source: { file: ctx.file, lineStart: lines[0], lineEnd: lines[1] } } : {}),
      };
    });
  return {
    id: tipId(ctx.section, title),
    title,
    section: ctx.section,
    text,
    examples,
    source: { file: ctx.file, lineStart: ctx.lines.lineAt(from), lineEnd: ctx.lines.lineAt(to - 1) },
    facets: [],
    references: [],
    see: [],
  };
}

/** The opening and closing line of each fenced block in `text` (an indented item's code keeps its indent). */
function fenceLines(text: string, firstLine: number): [number, number][] {
  const pairs: [number, number][] = [];
  let open: { line: number; fence: string } | null = null;
  text.split('\n').forEach((line, i) => {
    const fence = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (!fence) return;
    if (!open) open = { line: firstLine + i, fence };
    else if (fence.startsWith(open.fence[0] ?? '`') && fence.length >= open.fence.length && line.trim() === fence) {
      pairs.push([open.line, firstLine + i]);
      open = null;
    }
  });
  return pairs;
}

// ---------------------------------------------------------------------------------------------
// Heading sections

interface Section {
  readonly title: string;
  readonly depth: number;
  readonly parent: string | null;
  readonly start: number;
  readonly body: Positioned[];
}

function chunkSections(file: string, tokens: readonly Positioned[], lines: LineIndex): ChunkedKnowledge {
  const units: ChunkedUnit[] = [];
  const context: KnowledgeContext[] = [];
  const stack: { depth: number; title: string }[] = [];
  const sections: Section[] = [];
  let current: Section | null = null;
  for (const entry of tokens) {
    const { token } = entry;
    if (token.type === 'heading') {
      const heading = token as Tokens.Heading;
      while (stack.length > 0 && (stack.at(-1)?.depth ?? 0) >= heading.depth) stack.pop();
      current = { title: headingText(heading), depth: heading.depth, parent: stack.at(-1)?.title ?? null, start: entry.start, body: [] };
      stack.push({ depth: heading.depth, title: current.title });
      sections.push(current);
    } else if (current) {
      current.body.push(entry);
    } else if (token.type === 'paragraph') {
      context.push({ file, heading: null, text: (token as Tokens.Paragraph).text.trim() });
    }
  }
  const stem = file.replace(/\.[^.]+$/, '');
  for (const section of sections) {
    const unit = sectionUnit(file, stem, section, lines);
    if (unit) {
      units.push(unit);
    } else {
      // Code under a heading without prose ("Example") belongs to the unit above it.
      const examples = sectionExamples(file, section, lines);
      const previous = units.at(-1);
      if (previous && examples.length > 0) units[units.length - 1] = { ...previous, examples: [...previous.examples, ...examples] };
    }
  }
  return { tips: units, context };
}

type Part = 'text' | FacetKind | 'references';

interface FacetDraft {
  kind: FacetKind;
  paragraphs: string[];
  start: number;
  end: number;
}

function sectionUnit(file: string, stem: string, section: Section, lines: LineIndex): ChunkedUnit | null {
  const at = (offset: number) => `${file}:${lines.lineAt(offset)}`;
  const marker = readMarker(section.body, at);
  const text: string[] = [];
  const facets: FacetDraft[] = [];
  const examples: TipExample[] = [];
  const references: TipReference[] = [];
  let part: Part = 'text';
  let lastContent = section.start;
  let previousWasCode: boolean = false;

  const append = (prose: string, entry: Positioned) => {
    if (!prose) return;
    if (part === 'text') text.push(prose);
    else if (part !== 'references') {
      const facet = facets.at(-1);
      if (facet) {
        facet.paragraphs.push(prose);
        facet.end = entry.end;
      }
    }
  };

  for (const entry of section.body) {
    const { token } = entry;
    const wasCode: boolean = previousWasCode;
    previousWasCode = false;
    if (token.type === 'space' || token.type === 'hr') continue;
    if (token.type === 'html') {
      previousWasCode = wasCode;
      continue;
    }
    lastContent = entry.end;
    if (token.type === 'code') {
      const code = token as Tokens.Code;
      const source = { file, lineStart: lines.lineAt(entry.start), lineEnd: lines.lineAt(entry.end - 1) };
      if (languageOf(code) === OUTPUT_LANGUAGE) {
        const last = examples.at(-1);
        if (!wasCode || !last) throw new KnowledgeFormatError(`${at(entry.start)}: an \`output\` block must follow the code block whose output it states.`);
        examples[examples.length - 1] = { ...last, output: code.text.replace(/\s+$/, ''), source: { ...source, lineStart: last.source?.lineStart ?? source.lineStart } };
      } else {
        examples.push({ ...example(code), ...(isFacet(part) ? { facet: part } : {}), source });
        previousWasCode = true;
      }
      continue;
    }
    if (token.type === 'paragraph') {
      const paragraph = token as Tokens.Paragraph;
      const label = paragraphLabel(paragraph);
      if (label) {
        part = label.part;
        if (isFacet(label.part)) facets.push({ kind: label.part, paragraphs: label.rest ? [label.rest] : [], start: entry.start, end: entry.end });
        else references.push(...links(paragraph.tokens ?? [], sourceOf(file, entry, lines)));
        continue;
      }
      if (part === 'references') {
        references.push(...links(paragraph.tokens ?? [], sourceOf(file, entry, lines)));
        continue;
      }
      append(flatten(paragraph.raw), entry);
      continue;
    }
    if (token.type === 'list') {
      const list = token as Tokens.List;
      if (part === 'references') {
        let cursor = 0;
        for (const item of list.items) {
          // Each reference cites its own list item's line.
          const at = Math.max(0, token.raw.indexOf(item.raw.trimEnd(), cursor));
          cursor = at + item.raw.trimEnd().length;
          const line = lines.lineAt(entry.start + at);
          references.push(...links(item.tokens, { file, lineStart: line, lineEnd: lines.lineAt(entry.start + cursor - 1) }));
        }
        continue;
      }
      append(list.items.map((item) => `- ${flatten(item.text)}`).join('\n'), entry);
      continue;
    }
    if (token.type === 'blockquote') {
      append(flatten((token as Tokens.Blockquote).text), entry);
      continue;
    }
    // Tables and anything else: kept as written.
    append(token.raw.trim(), entry);
  }

  if (text.length === 0 && facets.length === 0) return null;
  const extending = marker.extends;
  if (extending && marker.when) {
    throw new KnowledgeFormatError(
      `${at(section.start)}: "${section.title}" extends "${extending}" and has "when": an extension is cited as the unit it extends; put "when" on a unit of its own.`,
    );
  }
  if (marker.beside && (extending || marker.see.length === 0)) {
    throw new KnowledgeFormatError(
      `${at(section.start)}: "${section.title}" has "beside" but ${extending ? 'extends another unit' : 'no "see"'}: a unit is cited beside the units it names with "see".`,
    );
  }
  if (marker.decisive && !marker.triage) {
    throw new KnowledgeFormatError(
      `${at(section.start)}: "${section.title}" has "decisive" but no "triage": decisive words make a triage unit answer first whatever the ranking.`,
    );
  }
  if (marker.lead !== undefined && !marker.triage) {
    throw new KnowledgeFormatError(
      `${at(section.start)}: "${section.title}" has "lead" but no "triage": the lead says when a triage unit answers a report first.`,
    );
  }
  if (marker.triage && (extending || marker.when)) {
    throw new KnowledgeFormatError(
      `${at(section.start)}: "${section.title}" has "triage" but ${extending ? 'extends another unit' : 'also "when"'}: a triage unit answers reports of any library, under its own id.`,
    );
  }
  if (extending && text.length > 0) {
    throw new KnowledgeFormatError(
      `${at(section.start)}: "${section.title}" extends "${extending}", whose text stays; label its prose (**Why.**, **How.**, **Measure.** or **Caveats.**) or remove the extends marker.`,
    );
  }
  const emptyFacet = facets.find((f) => f.paragraphs.length === 0);
  if (emptyFacet) throw new KnowledgeFormatError(`${at(emptyFacet.start)}: the **${emptyFacet.kind}** label has no text after it.`);
  const sectionName = section.parent ?? stem;
  return {
    id: marker.id ?? tipId(section.parent ?? slugify(stem), section.title),
    title: section.title,
    section: sectionName,
    text: text.join('\n\n'),
    examples,
    source: { file, lineStart: lines.lineAt(section.start), lineEnd: lines.lineAt(Math.max(section.start, lastContent - 1)) },
    facets: facets.map(
      (f): KnowledgeFacet => ({
        kind: f.kind,
        text: f.paragraphs.join('\n\n'),
        source: { file, lineStart: lines.lineAt(f.start), lineEnd: lines.lineAt(f.end - 1) },
      }),
    ),
    references,
    see: marker.see,
    ...(marker.when ? { when: marker.when } : {}),
    ...(marker.beside ? { beside: marker.beside } : {}),
    ...(marker.triage ? { triage: marker.triage } : {}),
    ...(marker.decisive ? { decisive: marker.decisive } : {}),
    ...(marker.lead !== undefined ? { triageLead: marker.lead } : {}),
    ...(extending ? { extends: extending } : {}),
  };
}

function sectionExamples(file: string, section: Section, lines: LineIndex): TipExample[] {
  const examples: TipExample[] = [];
  for (const entry of section.body) {
    if (entry.token.type !== 'code') continue;
    const code = entry.token as Tokens.Code;
    const source = { file, lineStart: lines.lineAt(entry.start), lineEnd: lines.lineAt(entry.end - 1) };
    const last = examples.at(-1);
    if (languageOf(code) === OUTPUT_LANGUAGE && last) examples[examples.length - 1] = { ...last, output: code.text.replace(/\s+$/, '') };
    else examples.push({ ...example(code), source });
  }
  return examples;
}

interface Marker {
  readonly id?: string;
  readonly extends?: string;
  readonly see: readonly string[];
  readonly when?: readonly string[];
  readonly beside?: readonly string[];
  readonly triage?: readonly string[];
  readonly decisive?: readonly string[];
  readonly lead?: number;
}

/** The `<!-- id: …; extends: …; see: a, b -->` comment that opens a section, if any. */
function readMarker(body: readonly Positioned[], at: (offset: number) => string): Marker {
  const first = body.find((e) => e.token.type !== 'space');
  if (!first || first.token.type !== 'html') return { see: [] };
  const content = MARKER.exec(first.token.raw.trim())?.[1];
  if (content === undefined) return { see: [] };
  const pairs = content
    .split(/[;\n]/)
    .map((p) => p.trim())
    .filter(Boolean);
  const isMarker = pairs.some((p) => MARKER_KEYS.some((k) => p.toLowerCase().startsWith(`${k}:`)));
  if (!isMarker) return { see: [] };
  const marker: {
    id?: string;
    extends?: string;
    see: string[];
    when?: string[];
    beside?: string[];
    triage?: string[];
    decisive?: string[];
    lead?: number;
  } = {
    see: [],
  };
  for (const pair of pairs) {
    const colon = pair.indexOf(':');
    const key = pair.slice(0, colon).trim().toLowerCase();
    const value = pair.slice(colon + 1).trim();
    if (colon < 0 || !(MARKER_KEYS as readonly string[]).includes(key)) {
      throw new KnowledgeFormatError(`${at(first.start)}: unknown unit marker entry "${pair}" (known: ${MARKER_KEYS.join(', ')}).`);
    }
    if (key === 'when' || key === 'beside' || key === 'triage' || key === 'decisive') {
      if (!OPENING_WORDS.test(value)) {
        throw new KnowledgeFormatError(
          `${at(first.start)}: "${key}" needs lower-case words or phrases (${key === 'when' ? "a library's name, its API" : 'what such a question says: "leak", "keeps growing"'}), got "${value}".`,
        );
      }
      marker[key] = value.split(',').map((v) => v.trim());
      continue;
    }
    if (key === 'lead') {
      if (!LEAD.test(value)) {
        throw new KnowledgeFormatError(
          `${at(first.start)}: "lead" needs a share of the best unit's score, over 0 and at most 1 (such as 0.2), got "${value}".`,
        );
      }
      marker.lead = Number(value);
      continue;
    }
    if (!/^[a-z0-9-]+(, *[a-z0-9-]+)*$/.test(value)) {
      throw new KnowledgeFormatError(`${at(first.start)}: "${key}" needs unit ids (lower-case letters, digits and dashes), got "${value}".`);
    }
    if (key === 'see') marker.see.push(...value.split(',').map((v) => v.trim()));
    else marker[key as 'id' | 'extends'] = value;
  }
  return marker;
}

function paragraphLabel(paragraph: Tokens.Paragraph): { part: Part; rest: string } | null {
  const strong = paragraph.tokens?.[0];
  if (strong?.type !== 'strong') return null;
  const word = LABEL.exec((strong as Tokens.Strong).text.trim())?.[1]?.toLowerCase();
  if (!word) return null;
  const rest = flatten(paragraph.raw.trim().slice(strong.raw.length).replace(/^\s*[.:]?\s*/, ''));
  return { part: partOf(word), rest };
}

function partOf(word: string): Part {
  if (word.startsWith('caveat')) return 'caveats';
  if (word.startsWith('reference') || word.startsWith('source')) return 'references';
  return word as FacetKind;
}

function isFacet(part: Part): part is FacetKind {
  return (FACET_KINDS as readonly string[]).includes(part);
}

/** The links of a reference paragraph or list item: `[title](url)` or `<url>`. */
function links(tokens: readonly Token[], source: TipSource): TipReference[] {
  const found: TipReference[] = [];
  const visit = (list: readonly Token[]) => {
    for (const t of list) {
      if (t.type === 'link') {
        const link = t as Tokens.Link;
        found.push({ title: link.text === link.href ? link.href : flatten(link.text), url: link.href, source });
      } else if ('tokens' in t && Array.isArray(t.tokens)) {
        visit(t.tokens);
      }
    }
  };
  visit(tokens);
  return found;
}

function sourceOf(file: string, entry: Positioned, lines: LineIndex): TipSource {
  return { file, lineStart: lines.lineAt(entry.start), lineEnd: lines.lineAt(entry.end - 1) };
}

// ---------------------------------------------------------------------------------------------
// Shared

function headingText(heading: Tokens.Heading): string {
  return heading.text.replace(NUMBERED_HEADING, '').trim();
}

function languageOf(code: Tokens.Code): string {
  return code.lang?.trim().split(/\s+/)[0]?.toLowerCase() || 'text';
}

function example(code: Tokens.Code): TipExample {
  return { language: code.lang?.trim().split(/\s+/)[0] || 'text', code: code.text.replace(/\s+$/, '') };
}

/** One paragraph's markdown on one line. */
function flatten(markdown: string): string {
  return markdown.replace(/\s+/g, ' ').trim();
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
