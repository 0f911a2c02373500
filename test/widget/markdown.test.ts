// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../widget/src/markdown.js';

const render = (markdown: string, options: Parameters<typeof renderMarkdown>[1] = {}) => {
  const root = document.createElement('div');
  root.append(renderMarkdown(markdown, options));
  return root;
};

describe('renderMarkdown', () => {
  it('renders the answer shapes: lead, bullets, bold, inline code, fenced code', () => {
    const root = render(
      'The guidance has **2 tips**:\n\n- **Weak References**: use `weakref.ref()` [1]\n\n```python\nimport weakref\n```',
    );
    expect(root.querySelector('p strong')?.textContent).toBe('2 tips');
    expect(root.querySelector('ul li strong')?.textContent).toBe('Weak References');
    expect(root.querySelector('li code')?.textContent).toBe('weakref.ref()');
    const block = root.querySelector('.code-block');
    expect(block?.querySelector('.code-lang')?.textContent).toBe('python');
    expect(block?.querySelector('code')?.textContent).toBe('import weakref');
    expect(block?.querySelector('.tok-keyword')?.textContent).toBe('import');
    expect(block?.querySelector('button.copy')?.getAttribute('aria-label')).toBe('Copy code');
  });

  it('turns known [n] markers into citation buttons and leaves unknown ones as text', () => {
    const root = render('see [1] and [7]', {
      citation: (n) => {
        if (n !== 1) return undefined;
        const button = document.createElement('button');
        button.textContent = `cite ${n}`;
        return button;
      },
    });
    expect(root.textContent).toBe('see cite 1 and [7]');
    expect(root.querySelectorAll('button')).toHaveLength(1);
  });

  it('shows raw HTML as text and creates no element from it', () => {
    const root = render(
      'a <img src=x onerror="alert(1)"> b <b onclick="x()">bold</b>\n\n<script>alert(1)</script>\n\n<iframe src="https://evil.example"></iframe>',
    );
    expect(root.querySelectorAll('img, script, iframe, b')).toHaveLength(0);
    expect(root.textContent).toContain('<img src=x onerror="alert(1)">');
    expect(root.textContent).toContain('<script>alert(1)</script>');
    expect(root.innerHTML).not.toMatch(/<(img|script|iframe|b)\b/);
  });

  it('keeps only http(s) and mailto links, opened safely; images become their alt text', () => {
    const root = render(
      '[ok](https://docs.python.org/3/) [js](javascript:alert(1)) [data](data:text/html,hi) [mail](mailto:a@b.example) ![diagram](https://x.example/a.png)',
    );
    const links = [...root.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://docs.python.org/3/', 'mailto:a@b.example']);
    expect(links[0]?.getAttribute('rel')).toBe('noopener noreferrer nofollow');
    expect(links[0]?.getAttribute('target')).toBe('_blank');
    expect(root.textContent).toContain('js');
    expect(root.textContent).toContain('diagram');
    expect(root.querySelector('img')).toBeNull();
  });

  it('drops the Sources list when the widget shows the sources itself', () => {
    const markdown =
      'Lead [1]\n\n**Sources**\n\n1. Weak References (Avoid Memory Leaks), python-memory-guidance.md lines 45–54';
    expect(render(markdown, { dropSourcesList: true }).textContent).toBe('Lead [1]');
    expect(render(markdown).textContent).toContain('Weak References (Avoid Memory Leaks)');
  });

  it('renders headings, ordered lists with a start, quotes, tables and rules', () => {
    const root = render('# Title\n\n3. three\n4. four\n\n> quoted\n\n| a | b |\n|---|---|\n| `x` | y |\n\n---');
    expect(root.querySelector('h3')?.textContent).toBe('Title');
    expect(root.querySelector('ol')?.getAttribute('start')).toBe('3');
    expect(root.querySelector('blockquote')?.textContent).toBe('quoted');
    expect(root.querySelector('td code')?.textContent).toBe('x');
    expect(root.querySelector('hr')).not.toBeNull();
  });

  it('renders an unclosed code fence while the answer is still streaming', () => {
    const root = render('Example:\n\n```python\nx = 1\n');
    expect(root.querySelector('.code-block code')?.textContent).toBe('x = 1');
  });
});
