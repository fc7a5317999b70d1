"""Differential suite: dict literal layouts (presized by CPython for up to 15 items, built in chunks of 17 past that) seen by loops that change the dict."""

def _probe(d, extra):
    # the first key deleted and one added (same size) after `extra` inserts and deletes: a
    # compaction (no free room left) renumbers the table and the loop skips a key; without
    # one it sees one key too many (RuntimeError); which happens depends on the layout
    seen = []
    for k in d:
        seen.append(k)
        if len(seen) == 1:
            del d[k]
            for i in range(extra):
                d["n" + str(i)] = i
                del d["n" + str(i)]
            d["z"] = 0
    return seen

# args: 1 | 3 | 6 | 12
def _six_with_repeats(extra):
    d = {"a": 1, "b": 2, "a": 3, "c": 4, "b": 5, "d": 6}
    return _probe(d, extra)

# args: 1 | 4 | 9 | 20
def _ten_with_repeats(extra):
    d = {"a": 1, "b": 2, "c": 3, "a": 4, "b": 5, "c": 6, "d": 7, "e": 8, "f": 9, "g": 10}
    return _probe(d, extra)

# args: 1 | 5 | 10 | 16 | 30
def _sixteen(extra):
    d = {"k0": 0, "k1": 1, "k2": 2, "k3": 3, "k4": 4, "k5": 5, "k6": 6, "k7": 7, "k8": 8, "k9": 9, "k10": 10, "k11": 11, "k12": 12, "k13": 13, "k14": 14, "k15": 15}
    return _probe(d, extra)

# args: 1 | 5 | 11 | 20 | 40
def _twenty(extra):
    d = {"k0": 0, "k1": 1, "k2": 2, "k3": 3, "k4": 4, "k5": 5, "k6": 6, "k7": 7, "k8": 8, "k9": 9, "k10": 10, "k11": 11, "k12": 12, "k13": 13, "k14": 14, "k15": 15, "k16": 16, "k17": 17, "k18": 18, "k19": 19}
    return _probe(d, extra)

# args: 1 | 5 | 11 | 20 | 40
def _twenty_repeats(extra):
    d = {"k0": 0, "k1": 1, "k2": 2, "k3": 3, "k0": 4, "k5": 5, "k6": 6, "k7": 7, "k8": 8, "k9": 9, "k10": 10, "k11": 11, "k1": 12, "k13": 13, "k14": 14, "k15": 15, "k16": 16, "k2": 17, "k18": 18, "k19": 19, "k20": 20, "k21": 21}
    return _probe(d, extra)

# args: 1 | 5 | 11 | 20 | 40 | 70
def _forty(extra):
    d = {"a0": 0, "a1": 1, "a2": 2, "a3": 3, "a4": 4, "a5": 5, "a6": 6, "a7": 7, "a8": 8, "a9": 9, "b0": 0, "b1": 1, "b2": 2, "b3": 3, "b4": 4, "b5": 5, "b6": 6, "b7": 7, "b8": 8, "b9": 9, "c0": 0, "c1": 1, "c2": 2, "c3": 3, "c4": 4, "c5": 5, "c6": 6, "c7": 7, "c8": 8, "c9": 9, "d0": 0, "d1": 1, "d2": 2, "d3": 3, "d4": 4, "d5": 5, "d6": 6, "d7": 7, "d8": 8, "d9": 9}
    return _probe(d, extra)

# args: 0 | 1
def _error_order_small(z):
    return {"a": 1, [z]: 2, "c": 1 // z}

# args: 0 | 1
def _error_order_big(z):
    return {"k0": 0, [z]: 1, "k2": 2, "k3": 3, "k4": 4, "k5": 5, "k6": 6, "k7": 7, "k8": 8, "k9": 9, "k10": 10, "k11": 11, "k12": 12, "k13": 13, "k14": 14, "k15": 15, "k16": 1 // z}

# args: 0 | 1
def _error_order_bigger(z):
    return {"k0": 0, "k1": 1, "k2": 2, "k3": 3, "k4": 4, "k5": 5, "k6": 6, "k7": 7, "k8": 8, "k9": 9, "k10": 10, "k11": 11, "k12": 12, "k13": 13, "k14": 14, "k15": 15, "k16": 16, "k17": 1, (z, [z]): 1, "k19": 1 // z}

# args: 0 | 1
def _error_order_sixteen(z):
    return {"k0": 0, "k1": 1, "k2": 2, "k3": 3, "k4": 4, "k5": 5, "k6": 6, "k7": 7, "k8": 8, "k9": 9, "k10": 10, "k11": 11, "k12": 12, "k13": 13, "k14": {z: [z]}, (z, z): 15 // z}

# args: 0 | 1
def _error_order_last_run(z):
    return {"k0": 0, "k1": 1, "k2": 2, "k3": 3, "k4": 4, "k5": 5, "k6": 6, "k7": 7, "k8": 8, "k9": 9, "k10": 10, "k11": 11, "k12": 12, "k13": 13, "k14": 14, "k15": 15, "k16": 16, "x": 1, [z]: 2, "y": 1 // z}
