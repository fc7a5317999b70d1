"""Sorting and querying records (tuples and dicts)."""

# args: [("bob", 25, 3), ("alice", 30, 1), ("carol", 25, 2), ("dave", 30, 9)]
def _by_age_then_name(people):
    return sorted(people, key=lambda p: (p[1], p[0]))

# args: [("bob", 25, 3), ("alice", 30, 1), ("carol", 25, 2)]
def _oldest(people):
    name, age, _ = max(people, key=lambda p: p[1])
    return name, age

# args: [{"name": "x", "score": 3}, {"name": "y", "score": 9}, {"name": "z", "score": 5}]
def _ranking(rows):
    rows = sorted(rows, key=lambda r: r["score"], reverse=True)
    return [(i + 1, r["name"]) for i, r in enumerate(rows)]

# args: [("a", 1), ("b", 2), ("c", 3)]
def _unzip(pairs):
    names = [p[0] for p in pairs]
    values = [p[1] for p in pairs]
    return names, values, dict(zip(names, values)), list(zip(values, names))

# args: [5, 3, 8, 1, 9, 2] | [] | [1]
def _stats(xs):
    if not xs:
        return None
    s = sorted(xs)
    n = len(s)
    mid = n // 2
    median = s[mid] if n % 2 else (s[mid - 1] + s[mid]) // 2
    return {"min": s[0], "max": s[-1], "sum": sum(s), "median": median, "range": s[-1] - s[0]}

# args: [3, 1, 2, 3, 1, 4] | [] | [7, 7, 7]
def _dedupe_keep_order(xs):
    seen = {}
    out = []
    for x in xs:
        if x in seen:
            continue
        seen[x] = True
        out.append(x)
    return out

# args: [[1, 2], [3], [], [4, 5, 6]]
def _flatten(xss):
    return [x for xs in xss for x in xs]

# args: [1, 2, 3, 4, 5, 6, 7], 3 | [], 2 | [1, 2], 5
def _chunks(xs, n):
    return [xs[i:i + n] for i in range(0, len(xs), n)]

# args: [("b", 2), ("a", 2), ("c", 1)]
def _sort_in_place(pairs):
    pairs.sort(key=lambda p: p[1])
    first = pairs[0]
    pairs.sort()
    return first, pairs
