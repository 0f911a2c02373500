# expect: list-of-large-range
SAMPLES = 5_000_000

def simulate():
    ids = list(range(SAMPLES))
    return [step(i) for i in ids]
