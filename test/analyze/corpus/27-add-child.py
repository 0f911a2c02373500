# expect: two-way-reference
class Tree:
    def add_child(self, child):
        self.children.append(child)
        child.parent = self
