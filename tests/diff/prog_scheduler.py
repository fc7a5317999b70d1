"""Task scheduling with priorities and early returns."""

# args: [("write", 2), ("test", 1), ("deploy", 3), ("review", 1)]
def _order(tasks):
    by_pri = {}
    for name, pri in tasks:
        by_pri.setdefault(pri, []).append(name)
    order = []
    for pri in sorted(by_pri):
        order.extend(sorted(by_pri[pri]))
    return order

# args: [(1, 3), (2, 5), (6, 8), (7, 9)] | [] | [(1, 10), (2, 3)]
def _merge_intervals(ivs):
    ivs = sorted(ivs)
    merged = []
    for start, end in ivs:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged

# args: {"a": ["b", "c"], "b": ["c"], "c": []} | {"x": []} | {"a": ["b"], "b": ["a"]}
def _topo(graph):
    indeg = {n: 0 for n in graph}
    for n, deps in graph.items():
        for d in deps:
            indeg[d] = indeg.get(d, 0) + 1
    ready = [n for n in graph if indeg[n] == 0]
    out = []
    while ready:
        n = ready.pop(0)
        out.append(n)
        for d in graph.get(n, []):
            indeg[d] -= 1
            if indeg[d] == 0:
                ready.append(d)
    if len(out) != len(indeg):
        return None
    return out

# args: [5, 1, 4], 6 | [1, 1, 1], 2 | [], 5
def _fit(jobs, capacity):
    used = 0
    taken = []
    for i, j in enumerate(sorted(jobs, reverse=True)):
        if used + j > capacity:
            continue
        used += j
        taken.append(j)
    return taken, capacity - used

# args: [3, 1, 4, 1, 5, 9, 2, 6], 3
def _k_largest(xs, k):
    return sorted(xs)[-k:][::-1], sorted(xs, reverse=True)[:k]

# args: [1, 2, 3, 4, 5, 6]
def _evens_odds(xs):
    evens, odds = [], []
    for x in xs:
        (evens if x % 2 == 0 else odds).append(x)
    return evens, odds
