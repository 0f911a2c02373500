import { describe, expect, it } from 'vitest';
import { fitLines, splitText, truncateMarkdown, truncateText } from '../../../src/integrations/chat/text-limits.js';

describe('truncateText', () => {
  it('leaves short text alone and cuts long text at a word with an ellipsis', () => {
    expect(truncateText('short', 10)).toBe('short');
    expect(truncateText('alpha beta gamma delta epsilon', 20)).toBe('alpha beta gamma…');
    expect(truncateText('x'.repeat(30), 12)).toBe(`${'x'.repeat(11)}…`);
  });

  it('never splits a surrogate pair', () => {
    const cut = truncateText('🐍'.repeat(10), 6);
    expect(cut.length).toBeLessThanOrEqual(6);
    expect(cut).toBe('🐍🐍…');
  });
});

describe('splitText', () => {
  it('splits at line breaks into pieces within the limit', () => {
    const text = Array.from({ length: 50 }, (_, i) => `line ${i} ${'x'.repeat(40)}`).join('\n');
    const pieces = splitText(text, 300);
    expect(pieces.every((p) => p.length <= 300)).toBe(true);
    expect(pieces.join('\n')).toBe(text);
  });

  it('cuts a line without breaks anywhere', () => {
    expect(splitText('x'.repeat(25), 10)).toEqual(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)]);
  });
});

describe('truncateMarkdown', () => {
  it('closes a code fence the cut left open', () => {
    const md = `intro\n\n\`\`\`python\n${'print(1)\n'.repeat(100)}\`\`\``;
    const cut = truncateMarkdown(md, 200);
    expect(cut.length).toBeLessThanOrEqual(200);
    expect(cut.match(/```/g)).toHaveLength(2);
    expect(cut.endsWith('\n```')).toBe(true);
  });
});

describe('fitLines', () => {
  it('keeps whole lines and counts the rest', () => {
    expect(fitLines(['aaaa', 'bbbb', 'cccc'], 14, (n) => `+${n}`)).toBe('aaaa\nbbbb\ncccc');
    expect(fitLines(['aaaa', 'bbbb', 'cccc'], 13, (n) => `+${n}`)).toBe('aaaa\nbbbb\n+1');
    expect(fitLines(['a', 'b'], 100, (n) => `+${n}`, 3)).toBe('a\nb\n+3');
    expect(fitLines(['a', 'b'], 100, (n) => `+${n}`)).toBe('a\nb');
  });
});
