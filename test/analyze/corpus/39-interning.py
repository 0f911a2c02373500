# expect: repeated-string-keys
records = []
with open("events.log") as f:
    for line in f:
        rec = {}
        for field in line.rstrip("\n").split("|"):
            key, value = field.split("=", 1)
            rec[key] = value
        records.append(rec)
