# expect: list-concat-in-loop
results = []
for item in items:
    if item.ok:
        results = results + [item.value]
