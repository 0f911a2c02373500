# expect: open-without-with
def load_config(path):
    f = open(path)
    text = f.read()
    return parse(text)
