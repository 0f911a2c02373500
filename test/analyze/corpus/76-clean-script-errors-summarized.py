# expect: clean
failures = []
for record in records:
    try:
        save(record)
    except Exception as err:
        failures.append(f"{record.id}: {err}")
print("\n".join(failures))
