"""G5: modular arithmetic: square-and-multiply modpow over a 61-bit prime, gcd, pow(b, e, m)."""

P = 2**61 - 1


def _powmod(b: int, e: int, m: int) -> int:
    r = 1
    b = b % m
    while e > 0:
        if e & 1:
            r = r * b % m
        b = b * b % m
        e = e >> 1
    return r


def _gcd(a: int, b: int) -> int:
    while b:
        a, b = b, a % b
    return a


def main(n: int) -> int:
    acc = 0
    i = 1
    while i <= n:
        acc = (acc + _powmod(i + 2, 65537, P)) % P
        acc = acc + _gcd(i * 12, 360)
        i = i + 1
    return acc + pow(3, n, 1000000007)
