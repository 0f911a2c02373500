# expect: clean
def add_tag(tag, tags=None):
    if tags is None:
        tags = []
    tags.append(tag)
    return tags

def configure(name, options=()):
    return {"name": name, "options": list(options)}
