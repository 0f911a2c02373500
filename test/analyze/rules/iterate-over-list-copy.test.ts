import { describe, expect, it } from 'vitest';
import { linesOf, py } from '../helpers.js';

const rule = 'iterate-over-list-copy';

describe(rule, () => {
  it.each([
    [
      'list(name) that the loop only reads',
      py`
      for u in list(users):
          print(u.name, len(users))
    `,
      [1],
    ],
    [
      'list(d.items())',
      py`
      for k, v in list(d.items()):
          total += v
    `,
      [1],
    ],
    [
      'a list comprehension as the iterable',
      py`
      for y in [x * 2 for x in xs if x]:
          print(y)
    `,
      [1],
    ],
    [
      'list(combinations(...)), which copies its input anyway',
      py`
      from itertools import combinations
      for a, b in list(combinations(nodes, 2)):
          if b not in graph[a]:
              raise ValueError(a, b)
    `,
      [2],
    ],
  ])('flags %s', (_name, code, lines) => {
    expect(linesOf(code, rule)).toEqual(lines);
  });

  it.each([
    [
      'a comprehension that calls functions (a generator would interleave the calls with the body)',
      py`
      for i in [int(seed.random() * n) for _ in range(trials)]:
          seed.sample(nodes, 2)
    `,
    ],
    [
      'a copy looped over by a body that calls things (they may change the source)',
      py`
      for b in list(blossoms.keys()):
          expand(b)
    `,
    ],
    [
      'a copy looped over in a generator (the caller runs between items)',
      py`
      def edges(nbrs):
          for n in list(nbrs):
              yield n
    `,
    ],
  ])('ignores %s', (_name, code) => {
    expect(linesOf(code, rule)).toEqual([]);
  });

  it.each([
    [
      'deleting from the copied dict',
      py`
      for k in list(d):
          if d[k] is None:
              del d[k]
    `,
    ],
    [
      'removing from the copied list',
      py`
      for u in list(users):
          users.remove(u)
    `,
    ],
    [
      'assigning items of the source',
      py`
      for k in list(d.keys()):
          d[k.lower()] = d.pop(k)
    `,
    ],
    [
      'passing the source to a function that may change it',
      py`
      for item in list(queue):
          drain(queue)
    `,
    ],
    [
      'iterating directly',
      py`
      for u in users:
          print(u)
    `,
    ],
    [
      'shared state copied before a loop that calls out (callees may change it)',
      py`
      for name, module in list(sys.modules.items()):
          reload_hook(module)
      for key in list(self._handlers):
          self._handlers[key].notify()
    `,
    ],
  ])('ignores %s', (_name, code) => {
    expect(linesOf(code, rule)).toEqual([]);
  });
});
