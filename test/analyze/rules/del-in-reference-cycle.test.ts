import { describe, expect, it } from 'vitest';
import { linesOf, py } from '../helpers.js';

const rule = 'del-in-reference-cycle';

describe(rule, () => {
  it.each([
    [
      'a two-way link',
      py`
      class Conn:
          def __init__(self, pool):
              self.pool = pool
              pool.conns.append(self)
          def __del__(self):
              self.close()
    `,
      [5],
    ],
    [
      'a bound method stored on self',
      py`
      class Job:
          def __init__(self):
              self.callback = self.done
          def done(self):
              pass
          def __del__(self):
              print("gone")
    `,
      [6],
    ],
    [
      'self stored in its own container',
      py`
      class Cell:
          def __init__(self):
              self.neighbours = []
              self.neighbours.append(self)
          def __del__(self):
              pass
    `,
      [5],
    ],
    [
      'instances linked by module-level code',
      py`
      class Peer:
          def __del__(self):
              pass
      a = Peer()
      b = Peer()
      a.other = b
      b.other = a
    `,
      [2],
    ],
  ])('flags %s', (_name, code, lines) => {
    expect(linesOf(code, rule)).toEqual(lines);
  });

  it.each([
    [
      'instances kept in a weak container (IPython HistoryManager)',
      py`
      class HistoryManager:
          _instances: WeakSet[HistoryManager] = WeakSet()
          def __init__(self):
              self._instances.add(self)
              self.cache = weakref.WeakValueDictionary()
              self.cache[self.key] = self
          def __del__(self):
              self.stop()
    `,
    ],
    [
      '__del__ with no cycle',
      py`
      class File:
          def __init__(self, path):
              self.path = path
          def __del__(self):
              cleanup(self.path)
    `,
    ],
    [
      'a cycle with no __del__',
      py`
      class Node:
          def __init__(self, parent):
              self.parent = parent
              parent.children.append(self)
    `,
    ],
    [
      'a module-level cycle between instances of a class without __del__',
      py`
      class Peer:
          def __del__(self):
              pass
      class Other:
          pass
      a = Other()
      b = Other()
      a.x = b
      b.x = a
    `,
    ],
  ])('ignores %s', (_name, code) => {
    expect(linesOf(code, rule)).toEqual([]);
  });
});
