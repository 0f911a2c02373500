# expect: clean
parts = []
for word in words:
    parts.append(word.upper())
sentence = "".join(parts)
csv_line = ", ".join([format(x) for x in values])
