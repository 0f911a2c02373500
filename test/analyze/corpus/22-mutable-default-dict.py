# expect: mutable-default-argument
def memo_fib(n, memo={}):
    if n in memo:
        return memo[n]
    memo[n] = n if n < 2 else memo_fib(n - 1) + memo_fib(n - 2)
    return memo[n]
