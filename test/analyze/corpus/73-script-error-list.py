# expect: stored-exception
failures = []
for record in records:
    try:
        save(record)
    except Exception as err:
        failures.append((record, err))
print(len(failures), "failed")
