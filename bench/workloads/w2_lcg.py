"""W2: a 256-bit linear congruential generator (big-int multiply, add, modulo)."""


def main(n: int) -> int:
    x = 1
    for i in range(n):
        x = (x * 6364136223846793005 + 1442695040888963407) % 2**256
    return x
