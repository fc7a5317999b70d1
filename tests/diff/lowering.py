"""Differential suite: evaluation order and single evaluation in the lowering."""

# args: [0, 5, 1]
def _augassign_index_once(xs):
    xs[xs.pop()] += 10
    return xs

# args: [3, 2, 1] | [1, 5, 9]
def _chain_once(xs):
    r = 0 < xs.pop() < 4
    return (r, xs)

# args: [1, 2, 3]
def _eval_order(xs):
    out = []
    d = {}
    d[xs.pop()] = xs.pop()
    out.append(d)
    t = (xs.pop(), len(xs))
    out.append(t)
    return out

# args: [[1, 2], [3]]
def _comp_outer_ref(xss):
    return [x * len(xs) for xs in xss for x in xs]

# args: 3
def _comp_cond_multi(n):
    return [(i, j) for i in range(n) if i != 1 for j in range(i) if (i + j) % 2 == 1]

# args: [1, 2, 3]
def _comp_in_comp(xs):
    return [[y for y in xs if y <= x] for x in xs]

# args: [5, 6]
def _unpack_subscript_targets(xs):
    d = {}
    d["a"], xs[0] = xs[1], 99
    return (d, xs)

# args: [1, 2, 3, 4]
def _swap_elements(xs):
    xs[0], xs[-1] = xs[-1], xs[0]
    i = 1
    i, xs[i] = 2, 7
    return (xs, i)

# args: {"a": [1, 2], "b": [3]}
def _dict_values_sum(d):
    total = 0
    for k, vs in d.items():
        for v in vs:
            total += v * len(k)
    return total

# args: 0 | 1 | 7
def _nested_ifexp_and_or(x):
    return (x and "t" or "f", x or None, (x if x > 3 else -x) if x else "zero", not x or x > 5)

# args: 3
def _break_in_nested(n):
    found = None
    for i in range(n):
        for j in range(n):
            if i * j == 2:
                found = (i, j)
                break
        if found:
            break
    return found

# args: [1, 2, 3, 4, 5]
def _continue_while(xs):
    i = -1
    out = []
    while i < len(xs) - 1:
        i += 1
        if xs[i] % 2:
            continue
        out.append(xs[i])
    return out

# args: 5
def _loop_var_after(n):
    for i in range(n):
        pass
    j = 0
    for j in []:
        pass
    return (i, j)

# args: 0
def _loop_var_unbound(n):
    for i in range(n):
        pass
    return i

# args: b"abc"
def _assign_chain(b):
    x = y = z = b[1]
    return x + y + z

# args: [3, 1, 2]
def _list_ops_chain(xs):
    ys = sorted(xs) + list(reversed(xs))
    ys.extend(ys[:2])
    return (ys, ys.index(2), len(ys))

# args: 0, 0, 0 | 0, 1, 0 | 1, 0, 1 | 1, 1, 1 | 0, 0, 1
def _not_precedence(a, b, c):
    return [not a or b, not a and b, not a and b or c, not not a or b, not (a or b), (not a) or b, not a == b, b if not a or c else 9, not a or not b and c]

# args: 2, 3, 0 | 0, 1, 1 | -2, 0, 5
def _precedence(a, b, c):
    return [a or b if c else a, a if b else c or a, -a ** 2, a ** -b if b < 0 else 2 ** 3 ** 2, a * b + c << 1 & 255 | a ^ b,
            a < b == c, a is not None and b not in [1, 2], -a // 2 * 3 % 7, ~a - -b, a + b if a > b > c or c else a - b,
            a and b or c and not a, (a, b) < (a, c), a if b and c else b if a else c]
