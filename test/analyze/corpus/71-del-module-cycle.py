# expect: two-way-reference del-in-reference-cycle
class Peer:
    def __init__(self, name):
        self.name = name
        self.partner = None

    def __del__(self):
        print("closing", self.name)

a = Peer("a")
b = Peer("b")
a.partner = b
b.partner = a
