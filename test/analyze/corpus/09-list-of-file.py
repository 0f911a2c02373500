# expect: readlines-into-list
with open(path, encoding="utf-8") as fh:
    rows = list(fh)
for row in rows:
    handle(row)
