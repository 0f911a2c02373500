# expect: clean
import sys
ALLOWED = ("GET", "POST")
handlers = []

def register(fn):
    handlers.append(fn)
    return fn

def clear():
    handlers.clear()

print(sys.getsizeof(42), sys.getsizeof("abc"))
