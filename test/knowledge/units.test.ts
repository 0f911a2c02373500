import { describe, expect, it } from 'vitest';
import { chunkMarkdown } from '../../src/knowledge/chunk.js';
import { assembleUnits, restrictToFiles, tipParts } from '../../src/knowledge/units.js';

const guidance = chunkMarkdown('guide.md', '### Basics\n\n- **Tip**: Do this.\n- **Other**: And that.\n').tips;
const companion = chunkMarkdown(
  'more.md',
  [
    '## Deeper',
    '',
    '### Why the tip works',
    '<!-- extends: basics--tip; see: basics--other -->',
    '',
    '**Why.** Because of the mechanism.',
    '',
    '```python',
    'print(1)',
    '```',
    '',
    '**References.**',
    '- [docs](https://docs.python.org/3/)',
    '',
    '### A unit of its own',
    '<!-- id: deeper--own; see: basics--tip -->',
    '',
    'Stands alone.',
    '',
    '**How.** Call it.',
  ].join('\n'),
).tips;

describe('assembleUnits', () => {
  const tips = assembleUnits([
    { file: 'more.md', primary: false, units: companion },
    { file: 'guide.md', primary: true, units: guidance },
  ]);

  it('lists primary files first and folds an extension into the tip it extends, which keeps its id, text and citation', () => {
    expect(tips.map((t) => [t.id, t.primary])).toEqual([
      ['basics--tip', true],
      ['basics--other', true],
      ['deeper--own', false],
    ]);
    const tip = tips[0];
    expect(tip).toMatchObject({ title: 'Tip', text: 'Do this.', source: { file: 'guide.md', lineStart: 3, lineEnd: 3 }, see: ['basics--other'] });
    expect(tip?.facets).toEqual([{ kind: 'why', text: 'Because of the mechanism.', source: { file: 'more.md', lineStart: 6, lineEnd: 6 } }]);
    expect(tip?.examples).toEqual([{ language: 'python', code: 'print(1)', facet: 'why', source: { file: 'more.md', lineStart: 8, lineEnd: 10 } }]);
    expect(tip?.references).toEqual([{ title: 'docs', url: 'https://docs.python.org/3/', source: { file: 'more.md', lineStart: 13, lineEnd: 13 } }]);
    expect(tip?.extensions).toEqual([{ title: 'Why the tip works', source: { file: 'more.md', lineStart: 3, lineEnd: 13 } }]);
  });

  it('marks the units of a file that deepens the guidance as its companion, and no other file’s', () => {
    expect(tips.map((t) => [t.id, t.companion])).toEqual([
      ['basics--tip', undefined],
      ['basics--other', undefined],
      ['deeper--own', true],
    ]);
    // A wiki page dropped in as it is: no unit extends or sees a guidance tip.
    const wiki = chunkMarkdown('wiki.md', 'Caches\n======\n\nBound every cache.\n\nSee also\n--------\n\nThe team\'s notes.\n').tips;
    const withWiki = assembleUnits([
      { file: 'guide.md', primary: true, units: guidance },
      { file: 'more.md', primary: false, units: companion },
      { file: 'wiki.md', primary: false, units: wiki },
    ]);
    expect(withWiki.filter((t) => t.source.file === 'wiki.md').map((t) => [t.title, t.companion])).toEqual([
      ['Caches', undefined],
      ['See also', undefined],
    ]);
  });

  it('splits a tip back into its own part and its extensions', () => {
    const parts = tipParts(tips[0]!);
    expect(parts.map((p) => [p.extension, p.title, p.file, p.facets.length, p.examples.length])).toEqual([
      [undefined, 'Tip', 'guide.md', 0, 0],
      [0, 'Why the tip works', 'more.md', 1, 1],
    ]);
  });

  it('restricts to chosen files: other files’ tips go, and so does what their extensions added', () => {
    const onlyGuide = restrictToFiles(tips, new Set(['guide.md']));
    expect(onlyGuide.map((t) => t.id)).toEqual(['basics--tip', 'basics--other']);
    expect(onlyGuide[0]).toMatchObject({ facets: [], examples: [], references: [], extensions: [] });
    const onlyMore = restrictToFiles(tips, new Set(['more.md']));
    expect(onlyMore.map((t) => [t.id, t.see])).toEqual([['deeper--own', []]]);
  });

  it('refuses duplicate ids, extensions of unknown or extending units, and see ids of no unit', () => {
    const dup = chunkMarkdown('a.md', '## S\n\n### T\n\nOne.\n\n### T\n\nTwo.\n').tips;
    expect(() => assembleUnits([{ file: 'a.md', primary: false, units: dup }])).toThrow(/Duplicate tip id "s--t" \(a\.md:3 and a\.md:7\)/);
    const orphan = chunkMarkdown('b.md', '## S\n\n### T\n<!-- extends: nowhere--tip -->\n\n**Why.** x\n').tips;
    expect(() => assembleUnits([{ file: 'b.md', primary: false, units: orphan }])).toThrow(/b\.md:3: "T" extends "nowhere--tip", which no knowledge file has/);
    const chain = chunkMarkdown('c.md', '## S\n\n### A\n<!-- extends: basics--tip -->\n\n**Why.** x\n\n### B\n<!-- extends: s--a -->\n\n**Why.** y\n').tips;
    expect(() => assembleUnits([{ file: 'guide.md', primary: true, units: guidance }, { file: 'c.md', primary: false, units: chain }])).toThrow(
      /"B" extends "s--a", which itself extends another unit/,
    );
    const badSee = chunkMarkdown('d.md', '## S\n\n### A\n<!-- see: missing--tip -->\n\nText.\n').tips;
    expect(() => assembleUnits([{ file: 'd.md', primary: false, units: badSee }])).toThrow(/d\.md:3: "A" has see: "missing--tip", which is no unit/);
  });
});
