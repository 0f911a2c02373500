import { describe, expect, it } from 'vitest';
import { analyzeSnippet } from '../../../src/analyze/analyze-snippet.js';
import { findingsOf, linesOf, py } from '../helpers.js';

const rule = 'global-container-growth';

describe(rule, () => {
  it.each([
    [
      'a dict filled by subscript',
      py`
      CACHE = {}
      def get(k):
          CACHE[k] = load(k)
          return CACHE[k]
    `,
      [3],
    ],
    [
      'a list appended to',
      py`
      events = []
      def on_event(e):
          events.append(e)
    `,
      [3],
    ],
    [
      'a set and an unbounded deque',
      py`
      import collections
      seen = set()
      recent = collections.deque()
      def visit(x):
          seen.add(x)
          recent.append(x)
    `,
      [5, 6],
    ],
  ])('flags %s', (_name, code, lines) => {
    expect(linesOf(code, rule)).toEqual(lines);
  });

  it.each([
    [
      'a container something clears',
      py`
      pending = []
      def add(x):
          pending.append(x)
      def flush():
          pending.clear()
    `,
    ],
    [
      'a bounded deque',
      py`
      from collections import deque
      recent = deque(maxlen=100)
      def add(x):
          recent.append(x)
    `,
    ],
    [
      'a local that shadows the global',
      py`
      items = []
      def build():
          items = []
          items.append(1)
          return items
    `,
    ],
    [
      'a registration decorator',
      py`
      HANDLERS = {}
      def handler(fn):
          HANDLERS[fn.__name__] = fn
          return fn
    `,
    ],
    [
      'module-level growth in a script',
      py`
      rows = []
      for line in lines:
          rows.append(line)
    `,
    ],
  ])('ignores %s', (_name, code) => {
    expect(linesOf(code, rule)).toEqual([]);
  });

  it('names the container and the function', () => {
    const [finding] = findingsOf('LOG = []\ndef log(m):\n    LOG.append(m)\n', rule);
    expect(finding?.message).toContain('`LOG` is a module-level list that `log()` adds to');
  });

  it('is info, off by default (0 of 3 worth acting on in the tuning corpus)', () => {
    const code = 'LOG = []\ndef log(m):\n    LOG.append(m)\n';
    expect(findingsOf(code, rule)[0]?.severity).toBe('info');
    expect(analyzeSnippet(code).findings.filter((f) => f.rule === rule)).toEqual([]);
  });
});
