# expect: list-comprehension-in-reducer
def has_admin(users):
    return any([u.is_admin for u in users])
