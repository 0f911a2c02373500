# expect: readlines-into-list
with open("access.log") as log:
    for line in log.readlines():
        if "404" in line:
            print(line)
