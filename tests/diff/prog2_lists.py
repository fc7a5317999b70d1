"""List manipulation idioms."""

# args: [1, 2, 3, 4, 5, 6]
def _slice_assign(xs):
    xs[1:3] = [20, 30, 35]
    xs[-1:] = []
    del xs[0:1]
    return xs

# args: [3, 1, 2]
def _copy_ops(xs):
    ys = xs[:]
    ys.sort()
    zs = list(xs)
    zs.append(9)
    return xs, ys, zs, xs.index(2), xs.count(3)

# args: [1, 2, 3, 4, 5, 6, 7, 8], 3
def _rotate(xs, k):
    k %= len(xs)
    return xs[-k:] + xs[:-k], xs[k:] + xs[:k]

# args: [1, 1, 2, 3, 3, 3, 1] | []
def _groups(xs):
    out = []
    for x in xs:
        if out and out[-1][0] == x:
            out[-1][1] += 1
        else:
            out.append([x, 1])
    return out

# args: [4, 1, 3], [2, 5] | [], [1]
def _merge_sorted(a, b):
    a, b = sorted(a), sorted(b)
    i = j = 0
    out = []
    while i < len(a) and j < len(b):
        if a[i] <= b[j]:
            out.append(a[i])
            i += 1
        else:
            out.append(b[j])
            j += 1
    out.extend(a[i:])
    out.extend(b[j:])
    return out

# args: [1, 2, 3, 4]
def _pairs(xs):
    return [(x, y) for i, x in enumerate(xs) for y in xs[i + 1:]], list(zip(xs, xs[1:])), list(zip(xs[::2], xs[1::2]))

# args: [[3, "c"], [1, "a"], [2, "b"]]
def _sort_nested(rows):
    rows.sort()
    names = [r[1] for r in rows]
    rows.reverse()
    return rows, names, max(rows), min(rows, key=lambda r: r[1])

# args: 5
def _matrix(n):
    m = [[0] * n for _ in range(n)]
    for i in range(n):
        m[i][i] = 1
        m[i][n - 1 - i] += 2
    return m, [sum(row) for row in m], [sum(m[i][j] for i in range(n)) for j in range(n)]

# args: [5, 3, 9]
def _insert_sorted(xs):
    out = []
    for x in xs:
        i = 0
        while i < len(out) and out[i] < x:
            i += 1
        out.insert(i, x)
    return out, out.pop(0), out.pop(), out
