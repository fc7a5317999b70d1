"""Differential suite: lists, tuples and dicts, their methods, indexing and slicing."""

# args: [1, 2, 3], 0 | [1, 2, 3], -1 | [1, 2, 3], 3 | [], 0 | [1], -2
def _list_index(xs, i):
    return xs[i]

# args: [1, 2, 3], "a"
def _list_index_str(xs, i):
    return xs[i]

# args: [1, 2, 3, 4, 5], 1, 3 | [1, 2], -5, 5 | [1, 2, 3], 2, 1
def _list_slice(xs, lo, hi):
    return (xs[lo:hi], xs[lo:], xs[:hi], xs[-2:])

# args: [1, 2, 3], 1, 9 | [1], 5, 0 | [1], -1, 7 | [1], -2, 7
def _list_setitem(xs, i, v):
    xs[i] = v
    return xs

# args: [1, 2], [3] | [], []
def _list_concat(a, b):
    return (a + b, a * 2, b * 0, [0] * 3)

# args: [1], "ab" | [1], b"xy" | [], (5, 6) | [0], {"k": 1} | [2], "" | [1], 7 | [1], None
def _list_iadd_iterable(xs, other):
    xs += other
    return xs

# args: [1, 2, 3]
def _list_methods(xs):
    xs.append(4)
    xs.insert(0, 0)
    xs.insert(-1, 9)
    xs.insert(100, 7)
    xs.insert(-100, -7)
    xs.extend([5, 6])
    xs.extend((8,))
    xs.extend("ab")
    p = xs.pop()
    q = xs.pop(0)
    r = xs.pop(-2)
    return (xs, p, q, r, xs.index(9), xs.index(5, 2))

# args: [] | [1]
def _pop_empty(xs):
    xs.pop()
    return xs.pop()

# args: [1, 2], 5 | [1, 2], -3
def _pop_range(xs, i):
    return xs.pop(i)

# args: [1, 2, 3], 7 | (1, 2), 3
def _index_missing(xs, v):
    return xs.index(v)

# args: (1, 2, 3, 2), 2
def _tuple_index(t, v):
    return (t.index(v), t.index(v, 2), t[1:3], t + (4,))

# args: (1, 2), 0, 5
def _tuple_setitem(t, i, v):
    t[i] = v
    return t

# args: {"a": 1, "b": 2}
def _dict_methods(d):
    g1 = d.get("a")
    g2 = d.get("z")
    g3 = d.get("z", 0)
    s1 = d.setdefault("a", 99)
    s2 = d.setdefault("c", 3)
    s3 = d.setdefault("e")
    p1 = d.pop("b")
    p2 = d.pop("zz", -1)
    return (g1, g2, g3, s1, s2, s3, p1, p2, list(d.keys()), list(d.values()), list(d.items()), d)

# args: {"a": 1}, "q"
def _dict_pop_missing(d, k):
    return d.pop(k)

# args: {"a": 1}, "b" | {1: "x"}, 1 | {1: "x"}, True
def _dict_getitem(d, k):
    return d[k]

# args: {}
def _dict_order(d):
    d["z"] = 1
    d["a"] = 2
    d["m"] = 3
    d["z"] = 4
    del d["a"]
    d["a"] = 5
    return (d, list(d), len(d))

# args: {"a": 1}, {"a": 1} | {"a": 1}, {"a": 2} | {"a": 1, "b": 2}, {"b": 2, "a": 1}
def _dict_eq(a, b):
    return (a == b, a != b)

# args: [1, [2, 3]], [1, [2, 3]] | [1, (2,)], [1, [2]]
def _nested_eq(a, b):
    return a == b

# args: [[1, 2], [3, 4]]
def _matrix(m):
    t = [[m[j][i] for j in range(len(m))] for i in range(len(m[0]))]
    t[0][0] = 100
    return (m, t)

# args: [5, 3, 8, 1]
def _bubble_sort(xs):
    n = len(xs)
    for i in range(n):
        for j in range(n - 1 - i):
            if xs[j] > xs[j + 1]:
                xs[j], xs[j + 1] = xs[j + 1], xs[j]
    return xs

# args: ["a", "b", "a", "c", "b", "a"]
def _count_words(ws):
    counts = {}
    for w in ws:
        counts[w] = counts.get(w, 0) + 1
    return counts

# args: [3, 1, 2]
def _augassign_subscript(xs):
    xs[0] += 10
    xs[-1] *= 3
    d = {"k": [1]}
    d["k"] += [2]
    d["n"] = 0
    d["n"] -= 5
    return (xs, d)

# args: [[1], [2]]
def _list_of_lists_alias(xs):
    ys = xs[0]
    ys.append(9)
    return xs

# args: [1, 2, 3]
def _list_repeat_alias(xs):
    grid = [xs] * 2
    grid[0].append(4)
    return grid

# args: [1, 2, 3], 1 | [], 0
def _in_tuple_list(xs, v):
    return (v in tuple(xs), (v, v) in [(1, 1), (2, 2)], [v] in [[1], [3]])

# args: [4, 5, 6]
def _enumerate_dict(xs):
    return dict(enumerate(xs))

# args: {"b": 2, "a": 1}
def _sorted_dict(d):
    return (sorted(d), sorted(d.items()), sorted(d.values(), reverse=True))

# args: [1, 2, 3, 4]
def _pairs_sum(xs):
    return [a + b for a, b in zip(xs, xs[1:])]

# args: [(1, "a"), (2, "b")]
def _unzip(ps):
    nums = [p[0] for p in ps]
    strs = [p[1] for p in ps]
    return (nums, strs, list(zip(nums, strs)) == ps)

# args: [1, 2, 3], 5
def _list_mul_neg(xs, n):
    return (xs * -n, xs * n)

# args: [0, 1, 2, 3]
def _del_loop(xs):
    i = 0
    while i < len(xs):
        if xs[i] % 2 == 0:
            del xs[i]
        else:
            i += 1
    return xs

# args: [1, 2], 5
def _del_out_of_range(xs, i):
    del xs[i]
    return xs

# args: {"a": [1, 2]}
def _dict_nested_update(d):
    d["a"].append(3)
    d["b"] = d["a"]
    d["b"].append(4)
    return d

# args: 5
def _build_dict(n):
    d = {}
    for i in range(n):
        d[i * i] = str(i)
    return (d, d[16], 3 in d, 4 in d)

# args: (1, 2, 3)
def _tuple_in_dict_key(t):
    d = {t: 1, (1, 2): 2}
    return (d[t], d[(1, 2)], (1, 2, 3) in d)

# args: [b"b", b"a", b"c"]
def _sorted_bytes(xs):
    return sorted(xs)

# args: [1, 2, 3]
def _list_pop_loop(xs):
    out = []
    while xs:
        out.append(xs.pop())
    return (out, xs)

# args: {"x": 1}
def _dict_bool(d):
    e = {}
    return (bool(d), bool(e), not d, len(e) == 0)

# args: [3, 1, 2]
def _sorted_copy(xs):
    ys = sorted(xs)
    ys.append(0)
    return (xs, ys)

# args: [1, 2, 3, 4, 5, 6]
def _chunked(xs):
    return [xs[i:i + 4] for i in range(0, len(xs), 4)]

# args: [10, 20, 30], 1
def _neg_index_loop(xs, k):
    return [xs[-i] for i in range(1, len(xs) + 1) if i != k]

# args: [1, 2]
def _list_eq_tuple(xs):
    return (xs == [1, 2], xs == (1, 2), tuple(xs) == (1, 2))

# args: {"a": 1}
def _dict_keys_list_mut(d):
    ks = d.keys()
    d["b"] = 2
    return (d, len(d))
