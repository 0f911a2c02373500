import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Lexer } from 'marked';
import { chunkMarkdown, TIP_LIST_SHARE, tipListShare } from '../../src/knowledge/chunk.js';

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
    expect(concat?.examples).toEqual([
      { language: 'python', code: "strings = ['a', 'b', 'c']\nresult = ''.join(strings)", source: { file: GUIDANCE_FILE, lineStart: 79, lineEnd: 82 } },
    ]);

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
    expect(chunked.tips[0]?.examples).toEqual([
      { language: 'python', code: "class Point:\n    __slots__ = ('x', 'y')", source: { file: 'extra.md', lineStart: 7, lineEnd: 10 } },
    ]);
    expect(chunked.tips[0]?.source).toEqual({ file: 'extra.md', lineStart: 5, lineEnd: 10 });
    expect(chunked.tips[1]?.examples).toEqual([{ language: 'text', code: 'from array import array', source: { file: 'extra.md', lineStart: 18, lineEnd: 20 } }]);
  });

  it('ignores bullets before any heading and files with no tips', () => {
    expect(chunkMarkdown('a.md', '- **Loose**: no section yet\n').tips).toEqual([]);
    expect(chunkMarkdown('b.md', 'Just prose.\n').tips).toEqual([]);
    expect(chunkMarkdown('c.md', '').tips).toEqual([]);
  });
});

describe('chunkMarkdown on heading sections (files without tip lists)', () => {
  const unit = [
    '# Team wiki',
    '',
    '## Caches',
    '',
    '### Bound every cache',
    '<!-- id: caches--bounded; see: other--tip -->',
    '',
    'A cache without a bound grows with the program.',
    '',
    '**Why.** It keeps every key it saw.',
    'Second line of the same paragraph.',
    '',
    '- keys stay',
    '- values stay',
    '',
    '**How:** Use `lru_cache(maxsize=128)`.',
    '',
    '```python',
    'print(1 + 1)',
    '```',
    '```output',
    '2',
    '```',
    '',
    '**Measure.** `cache_info()` shows the size.',
    '',
    '**Caveats** Not for unhashable arguments.',
    '',
    '**References.**',
    '- [functools.lru_cache](https://docs.python.org/3/library/functools.html#functools.lru_cache)',
    '- <https://peps.python.org/pep-0412/>',
  ].join('\n');

  it('makes a unit of each heading with prose: title, parent section, short text, labelled facets in order', () => {
    const { tips, context } = chunkMarkdown('wiki.md', unit);
    expect(tips).toHaveLength(1);
    const [t] = tips;
    expect(t).toMatchObject({ id: 'caches--bounded', title: 'Bound every cache', section: 'Caches', text: 'A cache without a bound grows with the program.', see: ['other--tip'] });
    expect(t?.facets.map((f) => [f.kind, f.text])).toEqual([
      ['why', 'It keeps every key it saw. Second line of the same paragraph.\n\n- keys stay\n- values stay'],
      ['how', 'Use `lru_cache(maxsize=128)`.'],
      ['measure', '`cache_info()` shows the size.'],
      ['caveats', 'Not for unhashable arguments.'],
    ]);
    expect(t?.facets[0]?.source).toEqual({ file: 'wiki.md', lineStart: 10, lineEnd: 14 });
    expect(t?.source).toEqual({ file: 'wiki.md', lineStart: 5, lineEnd: 31 });
    expect(context).toEqual([]);
  });

  it('attaches code to the facet it follows, with the output block after it and its lines', () => {
    const [t] = chunkMarkdown('wiki.md', unit).tips;
    expect(t?.examples).toEqual([{ language: 'python', code: 'print(1 + 1)', output: '2', facet: 'how', source: { file: 'wiki.md', lineStart: 18, lineEnd: 23 } }]);
  });

  it('reads references from the list after **References.**, each citing its own line', () => {
    const [t] = chunkMarkdown('wiki.md', unit).tips;
    expect(t?.references).toEqual([
      { title: 'functools.lru_cache', url: 'https://docs.python.org/3/library/functools.html#functools.lru_cache', source: { file: 'wiki.md', lineStart: 30, lineEnd: 30 } },
      { title: 'https://peps.python.org/pep-0412/', url: 'https://peps.python.org/pep-0412/', source: { file: 'wiki.md', lineStart: 31, lineEnd: 31 } },
    ]);
  });

  it('chunks a plain wiki page: one unit per heading section, ids from section and title, code-only sections join the unit above', () => {
    const page = [
      'Intro before any heading is context.',
      '',
      '# Deploying the workers',
      '',
      'Workers run under gunicorn with four processes.',
      '',
      '## Memory limits',
      '',
      'Each worker is restarted after 1,000 requests.',
      'The limit is set in `gunicorn.conf.py`.',
      '',
      '| setting | value |',
      '|---|---|',
      '| max_requests | 1000 |',
      '',
      '### Example',
      '',
      '```python',
      'max_requests = 1000',
      '```',
      '',
      '## Empty heading',
    ].join('\n');
    const { tips, context } = chunkMarkdown('deploy-notes.md', page);
    expect(tips.map((t) => [t.id, t.title, t.section])).toEqual([
      ['deploy-notes--deploying-the-workers', 'Deploying the workers', 'deploy-notes'],
      ['deploying-the-workers--memory-limits', 'Memory limits', 'Deploying the workers'],
    ]);
    expect(tips[1]?.text).toBe('Each worker is restarted after 1,000 requests. The limit is set in `gunicorn.conf.py`.\n\n| setting | value |\n|---|---|\n| max_requests | 1000 |');
    expect(tips[1]?.examples.map((e) => e.code)).toEqual(['max_requests = 1000']);
    expect(tips[1]?.facets).toEqual([]);
    expect(context).toEqual([{ file: 'deploy-notes.md', heading: null, text: 'Intro before any heading is context.' }]);
  });

  it('reads a page whose prose is mostly paragraphs as sections, though one list defines terms in bold', () => {
    // The shape of a real blog post on Python memory: 16% of its prose in bold-led bullets. Read as tip
    // lists, the two bullets were its only units and every paragraph was uncited context.
    const page = [
      '# Python memory',
      '',
      '## Memory allocators',
      '',
      'A memory allocator reserves memory for a program and frees it again. CPython asks its own',
      'allocator, pymalloc, for small objects and the C library for large ones, so a freed object',
      'often stays in an arena that the process keeps.',
      '',
      '- __Allocation__: taking memory.',
      '- __Deallocation__: giving it back.',
      '',
      '## Reference counting',
      '',
      'Every object counts the references to it and is freed when the count drops to zero; a cycle',
      'of objects that refer to each other waits for the cyclic collector instead.',
    ].join('\n');
    expect(tipListShare(new Lexer().lex(page))).toBeLessThan(TIP_LIST_SHARE);
    const { tips, context } = chunkMarkdown('blog.md', page);
    expect(tips.map((t) => t.title)).toEqual(['Memory allocators', 'Reference counting']);
    expect(tips[0]?.text).toContain('- __Allocation__: taking memory.');
    expect(context).toEqual([]);
    // The guidance itself stays tip lists: 85% of its prose is in its bullets.
    expect(tipListShare(new Lexer().lex(guidance))).toBeGreaterThan(0.8);
  });

  it('keeps an extending unit’s target and refuses prose it would drop', () => {
    const extending = '## S\n\n### Deeper\n<!-- extends: s--tip -->\n\n**Why.** Because.\n';
    expect(chunkMarkdown('x.md', extending).tips[0]).toMatchObject({ extends: 's--tip', text: '', facets: [{ kind: 'why', text: 'Because.' }] });
    expect(() => chunkMarkdown('x.md', '## S\n\n### Deeper\n<!-- extends: s--tip -->\n\nUnlabelled prose.\n')).toThrow(
      /x\.md:3: "Deeper" extends "s--tip", whose text stays; label its prose/,
    );
  });

  it('reads `when`: the words a question must name for the unit to be cited; not on an extension', () => {
    const unit = chunkMarkdown('x.md', '## A\n<!-- id: a--b; when: django, queryset, values_list -->\n\nText.\n').tips[0];
    expect(unit).toMatchObject({ id: 'a--b', when: ['django', 'queryset', 'values_list'] });
    const phrase = chunkMarkdown('x.md', '## A\n<!-- id: a--b; when: shared memory, shm -->\n\nText.\n').tips[0];
    expect(phrase?.when).toEqual(['shared memory', 'shm']);
    expect(chunkMarkdown('x.md', '## A\n<!-- id: a--b -->\n\nText.\n').tips[0]).not.toHaveProperty('when');
    expect(() => chunkMarkdown('x.md', '## A\n<!-- id: a--b; when: Django ORM -->\n\nText.\n')).toThrow(/x\.md:2: "when" needs lower-case words/);
    expect(() => chunkMarkdown('x.md', '## S\n\n### Deeper\n<!-- extends: s--tip; when: django -->\n\n**Why.** Because.\n')).toThrow(
      /x\.md:3: "Deeper" extends "s--tip" and has "when"/,
    );
  });

  it('reads `triage`: the words of a long report it answers first when no unit clearly does; not on an extension or beside `when`', () => {
    const unit = chunkMarkdown('x.md', '## A\n<!-- id: a--b; triage: leak, keeps growing -->\n\nText.\n').tips[0];
    expect(unit).toMatchObject({ id: 'a--b', triage: ['leak', 'keeps growing'] });
    expect(chunkMarkdown('x.md', '## A\n<!-- id: a--b -->\n\nText.\n').tips[0]).not.toHaveProperty('triage');
    expect(() => chunkMarkdown('x.md', '## S\n\n### Deeper\n<!-- extends: s--tip; triage: leak -->\n\n**Why.** Because.\n')).toThrow(
      /"Deeper" has "triage" but extends another unit/,
    );
    expect(() => chunkMarkdown('x.md', '## A\n<!-- id: a--b; when: django; triage: leak -->\n\nText.\n')).toThrow(/"A" has "triage" but also "when"/);
    expect(() => chunkMarkdown('x.md', '## A\n<!-- id: a--b; triage: Leak! -->\n\nText.\n')).toThrow(/"triage" needs lower-case words/);
  });

  it('reads `decisive`: the words of a report its triage unit answers first whatever the ranking; only beside `triage`', () => {
    const unit = chunkMarkdown('x.md', '## A\n<!-- id: a--b; triage: oom; decisive: kernel died, dead kernel -->\n\nText.\n').tips[0];
    expect(unit).toMatchObject({ triage: ['oom'], decisive: ['kernel died', 'dead kernel'] });
    expect(chunkMarkdown('x.md', '## A\n<!-- id: a--b; triage: oom -->\n\nText.\n').tips[0]).not.toHaveProperty('decisive');
    expect(() => chunkMarkdown('x.md', '## A\n<!-- id: a--b; decisive: kernel died -->\n\nText.\n')).toThrow(
      /"A" has "decisive" but no "triage"/,
    );
    expect(() => chunkMarkdown('x.md', '## A\n<!-- id: a--b; triage: oom; decisive: Died! -->\n\nText.\n')).toThrow(
      /"decisive" needs lower-case words/,
    );
  });

  it('reads `lead`: the lead under which a triage unit answers a report first; a share of the score, only beside `triage`', () => {
    const unit = chunkMarkdown('x.md', '## A\n<!-- id: a--b; triage: oom; lead: 0.2 -->\n\nText.\n').tips[0];
    expect(unit).toMatchObject({ triage: ['oom'], triageLead: 0.2 });
    expect(chunkMarkdown('x.md', '## A\n<!-- id: a--b; triage: oom -->\n\nText.\n').tips[0]).not.toHaveProperty('triageLead');
    expect(() => chunkMarkdown('x.md', '## A\n<!-- id: a--b; lead: 0.2 -->\n\nText.\n')).toThrow(/"A" has "lead" but no "triage"/);
    for (const bad of ['0', '1.5', 'high', '-0.1', '.'])
      expect(() => chunkMarkdown('x.md', `## A\n<!-- id: a--b; triage: oom; lead: ${bad} -->\n\nText.\n`), bad).toThrow(
        /"lead" needs a share of the best unit's score/,
      );
  });

  it('reads `beside`: the words of a question for which the unit is cited beside a unit it `see`s; needs `see`, not on an extension', () => {
    const unit = chunkMarkdown('x.md', '## A\n<!-- id: a--b; see: s--tip; beside: leak, keeps growing -->\n\nText.\n').tips[0];
    expect(unit).toMatchObject({ id: 'a--b', see: ['s--tip'], beside: ['leak', 'keeps growing'] });
    expect(chunkMarkdown('x.md', '## A\n<!-- id: a--b; see: s--tip -->\n\nText.\n').tips[0]).not.toHaveProperty('beside');
    expect(() => chunkMarkdown('x.md', '## A\n<!-- id: a--b; beside: leak -->\n\nText.\n')).toThrow(/x\.md:1: "A" has "beside" but no "see"/);
    expect(() => chunkMarkdown('x.md', '## S\n\n### Deeper\n<!-- extends: s--tip; see: s--tip; beside: leak -->\n\n**Why.** Because.\n')).toThrow(
      /"Deeper" has "beside" but extends another unit/,
    );
    expect(() => chunkMarkdown('x.md', '## A\n<!-- see: s--tip; beside: Leak! -->\n\nText.\n')).toThrow(/"beside" needs lower-case words/);
  });

  it('refuses unknown marker entries, ids that are not slugs, an empty label and a stray output block, with the line', () => {
    expect(() => chunkMarkdown('x.md', '## A\n<!-- id: a--b; owner: me -->\n\nText.\n')).toThrow(/x\.md:2: unknown unit marker entry "owner: me"/);
    expect(() => chunkMarkdown('x.md', '## A\n<!-- id: Not A Slug -->\n\nText.\n')).toThrow(/"id" needs unit ids/);
    expect(() => chunkMarkdown('x.md', '## A\n\nText.\n\n**Why.**\n\n```python\nx = 1\n```\n')).toThrow(/x\.md:5: the \*\*why\*\* label has no text/);
    expect(() => chunkMarkdown('x.md', '## A\n\nText.\n\n```output\n1\n```\n')).toThrow(/x\.md:5: an `output` block must follow the code block/);
  });

  it('leaves an ordinary HTML comment alone', () => {
    expect(chunkMarkdown('x.md', '## A\n<!-- TODO: expand -->\n\nText.\n').tips[0]).toMatchObject({ id: 'x--a', text: 'Text.' });
  });
});

describe('chunkMarkdown on the companion', () => {
  const COMPANION = 'python-memory-companion.md';
  const companion = readFileSync(new URL(`../../knowledge/${COMPANION}`, import.meta.url), 'utf8');
  const companionLines = companion.split('\n');
  const units = chunkMarkdown(COMPANION, companion).tips;
  const standAlone = units.filter((u) => !u.extends);

  it('has at least 40 stand-alone units, each with a primary reference link, why or how, and an executed example', () => {
    expect(standAlone.length).toBeGreaterThanOrEqual(40);
    for (const u of units) {
      expect(u.references.length, u.id).toBeGreaterThan(0);
      for (const r of u.references) expect(r.url, u.id).toMatch(/^https:\/\/(docs\.python\.org|peps\.python\.org|numpy\.org|pandas\.pydata\.org|pypi\.org|github\.com\/python\/cpython|docs\.djangoproject\.com|docs\.sqlalchemy\.org|requests\.readthedocs\.io|lxml\.de|docs\.gunicorn\.org|docs\.celeryq\.dev|uwsgi-docs\.readthedocs\.io|www\.uvicorn\.org|docs\.kernel\.org|docs\.docker\.com|joblib\.readthedocs\.io|matplotlib\.org|ipython\.readthedocs\.io|jupyter-client\.readthedocs\.io|man7\.org|bloomberg\.github\.io\/memray|pytest-memray\.readthedocs\.io|www\.psycopg\.org|sourceware\.org\/glibc|pymysql\.readthedocs\.io|dev\.mysql\.com|mg\.pov\.lt\/objgraph|pytorch\.org\/(?:docs|tutorials)|doc\.qt\.io|www\.riverbankcomputing\.com\/static\/Docs|doc\.pypy\.org)\//);
      expect(u.facets.some((f) => f.kind === 'why' || f.kind === 'how'), u.id).toBe(true);
      expect(u.examples.filter((e) => e.language === 'python').length, u.id).toBeGreaterThan(0);
    }
  });

  it('cites lines that hold what it says', () => {
    for (const u of units) {
      expect(companionLines[u.source.lineStart - 1], u.id).toBe(`### ${u.title}`);
      for (const f of u.facets) expect(companionLines[f.source.lineStart - 1], u.id).toMatch(new RegExp(`^\\*\\*${f.kind}\\.\\*\\*`, 'i'));
      for (const r of u.references) expect(companionLines[r.source.lineStart - 1], u.id).toContain(r.url);
    }
  });
});
