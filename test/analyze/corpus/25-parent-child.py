# expect: two-way-reference
class TreeNode:
    def __init__(self, value, parent=None):
        self.value = value
        self.children = []
        self.parent = parent
        if parent:
            parent.children.append(self)
