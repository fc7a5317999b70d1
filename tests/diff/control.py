"""Differential suite: statements, loops, comprehensions, unpacking, short-circuit, helpers."""

def _helper_add(a, b=10, *, scale=1):
    return (a + b) * scale

# args: 1 | 5
def _defaults(a):
    return (_helper_add(a), _helper_add(a, 2), _helper_add(a, b=3), _helper_add(a, scale=2), _helper_add(b=1, a=a))

# args: [1, 2, 3, 4, 5, 6] | [] | [7]
def _loop_break_continue(xs):
    total = 0
    for x in xs:
        if x == 2:
            continue
        if x == 5:
            break
        total += x
    return total

# args: 10 | 0 | 3
def _while_else_free(n):
    i = 0
    out = []
    while i < n:
        i += 1
        if i % 3 == 0:
            continue
        out.append(i)
        if len(out) > 4:
            break
    return out

# args: [1, 2, 3, 4, 5] | [] | [-1, 0, 1]
def _listcomp(xs):
    return [x * x for x in xs if x % 2 == 1]

# args: [1, 2, 3], [10, 20] | [], [1]
def _listcomp_nested(xs, ys):
    return [x + y for x in xs for y in ys if x != y]

# args: [(1, 2), (3, 4)] | []
def _comp_unpack(ps):
    return [a * b for a, b in ps]

# args: 3
def _comp_scope(n):
    x = 100
    ys = [x for x in range(n)]
    return (x, ys)

# args: (1, 2, 3) | [4, 5, 6]
def _unpack3(t):
    a, b, c = t
    return c * 100 + b * 10 + a

# args: (1, 2) | (1, 2, 3) | (1,)
def _unpack_err(t):
    a, b = t
    return a + b

# args: 1, 2
def _swap(a, b):
    a, b = b, a
    return (a, b)

# args: [[1, 2], [3, 4]]
def _nested_unpack(xs):
    out = 0
    for i, (a, b) in enumerate(xs):
        out += i * a + b
    return out

# args: 5
def _multi_assign(n):
    a = b = n
    a += 1
    return (a, b)

# args: [1, 2, 3]
def _list_alias(xs):
    ys = xs
    ys.append(4)
    zs = xs
    zs += [5]
    return (xs, ys is xs)

# args: [1, 2, 3]
def _list_copy(xs):
    ys = xs[:]
    ys.append(9)
    return (xs, ys)

# args: 0 | 1 | 2 | 3 | 4
def _elif(n):
    if n == 0:
        return "zero"
    elif n == 1:
        return "one"
    elif n == 2:
        return "two"
    else:
        if n > 3:
            return "big"
    return "three"

# args: 5 | -5
def _assert_ok(n):
    assert n > 0, "must be positive"
    return n

# args: 5 | 0
def _assert_plain(n):
    assert n
    return n

# args: None | 0 | b""
def _is_none(x):
    return (x is None, x is not None, x == None)

# args: [1, 2, 3], 2 | [1, 2, 3], 5 | [], 0
def _in_list(xs, v):
    return (v in xs, v not in xs)

# args: {"a": 1, "b": 2}, "a" | {"a": 1}, "z"
def _in_dict(d, k):
    return (k in d, k not in d)

# args: 0, 0 | 1, 0 | 0, 1
def _short_circuit(a, b):
    r = []
    if a != 0 and 10 // a > 1:
        r.append(1)
    if b == 0 or 10 // b > 1:
        r.append(2)
    return r

# args: 0 | 2
def _ifexp_lazy(a):
    return 10 // a if a else -1

# args: 5
def _nested_loops(n):
    out = []
    for i in range(n):
        for j in range(i):
            if (i + j) % 3 == 0:
                break
            out.append((i, j))
    return out

# args: 4
def _range_forms(n):
    return (list(range(n)), list(range(1, n)), list(range(n, 0, -1)), list(range(0, 10, n)), list(range(5, 5)))

# args: 0 | 3
def _range_step_zero(s):
    return list(range(0, 10, s))

# args: [3, 1, 2]
def _for_sorted(xs):
    out = []
    for x in sorted(xs):
        out.append(x)
    for x in sorted(xs, reverse=True):
        out.append(-x)
    for x in reversed(xs):
        out.append(x * 10)
    return out

# args: {"x": 1, "y": 2}
def _for_dict(d):
    out = []
    for k in d:
        out.append(k)
    for v in d.values():
        out.append(str(v))
    for k, v in d.items():
        out.append(k + str(v))
    for k in d.keys():
        out.append(k * 2)
    return out

# args: [1, 2], ["a", "b", "c"]
def _for_zip(xs, ys):
    out = []
    for x, y in zip(xs, ys):
        out.append((x, y))
    return out

# args: b"abc"
def _for_bytes(b):
    return [x + 1 for x in b]

# args: "héllo"
def _for_str(s):
    return [c for c in s if c != "l"]

# args: 3
def _while_true(n):
    i = 0
    while True:
        i += 1
        if i >= n:
            break
    return i

# args: {"a": 1}
def _dict_mutation_iter(d):
    for k in d:
        d[k + "x"] = 1
    return d

# args: [1, 2, 3]
def _list_grow_iter(xs):
    for x in xs:
        if x < 5:
            xs.append(x + 3)
    return xs

def _inner(x):
    return x * 2

def _middle(x):
    return _inner(x) + _inner(x + 1)

# args: 3 | -4
def _call_chain(x):
    return _middle(x) + _middle(_inner(x))

# args: 5
def _no_return(n):
    x = n

# args: 1, 2, 3
def _tuple_build(a, b, c):
    t = (a, b, c)
    u = (a,)
    return (t + u, t * 2, len(t), t[1:], t[-1])

# args: 7
def _del_item(n):
    d = {"a": 1, "b": 2, "c": n}
    del d["b"]
    xs = [1, 2, 3, 4]
    del xs[1]
    del xs[-1]
    return (d, xs)

# args: "z"
def _del_missing(k):
    d = {"a": 1}
    del d[k]
    return d

# args: 10
def _local_reuse(n):
    total = 0
    for i in range(n):
        sq = i * i
        total += sq
    return (total, sq, i)

# args: 2, 3 | 3, 3
def _cmp_mixed(a, b):
    return [a < b, a <= b, a > b, a >= b, a == b, a != b]

# args: "abc", "abd" | "b", "abc" | "", "a"
def _str_cmp(a, b):
    return (a < b, a > b, a == b, max(a, b), min(a, b))

# args: b"ab", b"abc" | b"\xff", b"\x00"
def _bytes_cmp(a, b):
    return (a < b, a >= b, sorted([b, a]))

# args: [1, 2], [1, 3] | [2], [1, 9, 9] | [], []
def _list_cmp(a, b):
    return (a < b, a == b, a > b)

# args: (1, "a"), (1, "b") | (2,), (1, 5)
def _tuple_cmp(a, b):
    return (a < b, a == b, max(a, b))
