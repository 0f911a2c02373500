# expect: clean
from functools import lru_cache

@lru_cache(maxsize=128)
def parse_date(text):
    return datetime.strptime(text, "%Y-%m-%d")

@lru_cache
def load_schema():
    return json.loads(SCHEMA_TEXT)
