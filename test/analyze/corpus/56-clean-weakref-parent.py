# expect: clean
import weakref

class Node:
    def __init__(self, parent=None):
        self.children = []
        self._parent = weakref.ref(parent) if parent else None
        if parent is not None:
            parent.children.append(self)

    @property
    def parent(self):
        return self._parent() if self._parent else None
