"""G1: a while loop with a counter `i = i + 1` and a branch, as most loops are written."""


def main(n: int) -> int:
    i = 0
    total = 0
    while i < n:
        if i % 3 == 0:
            total = total + i
        else:
            total = total - 1
        i = i + 1
    return total
