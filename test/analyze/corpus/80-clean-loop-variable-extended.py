# expect: clean
# Each line is a fresh string extended once; nothing is carried across iterations.
def write_lines(path, lines):
    with open(path, "w") as out:
        for line in lines:
            line += "\n"
            out.write(line)
    for option in options:
        prefix = option.name
        if option.metavar:
            prefix += "=" + option.metavar
        print(prefix)
