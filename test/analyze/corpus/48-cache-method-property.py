# expect: cache-on-method
import functools

class Report:
    @property
    @functools.cache
    def rows(self):
        return self.query.all()
