"""Differential suite: slice assignment and deletion on lists (with and without a step)."""

# args: [1, 2, 3, 4, 5, 6] | [] | [9]
def _assign(xs):
    a = list(xs)
    a[1:3] = [20, 30, 35]
    b = list(xs)
    b[:] = "ab"
    c = list(xs)
    c[-1:] = []
    d = list(xs)
    d[5:1] = [7]
    e = list(xs)
    e[::2] = [0] * len(e[::2])
    f = list(xs)
    f[::-1] = f
    g = list(xs)
    g[len(g):] = (8, 9)
    h = list(xs)
    h[1:] = h
    return a, b, c, d, e, f, g, h

# args: [1, 2, 3, 4, 5, 6, 7] | [] | [1]
def _delete(xs):
    out = []
    for lo, hi, st in ((0, 1, None), (1, -1, None), (None, None, 2), (None, None, -2), (5, 1, -1), (1, None, 3), (None, None, -1), (10, 20, None)):
        ys = list(xs)
        del ys[lo:hi:st]
        out.append(ys)
    return out

# args: [1, 2, 3, 4], [9, 9] | [1, 2, 3, 4], [9]
def _extended_mismatch(xs, ys):
    xs[::2] = ys
    return xs

# args: "abc" | (1, 2) | b"ab" | {"a": 1}
def _not_a_list(x):
    x[0:1] = [1]
    return x

# args: "abc" | (1, 2)
def _del_not_a_list(x):
    del x[0:1]
    return x

# args: [1, 2, 3]
def _assign_non_iterable(xs):
    xs[0:1] = 5
    return xs

# args: [1, 2, 3]
def _step_zero(xs):
    xs[::0] = []
    return xs

# args: [1, 2, 3, 4]
def _alias_sees(xs):
    ys = xs
    ys[1:3] = []
    del ys[:1]
    return xs, ys is xs

# args: [5, 6, 7]
def _order(xs):
    log = []
    def_ = xs
    xs[_log(log, 0):_log(log, 2)] = _log(log, [1])
    return xs, log

def _log(log, v):
    log.append(v)
    return v
