"""W7: many calls of a small private function."""


def _step(s: int, i: int) -> int:
    return s + (i & 7)


def main(n: int) -> int:
    s = 0
    for i in range(n):
        s = _step(s, i)
    return s
