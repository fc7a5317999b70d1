"""Differential suite: module constants, defaults, keyword-only parameters, helpers."""
from typing import Final

MAX: Final[int] = 2**255 - 1
NS = b"ns:"
KEY_LEN = len(NS) + 32
PAIR = (1, b"two", "three")
NEG = -(1 << 70)
MASK = (1 << 64) - 1
GREETING: Final[str] = "hé" + "llo"
REPEAT = b"ab" * 3


def _key(k, *, prefix=NS):
    return prefix + k


# args: b"x" | b""
def _consts(k):
    return (MAX, KEY_LEN, PAIR, NEG, MASK, GREETING, REPEAT, _key(k), _key(k, prefix=b"p:"))


# args: 5 | -5
def _wrap(a):
    return (a * MAX) & MASK


# args: 1
def _tuple_const(i):
    return PAIR[i] + b"!"


def _clamp(x, lo=0, hi=100):
    return max(lo, min(hi, x))


# args: 50 | -3 | 1000
def _clamp_defaults(x):
    return (_clamp(x), _clamp(x, 10), _clamp(x, hi=20), _clamp(x, -5, 5))


def _early(x):
    if x < 0:
        return "neg"
    for i in range(3):
        if i == x:
            return "small"
    return "big"


# args: -1 | 2 | 9
def _early_return(x):
    return _early(x)


def _no_value(x):
    if x:
        return


# args: 0 | 1
def _implicit_none(x):
    return (_no_value(x), _no_value(x) is None)


# args: 3
def _shadow_builtin(len_):
    max = 5
    return max + len_


# args: [1, 2, 3]
def _local_named_like_builtin(xs):
    sum = 0
    for x in xs:
        sum += x
    return sum


# args: 2**64 - 1 | 2**64 | -1
def _u64(x):
    return x.to_bytes(8, "little")


# args: 3, 4
def _nested_calls(a, b):
    return _clamp(_clamp(a * b, hi=10) + _clamp(b), 0, 50)


# args: "key", 7
def _dict_literal_dup(k, v):
    return {k: 1, "key": 2, "other": v}


# args: 10
def _many_locals(n):
    a = n
    b = a + 1
    c = b * 2
    d = c - a
    e = d // 3
    f = e % 4
    g = f ** 2
    h = g << 1
    i = h >> 1
    j = i ^ a
    return [a, b, c, d, e, f, g, h, i, j]


# args: b"abc", 0 | b"abc", 3
def _assert_msg_bytes(b, i):
    assert i < len(b), b"index too large"
    return b[i]
