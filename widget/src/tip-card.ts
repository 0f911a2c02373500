import type { Tip } from '../../src/knowledge/types.js';
import { codeBlock } from './code-block.js';
import { h, withInlineCode } from './dom.js';
import { renderMarkdown } from './markdown.js';

let nextId = 0;

/**
 * The cited (or related) tip, whole: `label` (`[1]`, `Related:`) and title, where it stands in the
 * guidance, its text and example code. Focusable (tabindex -1) so opening it can move focus there.
 *
 * @example sources.after(tipCard(await api.tip(id), () => card.remove()))
 */
export function tipCard(tip: Tip, label: string, onClose: () => void): HTMLElement {
  const headingId = `pymem-tip-${++nextId}`;
  const lines =
    tip.source.lineStart === tip.source.lineEnd
      ? `line ${tip.source.lineStart}`
      : `lines ${tip.source.lineStart}–${tip.source.lineEnd}`;
  return h(
    'section',
    { class: 'tip', tabindex: -1, 'aria-labelledby': headingId },
    h('h3', { id: headingId }, `${label} `, ...withInlineCode(tip.title)),
    h('p', { class: 'where' }, ...withInlineCode(tip.section), ` · ${tip.source.file}, ${lines}`),
    h('div', { class: 'answer' }, renderMarkdown(tip.text)),
    ...tip.examples.map((example) => codeBlock(example.code, example.language)),
    h(
      'div',
      { class: 'tip-actions' },
      h('button', { type: 'button', class: 'text-button', onclick: onClose }, 'Close tip'),
    ),
  );
}

/** Shown while the tip loads, or when it could not be loaded. */
export function tipPlaceholder(text: string, role: 'status' | 'alert'): HTMLElement {
  return h('div', { class: 'tip', role, tabindex: -1 }, text);
}
