# expect: clean
greeting = "Hello, " + name
for attempt in range(3):
    label = "try " + str(attempt)
    print(label)
