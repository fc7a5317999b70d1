"""Differential suite: slices with a step on str, bytes, lists and tuples (CPython's index arithmetic)."""

# args: "abcdefg" | "" | "a" | "héllo wörld" | "a😀b😀c"
def _str_steps(s):
    return (s[::-1], s[::2], s[1::2], s[::-2], s[-2::-1], s[:1:-1], s[5:1:-2], s[1:100:3], s[-100:100:4], s[100:-100:-3], s[::100], s[::-100])

# args: b"\x00\x01\x02\x03\x04\x05" | b"" | b"z"
def _bytes_steps(b):
    return (b[::-1], b[1::3], b[::2], b[-1:-4:-1], b[4:0:-2], b[::-7])

# args: [1, 2, 3, 4, 5, 6, 7] | [] | [9]
def _list_steps(xs):
    t = tuple(xs)
    return (xs[::-1], xs[::2], xs[1::2], xs[::-3], xs[-1::-2], t[::-1], t[1::2], xs[True::2], xs[2:False:-1])

# args: 0, 5, 1 | None, None, 0 | -3, None, -1 | 2, -2, 2 | None, 3, -2 | 7, None, -3 | -10, 10, 3
def _bounds(lo, hi, st):
    xs = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]
    return (xs[lo:hi:st], "0123456789"[lo:hi:st], b"0123456789"[lo:hi:st])

# args: 1 | 100000000000000000000000 | -100000000000000000000000
def _big_step(st):
    return ([1, 2, 3][::st], "abc"[::st], [1, 2, 3][1:st:2], [1, 2, 3][st::-1])

# args: "x" | None | [1] | 0
def _bad_step(st):
    return [1, 2, 3][::st]

# args: 5 | {"a": 1}
def _not_sliceable(x):
    return x[::2]

# args: "abcba" | "abca" | "" | "Was it a car"
def _palindrome(s):
    t = s.lower().replace(" ", "")
    return t == t[::-1]

# args: [3, 1, 2] | []
def _reverse_copy(xs):
    ys = xs[::-1]
    ys.append(0)
    return (xs, ys, xs[::1] is xs)
