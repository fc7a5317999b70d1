"""Differential suite: integer arithmetic, bool as int, big ints, operators."""

# args: 7, 2 | -7, 2 | 7, -2 | -7, -2 | 0, 5 | 5, 0
def _floordiv(a, b):
    return a // b

# args: 7, 2 | -7, 2 | 7, -2 | -7, -2 | 0, 3 | 3, 0 | -1, 10**30
def _mod(a, b):
    return a % b

# args: 2, 10 | -3, 3 | 10, 0 | 0, 0 | 7, 100 | 2, -1 | -1, 12345
def _pow(a, b):
    return a ** b

# args: 1, 3 | 5, 70 | -5, 3 | 0, 100 | 1, -1
def _lshift(a, b):
    return a << b

# args: 1024, 3 | -1024, 3 | -1, 100 | 2**200, 190 | 5, 1000 | 3, -2
def _rshift(a, b):
    return a >> b

# args: 12, 10 | -12, 10 | 2**70 + 5, 2**65 - 1 | -2**80, 12345
def _bitops(a, b):
    return (a & b, a | b, a ^ b, ~a, ~b)

# args: 9007199254740991, 1 | -9007199254740991, -1 | 2**53, 2**53 | 123456789, 987654321
def _safe_edges(a, b):
    return (a + b, a - b, a * b, -a)

# args: 2**255 - 1, 2**255 | 10**40, 3 | -(10**40), 7
def _big_mixed(a, b):
    return (a + b, a * b % 1000000007, a // b, a % b, divmod(a, b))

# args: True, True | True, 5 | False, -3
def _bool_arith(a, b):
    return (a + b, a * b, a - b, -a, ~a, a & b, a | b)

# args: 3, 4, 5 | 1, 1, 1 | 5, 4, 3 | 1, 2, 2
def _chain(a, b, c):
    return (a < b < c, a <= b <= c, a < b > c, a == b == c, a != b != c)

# args: 10, 3 | -10, 3 | 10, -3 | 0, 1
def _divmod_sign(a, b):
    q, r = divmod(a, b)
    return q * b + r == a and (r == 0 or (r > 0) == (b > 0))

# args: 6 | 0 | 1 | 20 | 35
def _factorial(n):
    r = 1
    for i in range(2, n + 1):
        r *= i
    return r

# args: 10 | 1 | 90 | 200
def _fib(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a

# args: 48, 18 | 17, 5 | 0, 9 | 2**100, 2**60 * 3
def _gcd(a, b):
    while b:
        a, b = b, a % b
    return a

# args: 3, 200, 1000000007 | 2, 10, 1000 | 5, -1, 7 | 4, 2, -7 | 0, 0, 5
def _powmod(a, b, m):
    return pow(a, b, m)

# args: 2, 10 | -2, 3 | 3, 0
def _pow2(a, b):
    return pow(a, b)

# args: 12345678901234567890 | -1 | 0 | 2**64
def _abs_neg(a):
    return (abs(a), -a, +a, abs(-a))

# args: 5 | -5 | 0 | 2**100 | -(2**100)
def _bit_length(a):
    return a.bit_length()

# args: 1, 2, 3 | 3, 2, 1 | 2, 2, 2
def _minmax_args(a, b, c):
    return (min(a, b, c), max(a, b, c), min(a, b), max(c, a))

# args: 0 | 1 | -1 | 255 | 2**64 | -(2**64)
def _hex(a):
    return hex(a)

# args: 0 | 7 | -42 | 10**30
def _str_int(a):
    return str(a)

# args: 100, 7 | -100, 7 | 100, -7
def _aug_ops(a, b):
    x = a
    x += b
    x -= 1
    x *= 3
    x //= b
    x %= 1000
    x **= 2
    x <<= 2
    x >>= 1
    x &= 0xFFFF
    x |= 1
    x ^= 5
    return x

# args: 1, 0 | 0, 0 | 5, 7 | 0, 3
def _and_or_values(a, b):
    return (a and b, a or b, not a, a and b or 9, (a or b) and 4)

# args: 3 | -3 | 0
def _ifexp(a):
    return "pos" if a > 0 else ("zero" if a == 0 else "neg")

# args: 10 | 0
def _sum_range(n):
    return sum(range(n)) + sum(range(0, n, 3)) + sum(range(n, 0, -2))

# args: 1, 1 | 1, True | 0, False | 2, 2
def _eq_bool_int(a, b):
    return (a == b, a is b, a != b)

# args: 2**4000, 2 | 2**4095, 1
def _big_edge(a, b):
    return (a * b).bit_length()

# args: 5, 3 | -5, 3 | 5, -3
def _neg_mod_pow(a, b):
    return (a ** 3 % b, (-a) ** 2, (a * -1) // b)

# args: 0 | 1 | 12 | 100
def _collatz_steps(n):
    if n < 1:
        return 0
    steps = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps

# args: 97 | 100 | 2 | 1 | 7919
def _is_prime(n):
    if n < 2:
        return False
    i = 2
    while i * i <= n:
        if n % i == 0:
            return False
        i += 1
    return True

# args: 1, 0 | 10, 2 | -10, 3
def _zerodiv_mix(a, b):
    return a // b + a % b

# args: 2, 5000 | 7, 2000
def _cap_pow(a, b):
    return a ** b

# args: 1, 5000 | 3, 4095
def _cap_shift(a, b):
    return a << b

# args: 12 | 255 | 0
def _int_to_bytes(a):
    return (a.to_bytes(2, "big"), a.to_bytes(2, "little"), a.to_bytes(4, byteorder="big"))

# args: -1 | -128 | 127 | 128 | -129
def _to_bytes_signed(a):
    return a.to_bytes(1, "big", signed=True)

# args: 256 | -1
def _to_bytes_overflow(a):
    return a.to_bytes(1, "big")

# args: b"\x01\x00" | b"\xff\xff" | b"" | b"\x80\x00\x00"
def _from_bytes(b):
    return (int.from_bytes(b, "big"), int.from_bytes(b, "little"), int.from_bytes(b, "big", signed=True), int.from_bytes(b, byteorder="little", signed=True))

# args: 0 | 5 | 2**64 + 7
def _roundtrip_bytes(a):
    n = (a.bit_length() + 7) // 8
    return int.from_bytes(a.to_bytes(n, "big"), "big") == a

# args: 0, 0 | 0, 1 | -1, 0 | -2, 0 | 1, 0 | -128, 1 | 128, 1 | -32768, 2
def _to_bytes_edges(a, n):
    return a.to_bytes(n, "big", signed=True)

# args: -9007199254740991, 6004799503160661 | -9007199254740991, 9007199254740990 | 9007199254740991, -3 | -9007199254740991, 2 | 9007199254740991, -9007199254740990
def _floordiv_safe_edge(a, b):
    return (a // b, a % b, divmod(a, b))
