"""Differential suite: live dict views and iterating a dict that the loop body changes (CPython 3.11 table layout: resizes, copy, popitem, clear, update)."""

# args: {"a": 1, "b": 2}
def _live(d):
    k = d.keys()
    v = d.values()
    it = d.items()
    n0 = (len(k), len(v), len(it))
    d["c"] = 3
    n1 = (len(k), len(v), len(it), "c" in k, 3 in v, ("c", 3) in it, ("c", 4) in it, "c" in it, [1] in it)
    del d["a"]
    return (n0, n1, list(k), list(v), list(it), sorted(k), sum(v), bool(k), tuple(it), repr(k), str(v), repr(it))

# args: {"a": 1, "b": 2}
def _eq(d):
    e = {"b": 2, "a": 1}
    return (d.keys() == e.keys(), d.items() == e.items(), d.values() == e.values(), d.keys() == ["a", "b"], d.keys() != e.keys(), d.items() == d.keys(), {}.keys() == {}.keys())

# args: {"a": 1}
def _eq_items_diff(d):
    e = {"a": 2}
    return (d.items() == e.items(), d.keys() == e.keys())

# args: {"a": 1, "b": 2}
def _grow_in_loop(d):
    n = 0
    for k in d:
        d[k + "x"] = 1
        n += 1
    return n

# args: {"a": 1, "b": 2}
def _grow_view_loop(d):
    for k, v in d.items():
        d["z"] = v
    return d

# args: {"a": 1, "b": 2}
def _grow_then_break(d):
    for k in d.keys():
        d["z"] = 1
        break
    return d

# args: {"a": 1, "b": 2}
def _rename(d):
    out = []
    for k in d:
        del d[k]
        d[k + "x"] = 1
        out.append(k)
    return out

# args: {"a": 1, "b": 2, "c": 3}
def _rename3(d):
    out = []
    for k in d:
        del d[k]
        d[k + "x"] = 1
        out.append(k)
    return out

# args: {"a": 1, "b": 2}
def _values_update(d):
    out = []
    for v in d.values():
        d["b"] = 10
        out.append(v)
    return out

# args: {"a": 1, "b": 2}
def _view_index(d):
    return d.keys()[0]

# args: {"a": 1, "b": 2}
def _view_unhashable(d):
    return [1] in d.keys()

# args: {"a": 1, "b": 2}
def _view_comp(d):
    k = d.keys()
    xs = [x for x in k]
    d["q"] = 5
    ys = [(a, b) for a, b in d.items() if b > 1]
    return (xs, ys, [x for x in k], list(enumerate(k)), list(zip(k, d.values())), list(reversed(list(k))), max(d.values()), min(k), "-".join(k))

# args: {"a": 1, "b": 2}
def _pop_in_loop(d):
    for k in d:
        d.pop(k)
    return d

# args: {"a": 1, "b": 2}
def _enum_items(d):
    out = []
    for i, (k, v) in enumerate(d.items()):
        out.append((i, k, v))
    return out

# args: 1 | 3 | 5 | 6 | 10 | 11
def _rename_n(n):
    d = {}
    for i in range(n):
        d[i] = i
    out = []
    for k in d:
        del d[k]
        d[k + 100] = 1
        out.append(k)
        if len(out) > 40:
            break
    return out

# args: 2 | 4 | 7
def _rename_copy(n):
    d = {}
    for i in range(n):
        d[i] = i
    del d[0]
    e = d.copy()
    out = []
    for k in e:
        del e[k]
        e[k + 100] = 1
        out.append(k)
    return out

# args: 3 | 6
def _rename_popitem(n):
    d = {}
    for i in range(n):
        d[i] = i
    out = []
    for k in d:
        d.popitem()
        d[k + 100] = 1
        out.append(k)
    return out

# args: 3 | 6
def _rename_update(n):
    d = {}
    for i in range(n):
        d[i] = i
    out = []
    for k in d:
        del d[k]
        d.update({k + 100: 1})
        out.append(k)
    return out

# args: 3 | 6
def _clear_refill(n):
    d = {}
    for i in range(n):
        d[i] = i
    out = []
    for k in d:
        d.clear()
        for i in range(n):
            d[i + 50] = i
        out.append(k)
    return out

# args: 2 | 5
def _literal(n):
    d = {"a": 1, "b": 2, "c": 3, "d": 4, "e": 5, "f": 6, "g": 7}
    out = []
    for k, v in d.items():
        del d[k]
        d[k * n] = v
        out.append(k)
    return out

# args: 2 | 5
def _values_churn(n):
    d = dict(zip(range(n), range(n)))
    out = []
    for v in d.values():
        d.pop(v)
        d[v + 10] = v
        out.append(v)
    return out

# args: {"a": 1, "b": 2}
def _return_views(d):
    k = d.keys()
    v = d.values()
    it = d.items()
    d["c"] = 3
    del d["a"]
    return (k, v, it, {}.keys())
