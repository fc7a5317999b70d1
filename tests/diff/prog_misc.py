"""Assorted everyday idioms."""

# args: [1, 2, 3, 4] | []
def _squares(xs):
    return list(map(lambda x: x * x, xs)), list(filter(lambda x: x % 2 == 0, xs))

# args: ["3", "1", "2"]
def _to_ints(xs):
    return sorted(map(int, xs)), sum(map(int, xs))

# args: [0, 1, "", "a", None, [], [0]]
def _truthy(xs):
    return list(filter(None, xs))

# args: 7 | -7 | 0
def _sign_abs(x):
    sign = (x > 0) - (x < 0)
    return sign, abs(x), divmod(x, 3), x // 3, x % 3, -x // 2

# args: 2, 10 | 3, 0 | 10, 3
def _powers(b, n):
    return [b ** i for i in range(n)], pow(b, n, 7), min(b, n), max(b, n, 5)

# args: [1, 5, 3] | [2]
def _min_max_default(xs):
    return min(xs, default=None), max([], default=-1), min(xs), max(xs)

# args: "abc"
def _enumerate_start(s):
    return [(i, c) for i, c in enumerate(s, 1)], list(enumerate(s, start=10))

# args: [1, 2, 3]
def _any_all(xs):
    return any(x > 2 for x in xs), all(x > 0 for x in xs), any([]), all([])

# args: 3
def _nested_comp(n):
    return [[i * j for j in range(n)] for i in range(n)], {i: [j for j in range(i)] for i in range(n)}

# args: [4, 2, 7] | [1]
def _swap_ends(xs):
    xs[0], xs[-1] = xs[-1], xs[0]
    return xs

# args: 10
def _while_else(n):
    i = 0
    total = 0
    while True:
        i += 1
        if i % 2:
            continue
        total += i
        if i >= n:
            break
    return total

# args: [1, 2, 3] | []
def _iter_next(xs):
    return next(iter(xs), None)

# args: [3, 1, 2]
def _reversed_sorted(xs):
    return list(reversed(sorted(xs))), sorted(xs)[::-1]

# args: ["b", "a", "c"]
def _str_join_enum(names):
    return "\n".join(f"{i}. {n}" for i, n in enumerate(sorted(names), 1))

# args: 5 | 0
def _countdown(n):
    out = []
    while n > 0:
        out.append(n)
        n -= 1
    else:
        out.append("liftoff")
    return out

# args: [1, 2, 3, 4, 5]
def _slices(xs):
    return xs[::2], xs[1::2], xs[-2:], xs[:-2], xs[::-1][:2]

# args: {"a": 1, "b": 2}
def _reversed_dict(d):
    return list(reversed(d)), list(reversed(d.items()))
