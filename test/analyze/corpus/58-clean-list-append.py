# expect: clean
def collect(rows):
    out = []
    for row in rows:
        out.append(row.id)
        out += [row.extra]
    return out
