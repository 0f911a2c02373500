# expect: mutable-default-argument
import collections

def group(rows, index=collections.defaultdict(list)):
    for r in rows:
        index[r.key].append(r)
    return index
