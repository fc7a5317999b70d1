"""Differential suite: CPython 3.11 table sizes on resize (calculate_log2_keysize: 6 gives 16), seen by loops that delete and insert."""

# args: [20, -18] | [1, 2, 3] | [5]
def _f(xs):
    d = dict(zip(xs, range(len(xs))))
    seen = []
    for k1 in d:
        seen.append(k1)
        del d[k1]
        for i in range(9):
            d[-1 - i] = i
            del d[-1 - i]
        d[k1 + 50] = 0
    return seen

# args: [20, -18] | [1, 2, 3] | [5]
def _g(xs):
    d = {}
    for i, x in enumerate(xs):
        d[x] = i
    seen = []
    for k1 in d:
        seen.append(k1)
        del d[k1]
        for i in range(9):
            d[-1 - i] = i
            del d[-1 - i]
        d[k1 + 50] = 0
    return seen

# args: [20, -18] | [1, 2, 3] | [5]
def _h(xs):
    d = {}
    for i, x in enumerate(xs):
        d[x] = i
    seen = []
    for k1 in d:
        seen.append(k1)
        del d[k1]
        for i in range(2):
            d[-1 - i] = i
            del d[-1 - i]
        d[k1 + 50] = 0
    return seen
