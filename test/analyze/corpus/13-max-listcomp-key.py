# expect: list-comprehension-in-reducer
longest = max([len(line) for line in lines], default=0)
