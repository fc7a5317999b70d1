"""Differential suite: bound methods as key= and map functions (d.get), dict.fromkeys."""

# args: {"b": 2, "a": 1, "c": 3} | {"x": 0}
def _bound_key(d):
    return (max(d, key=d.get), min(d, key=d.get), sorted(d, key=d.get, reverse=True), list(map(d.get, ["a", "z"])))

# args: ["b", "A", "c", "B"]
def _method_key(words):
    prefixes = {"A": 0, "b": 1}
    out = sorted(words, key=lambda w: w.lower())
    words.sort(key=lambda w: prefixes.get(w, 9))
    return out, words

# args: [3, 1, 3, 2, 1] | [] | "hello"
def _fromkeys(xs):
    return (list(dict.fromkeys(xs)), dict.fromkeys(xs, 0), dict.fromkeys(dict.fromkeys(xs), "v"))

# args: 5 | [[1]]
def _fromkeys_bad(x):
    return dict.fromkeys(x)

# args: [1, 2, 3, 4, 5, 6, 7, 8]
def _fromkeys_layout(xs):
    d = dict.fromkeys(dict.fromkeys(xs))
    seen = []
    for k in d:
        seen.append(k)
        if len(seen) == 1:
            del d[k]
            for i in range(4):
                d[-i - 1] = i
                del d[-i - 1]
            d[100] = 0
    return seen
