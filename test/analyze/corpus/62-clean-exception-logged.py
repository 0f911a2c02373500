# expect: clean
import logging
log = logging.getLogger(__name__)

class Task:
    def run(self):
        try:
            self.execute()
        except Exception as exc:
            self.last_error = repr(exc)
            log.exception("task failed")
            errors = [exc]
            report(errors)
