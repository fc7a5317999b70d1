"""Differential suite: starred assignment targets (first, *rest = xs)."""

# args: [1, 2, 3, 4, 5] | [1, 2] | [7]
def _forms(xs):
    first, *rest = xs
    *init, last = xs
    a, *mid, b = xs if len(xs) >= 2 else xs + xs
    return first, rest, init, last, a, mid, b

# args: "abc" | (1, 2, 3) | b"xy"
def _sources(v):
    h, *t = v
    return h, t

# args: [[1, 2, 3], [4], [5, 6]]
def _in_for(rows):
    out = []
    for head, *tail in rows:
        out.append((head, tail))
    return out

# args: [1] | []
def _too_few(xs):
    a, *b, c = xs
    return a, b, c

# args: 5 | None
def _not_iterable(x):
    a, *b = x
    return a

# args: [1, 2, 3]
def _rest_is_new_list(xs):
    a, *b = xs
    b.append(9)
    return xs, b, isinstance(b, list)
