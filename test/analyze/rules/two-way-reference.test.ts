import { describe, expect, it } from 'vitest';
import { findingsOf, linesOf, py } from '../helpers.js';

const rule = 'two-way-reference';

describe(rule, () => {
  it.each([
    [
      'child keeps parent, parent lists child',
      py`
      class Node:
          def __init__(self, parent):
              self.parent = parent
              parent.children.append(self)
    `,
      [4],
    ],
    [
      'parent adds child and sets its back-pointer',
      py`
      class Tree:
          def add(self, child):
              self.children.append(child)
              child.parent = self
    `,
      [4],
    ],
    [
      'a listener that keeps its bus and subscribes a bound method',
      py`
      class View:
          def __init__(self, bus):
              self.bus = bus
              bus.subscribe(self.refresh)
    `,
      [4],
    ],
    [
      'a registry keyed by name',
      py`
      class Plugin:
          def __init__(self, host):
              self.host = host
              host.plugins[self.name] = self
    `,
      [4],
    ],
    [
      'a tree API by name (add_child)',
      py`
      class W:
          def __init__(self, parent):
              self.parent = parent
              parent.add_child(self)
    `,
      [4],
    ],
    [
      'two objects linked at module level',
      py`
      a = Node()
      b = Node()
      a.peer = b
      b.peer = a
    `,
      [4],
    ],
  ])('flags %s', (_name, code, lines) => {
    expect(linesOf(code, rule)).toEqual(lines);
  });

  it.each([
    [
      'a weak back-reference',
      py`
      class Node:
          def __init__(self, parent):
              self.parent = weakref.ref(parent)
              parent.children.append(self)
    `,
    ],
    [
      'a proxy',
      py`
      class Node:
          def __init__(self, parent):
              self.parent = weakref.proxy(parent)
              parent.children.append(self)
    `,
    ],
    [
      'a one-way link',
      py`
      class Node:
          def __init__(self, parent):
              self.parent = parent
    `,
    ],
    [
      'a listener registered without keeping the bus',
      py`
      class View:
          def __init__(self, bus):
              bus.subscribe(self.refresh)
    `,
    ],
    [
      'links made in different functions',
      py`
      class Node:
          def __init__(self, parent):
              self.parent = parent
          def attach(self, parent):
              parent.children.append(self)
    `,
    ],
  ])('ignores %s', (_name, code) => {
    expect(linesOf(code, rule)).toEqual([]);
  });

  it('names both links and suggests a weak back-reference', () => {
    const [finding] = findingsOf(
      'class N:\n    def __init__(self, parent):\n        self.parent = parent\n        parent.children.append(self)\n',
      rule,
    );
    expect(finding?.message).toContain('`self.parent = parent` and `parent.children.append(self)`');
    expect(finding?.suggestion).toContain('self.parent = weakref.ref(parent)');
    expect(finding?.citation.id).toBe('avoid-memory-leaks--circular-references');
  });
});
