"""Inventory with dict-of-lists and nested dicts."""

# args: [("apple", 3), ("pear", 2), ("apple", 5), ("fig", 0)]
def _restock(events):
    stock = {}
    log = []
    for item, qty in events:
        stock.setdefault(item, []).append(qty)
        log.append(f"{item}:{qty}")
    totals = {item: sum(q) for item, q in stock.items()}
    empty = [k for k, v in totals.items() if v == 0]
    return totals, empty, ", ".join(log)

# args: {"apple": {"price": 3, "qty": 10}, "pear": {"price": 5, "qty": 0}}
def _value(inv):
    total = 0
    for name, info in inv.items():
        total += info["price"] * info["qty"]
    in_stock = sorted(name for name, info in inv.items() if info["qty"] > 0)
    return total, in_stock

# args: {"a": 1, "b": 2}, {"b": 3, "c": 4}
def _merge(a, b):
    merged = a.copy()
    for k, v in b.items():
        merged[k] = merged.get(k, 0) + v
    both = [k for k in a if k in b]
    only_a = [k for k in a.keys() if k not in b]
    return merged, both, only_a

# args: {"x": 3, "y": 1, "z": 2}
def _sort_dict(d):
    by_val = dict(sorted(d.items(), key=lambda kv: kv[1]))
    by_key = {k: d[k] for k in sorted(d)}
    return list(by_val), by_key, max(d, key=lambda k: d[k])

# args: {"a": 1, "b": 2, "c": 3}
def _remove_odd(d):
    for k in list(d.keys()):
        if d[k] % 2:
            del d[k]
    return d

# args: {"a": [1, 2], "b": [], "c": [3]}
def _pop_all(d):
    out = []
    while d:
        k, v = d.popitem()
        out.append((k, len(v)))
    return out

# args: [("a", 1), ("b", 2), ("a", 3)]
def _invert(pairs):
    inv = {}
    for k, v in pairs:
        inv[v] = k
    counts = {}
    for k, _ in pairs:
        counts[k] = counts.get(k, 0) + 1
    return inv, counts, {v: k for k, v in counts.items()}
