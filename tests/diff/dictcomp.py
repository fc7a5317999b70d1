"""Differential suite: dict comprehensions (key before value, later keys win, nested loops)."""

# args: {"a": 1, "b": 0, "c": 3} | {}
def _filter_map(d):
    return {k: v * 2 for k, v in d.items() if v}

# args: [3, 1, 3, 2]
def _positions(xs):
    return ({x: i for i, x in enumerate(xs)}, {i: x for i, x in enumerate(xs) if x > 1}, {x % 2: x for x in xs})

# args: [1, 2], ["a", "b"]
def _nested(xs, ys):
    return {(x, y): str(x) + y for x in xs for y in ys if x != 2 or y != "a"}

# args: [1, 2, 3]
def _order(xs):
    log = []
    d = {_log(log, "k" + str(x)): _log(log, x) for x in xs}
    return d, log

def _log(log, v):
    log.append(v)
    return v

# args: [[1], [2]]
def _unhashable(xs):
    return {x: 1 for x in xs}

# args: [1, 2, 3]
def _scope(xs):
    x = 100
    d = {x: x * x for x in xs}
    return d, x, len({k: 0 for k in "hello"})

# args: {"a": 1}
def _live(d):
    v = d.keys()
    e = {k: 1 for k in v}
    d["z"] = 2
    return e, list(v), {k: k for k in []}
