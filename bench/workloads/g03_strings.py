"""G3: build a text piece by piece, scan it with find(sub, start), then split/replace/join."""


def main(n: int) -> int:
    text = ""
    i = 0
    while i < n:
        text = text + "item" + str(i) + ";"
        i = i + 1
    count = 0
    pos = text.find(";")
    while pos != -1:
        count = count + 1
        pos = text.find(";", pos + 1)
    parts = text.split(";")
    joined = ",".join(parts)
    replaced = joined.replace("item", "it")
    long_ones = 0
    for p in parts:
        if p.startswith("item1"):
            long_ones = long_ones + len(p)
    return count * 1000000 + len(replaced) * 10 + long_ones
