"""Differential suite: for/else and while/else (the else runs when the loop ends without break)."""

# args: [1, 3, 5], 3 | [1, 3, 5], 4 | [], 1
def _find(xs, t):
    for i, x in enumerate(xs):
        if x == t:
            r = ("found", i)
            break
    else:
        r = ("missing", -1)
    return r

# args: 10 | 1 | 0 | 97
def _is_prime(n):
    if n < 2:
        return False
    i = 2
    while i * i <= n:
        if n % i == 0:
            break
        i += 1
    else:
        return True
    return False

# args: [[1, 2], [3, 4], [5]] | [[1], [2, 9]] | []
def _nested(rows):
    out = []
    for row in rows:
        for x in row:
            if x == 9:
                break
        else:
            out.append(("clean", row))
            continue
        out.append(("nine", row))
        if len(out) > 5:
            break
    else:
        out.append("all")
    return out

# args: 5 | 0
def _else_break_outer(n):
    k = 0
    while k < 10:
        k += 1
        for j in range(n):
            if j == 2:
                break
        else:
            break
    else:
        k = -1
    return k

# args: [1, 2, 3]
def _else_with_return(xs):
    for x in xs:
        if x > 5:
            return x
    else:
        xs.append(0)
    return xs
