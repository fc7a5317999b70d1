"""G2: counting into a dict with `in` checks and get(), then rebuilding it with str keys."""


def main(n: int) -> int:
    counts = {}
    i = 0
    while i < n:
        k = (i * 7919) % 1000
        if k in counts:
            counts[k] = counts[k] + 1
        else:
            counts[k] = 1
        i = i + 1
    names = {}
    for k in counts:
        names["key" + str(k)] = counts[k]
    total = 0
    for name, c in names.items():
        total = total + len(name) * c + names.get("key" + str(c % 1000), 0)
    return total + len(counts)
