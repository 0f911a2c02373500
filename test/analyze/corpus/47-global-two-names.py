# expect: clean
hits = 0
misses = 0

def record(hit):
    global hits, misses
    if hit:
        hits += 1
    else:
        misses += 1
