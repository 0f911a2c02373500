# expect: clean
import weakref

class Widget:
    def __init__(self, parent):
        self._parent = weakref.proxy(parent)
        parent.add_child(self)

class Peer:
    def __init__(self, name):
        self.name = name
        self.partner = None

a = Peer("a")
b = Peer("b")
a.partner = weakref.ref(b)
