import { Lexer } from 'marked';
import { describe, expect, it } from 'vitest';
import { escapeMrkdwn, toMrkdwn } from '../../../src/integrations/slack/mrkdwn.js';

const mrkdwn = (md: string) => toMrkdwn(new Lexer({ gfm: true }).lex(md));

describe('toMrkdwn', () => {
  it('converts bold, italics, strikethrough and inline code', () => {
    expect(mrkdwn('**bold** and *it* and _it_ and ~~gone~~ and `x = 1`')).toBe(
      '*bold* and _it_ and _it_ and ~gone~ and `x = 1`',
    );
  });

  it('turns links into <url|text> and keeps bare URLs linked', () => {
    expect(mrkdwn('see [the docs](https://docs.python.org/3/library/gc.html) or https://peps.python.org')).toBe(
      'see <https://docs.python.org/3/library/gc.html|the docs> or <https://peps.python.org>',
    );
  });

  it('escapes &, < and > everywhere, code included, so text can never form a mention', () => {
    expect(mrkdwn('a < b && c > d <!channel>')).toBe('a &lt; b &amp;&amp; c &gt; d &lt;!channel&gt;');
    expect(mrkdwn('`if a < b:`')).toBe('`if a &lt; b:`');
    expect(mrkdwn('```python\nif a < b & c:\n    pass\n```')).toBe('```\nif a &lt; b &amp; c:\n    pass\n```');
  });

  it('keeps fenced code as a ``` block', () => {
    expect(mrkdwn('Example:\n\n```python\nx = [1, 2]\n```')).toBe('Example:\n\n```\nx = [1, 2]\n```');
  });

  it('renders headings bold and lists with bullets, nested lists indented', () => {
    expect(mrkdwn('## Tips\n\n- **One**: first [1]\n- two\n  - nested\n\n1. a\n2. b')).toBe(
      '*Tips*\n\n• *One*: first [1]\n• two\n    ◦ nested\n\n1. a\n2. b',
    );
  });

  it('renders nested emphasis and code inside bold', () => {
    expect(mrkdwn('**use `sys.intern()` *wisely***')).toBe('*use `sys.intern()` _wisely_*');
  });
});

describe('escapeMrkdwn', () => {
  it('escapes the three reserved characters only', () => {
    expect(escapeMrkdwn(`<@U1> & "quotes" 'too'`)).toBe(`&lt;@U1&gt; &amp; "quotes" 'too'`);
  });
});
