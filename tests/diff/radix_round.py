"""Differential suite: bin(), oct(), round() of ints."""

# args: 0 | 5 | -8 | True | False | 255 | -1 | 340282366920938463463374607431768211457 | -340282366920938463463374607431768211457
def _radix(x):
    return (bin(x), oct(x), hex(x), f"{x:b}", int(bin(x), 0), int(oct(x), 0))

# args: "5" | None | [1]
def _radix_bad(x):
    return bin(x)

# args: 0, -1 | 5, -1 | 15, -1 | 25, -1 | -15, -1 | -25, -1 | 1250, -2 | 1350, -2 | -1250, -2 | 149, -2 | 151, -2 | 7, 2 | 7, 0 | 7, None | True, -1 | 5, -100 | -5, -1 | 999999999999999999999999, -3 | 123456789012345678901234567890, -29 | 500000000000000000000000000000, -30 | 1500000000000000000000000000000, -30
def _round(x, n):
    return (round(x, n), round(x), round(x, ndigits=n))

# args: "x", 1 | 5, "a" | None, None
def _round_bad(x, n):
    return round(x, n)
