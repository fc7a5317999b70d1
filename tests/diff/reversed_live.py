"""Differential suite: for over reversed() of dicts, views, lists, tuples, str and bytes while the body changes them."""

# args: {"a": 1, "b": 2, "c": 3} | {} | {"x": 0}
def _plain(d):
    return ([k for k in reversed(d)], [v for v in reversed(d.values())], [kv for kv in reversed(d.items())], list(reversed(d)))

# args: {"a": 1, "b": 2, "c": 3}
def _grow(d):
    out = []
    for k in reversed(d):
        out.append(k)
        d[k + "!"] = 0
    return out

# args: {"a": 1, "b": 2, "c": 3}
def _shrink(d):
    out = []
    for k in reversed(d):
        out.append(k)
        del d["a"]
    return out

# args: {"a": 1, "b": 2, "c": 3}
def _grow_then_break(d):
    out = []
    for k in reversed(d):
        out.append(k)
        d["z"] = 9
        break
    return out, d

# args: {"a": 1, "b": 2, "c": 3, "d": 4}
def _swap_same_size(d):
    out = []
    for k in reversed(d):
        out.append(k)
        if k == "d":
            del d["b"]
            d["e"] = 5
    return out, list(d)

# args: {"a": 1, "b": 2, "c": 3}
def _readd_same_key(d):
    out = []
    for k in reversed(d):
        out.append(k)
        if k == "c":
            v = d.pop("b")
            d["b"] = v
    return out

# args: {"a": 1, "b": 2, "c": 3}
def _values_change(d):
    out = []
    for k, v in reversed(d.items()):
        out.append((k, v))
        d["a"] = d["a"] + 10
    return out

# args: {"a": 1, "b": 2, "c": 3}
def _clear_refill(d):
    out = []
    for k in reversed(d):
        out.append(k)
        if k == "c":
            d.clear()
            d["x"] = 1
            d["y"] = 2
            d["z"] = 3
    return out

# args: {"a": 1, "b": 2, "c": 3, "d": 4, "e": 5}
def _compaction(d):
    out = []
    for k in reversed(d):
        out.append(k)
        if len(out) == 1:
            for i in range(8):
                d["t" + str(i)] = i
                del d["t" + str(i)]
    return out, list(d)

# args: [1, 2, 3, 4] | []
def _list_pop(xs):
    out = []
    for x in reversed(xs):
        out.append(x)
        if xs:
            xs.pop()
    return out

# args: (1, 2, 3) | "héllo" | b"abc"
def _seq(t):
    out = []
    for x in reversed(t):
        out.append(x)
        if len(out) > 10:
            break
    else:
        out.append("end")
    return out

# args: 5 | None
def _not_reversible(x):
    for y in reversed(x):
        return y
    return 0
