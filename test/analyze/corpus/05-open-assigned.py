# expect: open-without-with read-whole-file
def load_config(path):
    f = open(path)
    text = f.read()
    return parse(text)
