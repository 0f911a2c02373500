# expect: list-of-large-range
indices = list(range(10_000_000))
for i in indices:
    work(i)
