"""G9: builtins over lists: sum, min, max, abs, enumerate, zip, any/all, a generator in sum()."""


def main(n: int) -> int:
    result = 0
    done = 0
    while done < n:
        size = min(10000, n - done)
        xs = [(i * 7919) % 1000 - 500 for i in range(size)]
        ys = [abs(x) for x in xs]
        total = sum(xs) + sum(ys)
        lo = min(xs)
        hi = max(ys)
        dot = 0
        for a, b in zip(xs, ys):
            dot = dot + a * b
        best = 0
        for i, x in enumerate(xs):
            if x > best:
                best = x + i % 3
        squares = sum(x * x for x in xs)
        flags = int(any(x == 499 for x in xs)) + int(all(y >= 0 for y in ys))
        result = result + total + lo + hi + dot + best + squares + flags
        done = done + size
    return result
