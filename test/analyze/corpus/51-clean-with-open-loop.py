# expect: clean
with open("large_file.txt") as file:
    for line in file:
        process(line)
