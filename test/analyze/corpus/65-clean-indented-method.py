# expect: clean
    def save(self, path):
        with open(path, "w") as out:
            for record in self.records:
                out.write(record.to_line())
        self.count += 1
