# expect: clean
total = sum(x for x in range(1000000))
biggest = max((len(w) for w in words), default=0)
flag = any(u.is_admin for u in users)
