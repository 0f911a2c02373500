# expect: string-concat-in-loop
out = ''
i = 0
while i < len(names):
    out = out + names[i] + ','
    i += 1
print(out)
