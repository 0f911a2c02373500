# expect: clean
for key in list(cache):
    if cache[key].expired:
        del cache[key]
for user in list(users):
    if not user.active:
        users.remove(user)
