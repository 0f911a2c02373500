# expect: clean
count = 0
total = 0.0
for item in items:
    count += 1
    total += item.price
    total = total + item.tax
average = total / count
