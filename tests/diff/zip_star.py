"""Differential suite: zip(*rows), the one star argument."""

# args: [(1, "a"), (2, "b"), (3, "c")] | [] | [[1, 2, 3], [4, 5]]
def _unzip(pairs):
    cols = list(zip(*pairs))
    out = []
    for a, *rest in zip(*pairs):
        out.append((a, rest))
    return cols, out, [list(c) for c in zip(*pairs)]

# args: [[1, 2], [3, 4], [5, 6]]
def _transpose(m):
    t = [list(r) for r in zip(*m)]
    a, b = zip(*m)
    return t, a, b

# args: ["ab", "cd"] | 5 | [1, 2]
def _bad(rows):
    return list(zip(*rows))
