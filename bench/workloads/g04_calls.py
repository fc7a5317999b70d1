"""G4: helper functions calling helpers, with a default argument."""


def _clamp(x: int, lo: int, hi: int) -> int:
    if x < lo:
        return lo
    if x > hi:
        return hi
    return x


def _mix(a: int, b: int, scale: int = 3) -> int:
    return _clamp(a * scale - b, -1000, 1000)


def main(n: int) -> int:
    acc = 0
    i = 0
    while i < n:
        acc = acc + _mix(i % 100, acc % 50)
        i = i + 1
    return acc
