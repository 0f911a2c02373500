# expect: list-comprehension-in-reducer
total = sum([order.price * order.qty for order in orders])
