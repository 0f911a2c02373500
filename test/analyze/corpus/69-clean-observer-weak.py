# expect: clean
import weakref

class Bus:
    def __init__(self):
        self._listeners = weakref.WeakSet()

    def subscribe(self, listener):
        self._listeners.add(listener)

class View:
    def __init__(self, bus):
        self._bus = weakref.ref(bus)
        bus.subscribe(self)
