import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chunkMarkdown } from '../../src/knowledge/chunk.js';

const GUIDANCE_FILE = 'python-memory-guidance.md';
const guidance = readFileSync(new URL(`../../knowledge/${GUIDANCE_FILE}`, import.meta.url), 'utf8');
const guidanceLines = guidance.split('\n');
const { tips, context } = chunkMarkdown(GUIDANCE_FILE, guidance);

describe('chunkMarkdown on the guidance', () => {
  it('yields one tip per bold-titled bullet: 8 sections × 2', () => {
    const boldBullets = guidanceLines.filter((l) => /^- \*\*/.test(l)).length;
    expect(tips).toHaveLength(boldBullets);
    expect(tips).toHaveLength(16);
  });

  it('takes titles from the bold text and sections without their numbers', () => {
    expect(tips.map((t) => t.title)).toEqual([
      'Reference Counting',
      'Garbage Collection',
      'List and Dictionary Sizes',
      'Tuples over Lists',
      'Use Generators and Iterators',
      'Use `with` Statement for File Operations',
      'Limit Global Variables',
      'Local Variables',
      'Use Efficient Data Structures',
      'Chunking',
      'Circular References',
      'Weak References',
      'Memory Profiling Tools',
      'Garbage Collector Module',
      'String Concatenation',
      'Interning Strings',
    ]);
    expect(new Set(tips.map((t) => t.section))).toEqual(
      new Set([
        "Understand Python's Memory Management",
        'Use Built-in Data Structures Wisely',
        'Optimize Code for Memory Efficiency',
        'Be Cautious with Global Variables',
        'Manage Large Data Sets Efficiently',
        'Avoid Memory Leaks',
        'Monitor and Profile Memory Usage',
        'Optimize String Usage',
      ]),
    );
  });

  it('gives stable, unique, slugged ids', () => {
    const byTitle = Object.fromEntries(tips.map((t) => [t.title, t.id]));
    expect(byTitle['String Concatenation']).toBe('optimize-string-usage--string-concatenation');
    expect(byTitle['Use `with` Statement for File Operations']).toBe(
      'optimize-code-for-memory-efficiency--use-with-statement-for-file-operations',
    );
    expect(new Set(tips.map((t) => t.id)).size).toBe(tips.length);
  });

  it('keeps the tip text without its title and attaches code to the tip it follows', () => {
    const concat = tips.find((t) => t.title === 'String Concatenation');
    expect(concat?.text).toBe(
      'Use `str.join()` for concatenating multiple strings instead of using `+`, as it is more memory efficient.',
    );
    expect(concat?.examples).toEqual([{ language: 'python', code: "strings = ['a', 'b', 'c']\nresult = ''.join(strings)" }]);

    const withCode = tips.filter((t) => t.examples.length > 0).map((t) => t.title);
    expect(withCode).toEqual([
      'Use Generators and Iterators',
      'Use `with` Statement for File Operations',
      'Weak References',
      'Memory Profiling Tools',
      'Garbage Collector Module',
      'String Concatenation',
      'Interning Strings',
    ]);
    const weak = tips.find((t) => t.title === 'Weak References');
    expect(weak?.examples[0]?.code).toMatch(/^import weakref\n\nclass MyClass:\n {4}pass\n\nobj = MyClass\(\)\nweak_obj = weakref.ref\(obj\)$/);
    expect(tips.find((t) => t.title === 'Circular References')?.examples).toEqual([]);
  });

  it('reports line ranges that point at the tip in the file', () => {
    for (const tip of tips) {
      const first = guidanceLines[tip.source.lineStart - 1];
      expect(first, tip.title).toContain(`**${tip.title}**`);
      expect(tip.source.file).toBe(GUIDANCE_FILE);
      for (const example of tip.examples) {
        const span = guidanceLines.slice(tip.source.lineStart - 1, tip.source.lineEnd).join('\n');
        const lastCodeLine = example.code.split('\n').at(-1)?.trim() ?? '';
        expect(span).toContain(lastCodeLine);
        expect(guidanceLines[tip.source.lineEnd - 1]?.trim()).toBe('```');
      }
    }
    const concat = tips.find((t) => t.title === 'String Concatenation');
    expect(concat?.source).toEqual({ file: GUIDANCE_FILE, lineStart: 78, lineEnd: 82 });
    expect(tips.find((t) => t.title === 'Chunking')?.source).toMatchObject({ lineStart: 40, lineEnd: 40 });
  });

  it('keeps the intro and the summary as context, not tips', () => {
    expect(context.map((c) => c.heading)).toEqual([null, 'Summary']);
    expect(context[0]?.text).toMatch(/^Memory management in Python is primarily handled/);
    expect(tips.some((t) => t.section === 'Summary')).toBe(false);
  });
});

describe('chunkMarkdown on other knowledge files', () => {
  it('picks up any file of the same shape, with *, + or numbered bullets and other languages', () => {
    const md = [
      '# Extra knowledge',
      '',
      '## 9) Slots',
      '',
      '* **Use `__slots__`**: Declaring `__slots__` removes the per-instance `__dict__`.',
      '',
      '    ```python',
      '    class Point:',
      "        __slots__ = ('x', 'y')",
      '    ```',
      '',
      '+ A bullet without a bold title is not a tip.',
      '',
      '## Arrays',
      '',
      '1. **array module**: Typed arrays store numbers compactly.',
      '',
      '   ```',
      '   from array import array',
      '   ```',
    ].join('\n');
    const chunked = chunkMarkdown('extra.md', md);
    expect(chunked.tips.map((t) => [t.id, t.title, t.section])).toEqual([
      ['slots--use-slots', 'Use `__slots__`', 'Slots'],
      ['arrays--array-module', 'array module', 'Arrays'],
    ]);
    expect(chunked.tips[0]?.examples).toEqual([{ language: 'python', code: "class Point:\n    __slots__ = ('x', 'y')" }]);
    expect(chunked.tips[0]?.source).toEqual({ file: 'extra.md', lineStart: 5, lineEnd: 10 });
    expect(chunked.tips[1]?.examples).toEqual([{ language: 'text', code: 'from array import array' }]);
  });

  it('ignores bullets before any heading and files with no tips', () => {
    expect(chunkMarkdown('a.md', '- **Loose**: no section yet\n').tips).toEqual([]);
    expect(chunkMarkdown('b.md', 'Just prose.\n').tips).toEqual([]);
    expect(chunkMarkdown('c.md', '').tips).toEqual([]);
  });
});
