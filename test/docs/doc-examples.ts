import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The fenced examples of the docs, and how each is checked (test/docs/examples.test.ts).
 *
 * A block's info string says what it is, after its language (which is all GitHub reads):
 * - ```` ```sh run ````: a command run with bash against a real server (`localhost:8787` is
 *   rewritten to the test server); it must exit 0.
 * - ```` ```json output ```` / ```` ```text output ````: what the `run` block just before it prints,
 *   compared with what it printed (see {@link matchesDocumented} and {@link matchesDocumentedText}).
 * - ```` ```sh norun: <reason> ````: not run, with the reason (it needs a Slack workspace, it
 *   deploys, it is a shape rather than an output…).
 * Every shell and JSON block must say one of these, so a new example cannot skip the test unseen.
 */
export interface DocBlock {
  readonly file: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  readonly lang: string;
  readonly tag: 'run' | 'output' | 'norun' | undefined;
  readonly reason?: string;
  readonly body: string;
}

/** Languages whose blocks must be tagged. */
export const CHECKED_LANGUAGES = new Set(['sh', 'bash', 'shell', 'console', 'json', 'jsonc']);

const OPENING = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)\s*(.*)$/;

export function readDocBlocks(file: string, text: string): DocBlock[] {
  const lines = text.split('\n');
  const blocks: DocBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = OPENING.exec(lines[i] ?? '');
    if (!open) continue;
    const [, indent = '', fence = '', lang = '', info = ''] = open;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const line = lines[j] ?? '';
      if (line.trim().startsWith(fence) && line.trim().replace(/[`~]/g, '') === '') break;
      body.push(line.startsWith(indent) ? line.slice(indent.length) : line.trimStart());
    }
    const tagMatch = /^(run|output|norun)\b:?\s*(.*)$/.exec(info.trim());
    blocks.push({
      file,
      line: i + 1,
      lang,
      tag: tagMatch ? (tagMatch[1] as DocBlock['tag']) : undefined,
      ...(tagMatch?.[2] ? { reason: tagMatch[2] } : {}),
      body: body.join('\n'),
    });
    i = j;
  }
  return blocks;
}

/** README.md and every page of docs/. */
export function docFiles(root: string): string[] {
  return [
    'README.md',
    ...readdirSync(join(root, 'docs'))
      .filter((f) => f.endsWith('.md'))
      .map((f) => `docs/${f}`),
  ];
}

export function readAllDocBlocks(root: string): DocBlock[] {
  return docFiles(root).flatMap((file) => readDocBlocks(file, readFileSync(join(root, file), 'utf8')));
}

/** A `run` block and the `output` block that follows it, if any. */
export interface DocExample {
  readonly run: DocBlock;
  readonly output?: DocBlock;
}

export function examplesOf(blocks: readonly DocBlock[]): DocExample[] {
  const examples: DocExample[] = [];
  blocks.forEach((block, i) => {
    if (block.tag !== 'run') return;
    const next = blocks[i + 1];
    examples.push({
      run: block,
      ...(next && next.file === block.file && next.tag === 'output' ? { output: next } : {}),
    });
  });
  return examples;
}

const ELLIPSIS = '…';

/**
 * Whether an actual JSON value matches the documented one. Objects: every documented key is there
 * and matches (a page may leave keys out, and may say so with a `"…": "…"` entry). Arrays: element by element, the same length, unless the
 * documented array ends with `"…"` (then at least the ones shown). Strings: equal, or, with `…` in
 * them, the actual string has the pieces between the `…`s in order (starting with the first,
 * ending with the last); `"…"` alone matches any value. Numbers, booleans and null: equal.
 * Returns the path of the first mismatch, or undefined.
 */
export function matchesDocumented(documented: unknown, actual: unknown, path = '$'): string | undefined {
  if (documented === ELLIPSIS) return undefined;
  if (typeof documented === 'string') {
    if (typeof actual !== 'string') return `${path}: documented a string, got ${JSON.stringify(actual)}`;
    return matchesWithEllipses(documented, actual)
      ? undefined
      : `${path}: documented ${JSON.stringify(documented)}, got ${JSON.stringify(actual)}`;
  }
  if (Array.isArray(documented)) {
    if (!Array.isArray(actual)) return `${path}: documented an array, got ${JSON.stringify(actual)}`;
    const open = documented.at(-1) === ELLIPSIS;
    const shown = open ? documented.slice(0, -1) : documented;
    if (open ? actual.length < shown.length : actual.length !== shown.length) {
      return `${path}: documented ${shown.length}${open ? ' or more' : ''} items, got ${actual.length}`;
    }
    for (const [i, item] of shown.entries()) {
      const miss = matchesDocumented(item, actual[i], `${path}[${i}]`);
      if (miss) return miss;
    }
    return undefined;
  }
  if (documented !== null && typeof documented === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual))
      return `${path}: documented an object, got ${JSON.stringify(actual)}`;
    for (const [key, value] of Object.entries(documented)) {
      if (key === ELLIPSIS) continue;
      if (!(key in actual)) return `${path}.${key}: documented, missing`;
      const miss = matchesDocumented(value, (actual as Record<string, unknown>)[key], `${path}.${key}`);
      if (miss) return miss;
    }
    return undefined;
  }
  return Object.is(documented, actual)
    ? undefined
    : `${path}: documented ${JSON.stringify(documented)}, got ${JSON.stringify(actual)}`;
}

function matchesWithEllipses(documented: string, actual: string): boolean {
  const pieces = documented.split(ELLIPSIS);
  if (pieces.length === 1) return documented === actual;
  const first = pieces[0] ?? '';
  const last = pieces.at(-1) ?? '';
  if (!actual.startsWith(first) || !actual.endsWith(last) || actual.length < first.length + last.length) return false;
  let at = first.length;
  for (const piece of pieces.slice(1, -1)) {
    const found = actual.indexOf(piece, at);
    if (found < 0 || found + piece.length > actual.length - last.length) return false;
    at = found + piece.length;
  }
  return true;
}

/**
 * Whether printed text matches a documented `text output`: each documented non-blank line matches
 * a printed line (with `…` as in {@link matchesDocumented}), in order; other printed lines may come
 * between them. Returns the first documented line not found, or undefined.
 */
export function matchesDocumentedText(documented: string, actual: string): string | undefined {
  const printed = actual.split('\n').map((l) => l.trimEnd());
  let at = 0;
  for (const line of documented.split('\n').map((l) => l.trimEnd())) {
    if (line.trim() === '') continue;
    const found = printed.findIndex((p, i) => i >= at && matchesWithEllipses(line.trim(), p.trim()));
    if (found < 0) return line;
    at = found + 1;
  }
  return undefined;
}
