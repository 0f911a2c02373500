import { describe, expect, it } from 'vitest';
import { linesOf, py } from '../helpers.js';

const rule = 'iterate-over-list-copy';

describe(rule, () => {
  it.each([
    ['list(name) that the loop only reads', py`
      for u in list(users):
          print(u.name, len(users))
    `, [1]],
    ['list(d.items())', py`
      for k, v in list(d.items()):
          total += v
    `, [1]],
    ['a list comprehension as the iterable', py`
      for y in [f(x) for x in xs]:
          print(y)
    `, [1]],
  ])('flags %s', (_name, code, lines) => {
    expect(linesOf(code, rule)).toEqual(lines);
  });

  it.each([
    ['deleting from the copied dict', py`
      for k in list(d):
          if d[k] is None:
              del d[k]
    `],
    ['removing from the copied list', py`
      for u in list(users):
          users.remove(u)
    `],
    ['assigning items of the source', py`
      for k in list(d.keys()):
          d[k.lower()] = d.pop(k)
    `],
    ['passing the source to a function that may change it', py`
      for item in list(queue):
          drain(queue)
    `],
    ['iterating directly', py`
      for u in users:
          print(u)
    `],
    ['shared state copied before a loop that calls out (callees may change it)', py`
      for name, module in list(sys.modules.items()):
          reload_hook(module)
      for key in list(self._handlers):
          self._handlers[key].notify()
    `],
  ])('ignores %s', (_name, code) => {
    expect(linesOf(code, rule)).toEqual([]);
  });
});
