"""W1: a tight arithmetic loop on small ints."""


def main(n: int) -> int:
    s = 0
    for i in range(n):
        s = s + i * 3 % 7
    return s
