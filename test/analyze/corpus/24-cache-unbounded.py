# expect: unbounded-cache
import functools

@functools.lru_cache(maxsize=None)
def load_user(user_id):
    return db.fetch(user_id)
