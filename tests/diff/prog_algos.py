"""Small algorithms."""

# args: [1, 3, 5, 7, 9, 11], 7 | [1, 3, 5], 4 | [], 1 | [2], 2
def _binary_search(xs, target):
    lo, hi = 0, len(xs) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        if xs[mid] == target:
            return mid
        if xs[mid] < target:
            lo = mid + 1
        else:
            hi = mid - 1
    return -1

# args: 30 | 2 | 1 | 97
def _primes_upto(n):
    sieve = [True] * (n + 1)
    sieve[0] = False
    if n >= 1:
        sieve[1] = False
    for i in range(2, _isqrt(n) + 1):
        if sieve[i]:
            for j in range(i * i, n + 1, i):
                sieve[j] = False
    return [i for i, p in enumerate(sieve) if p]

def _isqrt(n):
    x = 0
    while (x + 1) * (x + 1) <= n:
        x += 1
    return x

# args: 48, 18 | 17, 5 | 0, 9 | 100, 75
def _gcd_lcm(a, b):
    x, y = a, b
    while y:
        x, y = y, x % y
    lcm = a * b // x if x else 0
    return x, lcm

# args: 10 | 1 | 0 | 90
def _fib(n):
    a, b = 0, 1
    seq = []
    for _ in range(n):
        seq.append(a)
        a, b = b, a + b
    return seq[-3:], a

# args: [5, 2, 9, 1, 5, 6] | [] | [3, 3, 1]
def _bubble(xs):
    xs = list(xs)
    n = len(xs)
    swaps = 0
    for i in range(n):
        done = True
        for j in range(n - 1 - i):
            if xs[j] > xs[j + 1]:
                xs[j], xs[j + 1] = xs[j + 1], xs[j]
                swaps += 1
                done = False
        if done:
            break
    return xs, swaps

# args: [2, 7, 11, 15], 9 | [3, 2, 4], 6 | [1, 2], 7
def _two_sum(nums, target):
    seen = {}
    for i, n in enumerate(nums):
        if target - n in seen:
            return [seen[target - n], i]
        seen[n] = i
    return []

# args: 1994 | 4 | 3999 | 58
def _to_roman(n):
    vals = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for v, sym in vals:
        while n >= v:
            out += sym
            n -= v
    return out

# args: [[1, 2, 3], [4, 5, 6]] | [[1]] | [[1, 2], [3, 4], [5, 6]]
def _transpose(m):
    return [[m[i][j] for i in range(len(m))] for j in range(len(m[0]))]

# args: 255 | 0 | 1024
def _digits(n):
    return [int(d) for d in str(n)], sum(int(d) for d in str(n)), bin(n)[2:].count("1")

# args: [1, 2, 3, 4] | [] | [5]
def _prefix_sums(xs):
    out = [0]
    for x in xs:
        out.append(out[-1] + x)
    return out
