# expect: clean
import functools
from pathlib import Path

text = Path("notes.txt")
with text.open() as f:
    first = f.readline()
words = sorted({w.lower() for w in first.split()})
smallest = min(len(w) for w in words)

class Settings:
    @functools.cached_property
    def values(self):
        return dict(self.pairs)
