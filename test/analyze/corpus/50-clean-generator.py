# expect: clean
def read_numbers(path):
    with open(path) as f:
        for line in f:
            yield int(line)

def squares(n):
    for i in range(n):
        yield i * i
