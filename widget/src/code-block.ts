import { h, icon, ICONS } from './dom.js';
import { tokenizePython } from './python-tokens.js';

/**
 * A fenced code block: language label, a Copy button and the code, coloured when it is Python.
 * The code only ever becomes text nodes.
 *
 * @example shadowRoot.append(codeBlock("x = ''.join(parts)", 'python'))
 */
export function codeBlock(code: string, language: string): HTMLElement {
  const lang = language.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  const codeEl = h('code', lang ? { class: `language-${lang}` } : {});
  if (lang === 'python' || lang === 'py' || lang === 'python3') {
    for (const token of tokenizePython(code)) {
      codeEl.append(token.kind === 'plain' ? token.text : h('span', { class: `tok-${token.kind}` }, token.text));
    }
  } else {
    codeEl.textContent = code;
  }
  const label = h('span', { class: 'copy-label' }, 'Copy');
  const copy = h('button', { type: 'button', class: 'copy', 'aria-label': 'Copy code' }, icon(ICONS.copy), label);
  copy.addEventListener('click', () => {
    void copyText(code, copy).then((ok) => {
      label.textContent = ok ? 'Copied' : 'Press Ctrl+C';
      setTimeout(() => (label.textContent = 'Copy'), 2000);
    });
  });
  return h(
    'div',
    { class: 'code-block' },
    h('div', { class: 'code-bar' }, h('span', { class: 'code-lang' }, lang || 'code'), copy),
    h('pre', { tabindex: 0 }, codeEl),
  );
}

/** The Clipboard API where the page allows it, else a selected hidden textarea and `copy`. */
async function copyText(text: string, near: HTMLElement): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = h('textarea', { class: 'copy-buffer', readonly: true, 'aria-hidden': 'true' });
    area.value = text;
    near.after(area);
    area.select();
    try {
      // The fallback where navigator.clipboard is missing (pages not served over https); nothing replaces it there.
      // eslint-disable-next-line @typescript-eslint/no-deprecated
      return document.execCommand('copy');
    } finally {
      area.remove();
      near.focus();
    }
  }
}
