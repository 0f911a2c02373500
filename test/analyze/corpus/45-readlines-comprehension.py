# expect: readlines-into-list
def load_ids(path):
    with open(path) as f:
        return {line.strip() for line in f.readlines() if line.strip()}
