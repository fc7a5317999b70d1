"""More everyday idioms."""

# args: {"b": 2, "a": 1, "c": 3}
def _max_by_value(d):
    return max(d, key=d.get), min(d.items(), key=lambda kv: kv[1])[0], sorted(d, key=d.get, reverse=True)

# args: [1, 2, 3, 4, 5, 6]
def _unpack_star(xs):
    first, *rest = xs
    *init, last = xs
    return first, rest, init, last

# args: [3, 1, 2]
def _zip_star(xs):
    pairs = [(x, x * x) for x in xs]
    a, b = zip(*pairs)
    return list(a), list(b)

def _clean(p):
    return p.strip().upper()

# args: "a,b;c"
def _helper_fn(s):
    return [_clean(p) for p in s.replace(";", ",").split(",")]

# args: 10
def _set_like(n):
    seen = {}
    for i in range(n):
        seen[i % 3] = True
    return sorted(seen)

# args: [1, 2, 2, 3]
def _dict_fromkeys(xs):
    return list(dict.fromkeys(xs)), {x: xs.count(x) for x in xs}

# args: "hello"
def _enumerate_reverse(s):
    return [(i, c) for i, c in reversed(list(enumerate(s)))]

# args: 7
def _chained(n):
    return 0 < n < 10, 1 <= n <= 5, n == 7 == 7, not 3 < n < 5

# args: [1, 2, 3]
def _conditional_list(xs):
    return ["even" if x % 2 == 0 else "odd" for x in xs], [x for x in xs if x > 1 if x < 3]

# args: "a" | ""
def _or_default(s):
    return s or "default", len(s) and s.upper()

# args: [10, 20, 30]
def _sum_start(xs):
    return sum(xs, 100), sum([[1], [2]], []), sum(x * i for i, x in enumerate(xs))

# args: 3
def _string_ops(n):
    return "ab" * n, "-" * 10, "x".join("abc"), "abc"[::-1] * 2, "a" in "abc", "abc".find("z")

# args: [5, 1, 4]
def _sorted_copy_identity(xs):
    ys = sorted(xs)
    xs.sort(reverse=True)
    return xs, ys, xs is ys
