"""Differential suite: `not` inside and/or chains (the parser nests `not` wider than Python)."""

# args: 0, 0, 0 | 0, 0, 1 | 0, 1, 0 | 0, 1, 1 | 1, 0, 0 | 1, 0, 1 | 1, 1, 0 | 1, 1, 1
def _and_not_or(a, b, c):
    return (a and not b or c, not a or b and c, a or not b and c, a and not b and c, a or not b or c, not a and b or not c)

# args: 0, 0, 0, 0 | 1, 0, 1, 0 | 1, 1, 0, 1 | 0, 1, 1, 1 | 1, 0, 0, 1
def _and_not_or4(a, b, c, d):
    return (a and not b or c and d, a and not b or c or d, a or b and not c or d, a and not (b or c) or d, a and (not b or c) and d, not a and not b or not c and not d)

# args: 3, [], 19 | 1, [], 19 | 3, [1], 19
def _while_and_not_or(w, xs, a):
    n = 0
    while w < 3 and not len(xs) != 0 or len(xs) > (a % -3):
        n += 1
        w += 1
        if n > 5:
            break
    return n

# args: 0, 1 | 1, 0 | 1, 1
def _if_and_not_or(a, b):
    r = []
    if a and not b or b:
        r.append(1)
    x = 5 if a and not b or not a else 6
    r.append(x)
    r.append([i for i in range(4) if i and not i % 2 or i == 3])
    return r
