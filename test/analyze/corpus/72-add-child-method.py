# expect: two-way-reference
class Widget:
    def __init__(self, parent):
        self.parent = parent
        parent.add_child(self)
