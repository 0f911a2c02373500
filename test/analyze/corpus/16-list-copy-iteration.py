# expect: iterate-over-list-copy
for user in list(users):
    print(user.name)
