# expect: stored-exception
class Task:
    def run(self):
        try:
            self.execute()
        except Exception as exc:
            self.last_error = exc
