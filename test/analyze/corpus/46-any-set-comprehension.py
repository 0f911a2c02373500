# expect: list-comprehension-in-reducer
if any({user.role == "admin" for user in users}):
    grant()
