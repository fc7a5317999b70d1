"""W6: build lists with append and iterate them, n elements in all.

One list of n would pass the 65,536-item list cap (limits.max_container_len), so the work is done in
rounds of 50,000 items.
"""

CHUNK = 50_000


def main(n: int) -> int:
    s = 0
    done = 0
    while done < n:
        xs = []
        for i in range(min(CHUNK, n - done)):
            xs.append(i)
        for x in xs:
            s = s + x
        done = done + len(xs)
    return s
