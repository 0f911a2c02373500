# expect: readlines-into-list
with open("data.txt") as f:
    for line in f.read().splitlines():
        process(line)
