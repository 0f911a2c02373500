# expect: sum-of-lists
def flatten(groups):
    return sum(groups, [])
