"""Differential suite: map(), filter(), next() where their items are consumed at once (lazily)."""

def _double(x):
    return x * 2

def _add(a, b):
    return a + b

# args: [1, 2, 3, 4] | []
def _map_forms(xs):
    return (list(map(lambda x: x * x, xs)), list(map(_double, xs)), list(map(str, xs)), tuple(map(abs, xs)), sorted(map(lambda x: -x, xs)), sum(map(_double, xs)), ",".join(map(str, xs)))

# args: [1, 2, 3], [10, 20] | [], [1]
def _map_many(xs, ys):
    return (list(map(_add, xs, ys)), list(map(lambda a, b: a * b, xs, ys)), list(map(min, xs, ys)))

# args: [0, 1, "", "a", None, [], [0]] | []
def _filter_forms(xs):
    return (list(filter(None, xs)), list(filter(lambda x: x != 1, xs)), len(list(filter(bool, xs))))

# args: [5, -3, 8, 0] | []
def _for_over(xs):
    out = []
    for y in map(lambda x: x + 1, xs):
        if y == 1:
            continue
        out.append(y)
    for z in filter(lambda x: x > 0, xs):
        out.append(("pos", z))
        if z > 6:
            break
    return out

# args: [1, 2, 3, 4, 5, 6]
def _comprehension_over(xs):
    return ([y * 10 for y in map(_double, xs) if y > 4], {k: v for k, v in map(lambda x: (x, x * x), xs)}, [a + b for a in filter(lambda v: v % 2, xs) for b in map(lambda v: v * 100, xs[:2])])

# args: "1.2.3" | "10.0.7"
def _unpack(v):
    major, minor, patch = map(int, v.split("."))
    return major * 10000 + minor * 100 + patch

# args: "1.2" | "1.2.3.4"
def _unpack_wrong(v):
    a, b, c = map(int, v.split("."))
    return a

# args: [3, -1, 4, -5] | [] | [-2]
def _next_forms(xs):
    return (next((x for x in xs if x < 0), None), next(iter(xs), "empty"), next(filter(lambda x: x > 3, xs), 0), next(map(_double, xs), -1))

# args: [1, 2, 3]
def _lazy_any(xs):
    seen = []
    def_ = any(map(lambda x: seen.append(x) or x >= 2, xs))
    return def_, seen

# args: [1, 2, 0, 4]
def _lazy_stop(xs):
    hits = []
    first = next(map(lambda x: hits.append(x) or 10 // x, filter(lambda x: x > 1, xs)), None)
    return first, hits

# args: [1, 2, 0]
def _error_in_map(xs):
    return list(map(lambda x: 10 // x, xs))

# args: [1, 2, 3]
def _live(xs):
    out = []
    for x in map(lambda v: v * 2, xs):
        out.append(x)
        if len(xs) < 5:
            xs.append(len(xs))
    return out, xs

# args: [[1, 2], [3]] | []
def _nested(xss):
    return list(map(len, xss)), list(map(sum, xss)), max(map(len, xss), default=0), min(map(lambda r: -len(r), xss), default=None)

# args: [3, 1, 2]
def _chain(xs):
    return list(map(lambda x: x + 1, filter(lambda x: x != 1, map(lambda x: x * 3, xs))))

# args: [-1, -1] | [20] | []
def _live_many(xs):
    a = 0
    for e in map(lambda v, w: v + w, xs, reversed(xs)):
        a += e
        if len(xs) < 9:
            xs.append(e % 5)
        if xs:
            a = xs.pop(0)
    return a, xs

# args: [1, 2, 3] | []
def _zip_reversed_live(xs):
    out = []
    for a, b in zip(xs, reversed(xs)):
        out.append((a, b))
        if len(xs) < 6:
            xs.append(a * 10)
        if len(xs) > 1:
            xs.pop(0)
    for i, v in enumerate(reversed(xs)):
        out.append((i, v))
        if xs and i == 0:
            xs.pop()
    return out, [v * 2 for v in reversed(xs)]
