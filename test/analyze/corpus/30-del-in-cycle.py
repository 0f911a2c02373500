# expect: two-way-reference del-in-reference-cycle
class Connection:
    def __init__(self, pool):
        self.pool = pool
        pool.connections.append(self)

    def __del__(self):
        self.close()
