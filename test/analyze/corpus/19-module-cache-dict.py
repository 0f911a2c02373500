# expect: global-container-growth
_results = {}

def compute(key):
    value = expensive(key)
    _results[key] = value
    return value
