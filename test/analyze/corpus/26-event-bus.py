# expect: two-way-reference
class Widget:
    def __init__(self, bus):
        self.bus = bus
        bus.add_listener(self.on_change)

    def on_change(self, event):
        self.redraw()
