"""Differential suite: builtin functions."""

# args: [3, 1, 2] | [] | "abc" | b"xy" | {"a": 1} | (1, 2)
def _len(x):
    return len(x)

# args: 5
def _len_int(x):
    return len(x)

# args: [3, 1, 2] | "bca" | [(2, "b"), (1, "z"), (1, "a")] | [True, 0, 2]
def _minmax_iter(xs):
    return (min(xs), max(xs))

# args: [] | ""
def _min_empty(xs):
    return min(xs)

# args: [1, "a"]
def _min_mixed(xs):
    return min(xs)

# args: [1, 2, 3] | [] | [True, True] | [2**70, -5]
def _sum(xs):
    return (sum(xs), sum(xs, 10), sum(xs, start=-1))

# args: [[1], [2, 3]]
def _sum_lists(xs):
    return sum(xs, [])

# args: ["a", "b"]
def _sum_strs(xs):
    return sum(xs, "")

# args: 0 | 5 | True | "12" | "-0x1f" | "  42  " | "1_000" | b"77" | "+9"
def _int_conv(x):
    return int(x)

# args: "abc" | "" | "1__0" | "_1" | "1.5" | "0x" | "12a"
def _int_bad(x):
    return int(x)

# args: "ff", 16 | "0xff", 16 | "0o17", 0 | "0b101", 0 | "z", 36 | "777", 8 | "10", 2 | "12", 2 | "010", 0 | "0", 0 | "0_0", 0 | "-0x_f", 16
def _int_base(x, b):
    return int(x, b)

# args: 12, 16 | "1", 1 | "1", 37
def _int_base_err(x, b):
    return int(x, b)

# args: "ff"
def _int_kw_base(x):
    return int(x, base=16)

# args: 0 | 3 | "" | "x" | [] | [0] | None | b"" | {} | (0,)
def _bool(x):
    return (bool(x), not x)

# args: 0 | 3 | [1, 2, 255] | (0,) | b"abc" | "abc"
def _bytes_conv(x):
    return bytes(x)

# args: -1 | [256] | [-1] | ["a"] | None
def _bytes_bad(x):
    return bytes(x)

# args: "héllo" | ""
def _bytes_enc(s):
    return (bytes(s, "utf-8"), bytes(s, encoding="utf8"), bytearray(s, "utf-8"))

# args: "abc" | "é"
def _bytes_ascii(s):
    return bytes(s, "ascii")

# args: 5 | -12 | True | "x" | None
def _str_conv(x):
    return str(x)

# args: [1, 2] | (1, 2) | "ab" | b"ab" | {"k": 1}
def _list_tuple(x):
    return (list(x), tuple(x))

# args: [("a", 1), ("b", 2), ("a", 3)] | [] | [[1, 2]]
def _dict_pairs(ps):
    return dict(ps)

# args: [(1, 2, 3)] | [5]
def _dict_bad(ps):
    return dict(ps)

# args: {"a": 1}
def _dict_copy(d):
    e = dict(d)
    e["b"] = 2
    return (d, e, dict())

# args: ["a", "b"] | []
def _enumerate(xs):
    return (list(enumerate(xs)), list(enumerate(xs, 1)), list(enumerate(xs, start=-3)))

# args: [1, 2, 3], "ab" | [], [1]
def _zip(a, b):
    return (list(zip(a, b)), list(zip(a)), list(zip(a, b, a)))

# args: [3, 1, 2] | ["b", "a"] | [] | [(2, 1), (1, 2), (1, 1)] | b"cab"
def _sorted(xs):
    return (sorted(xs), sorted(xs, reverse=True))

# args: [1, True, 1, False, 0]
def _sorted_stable(xs):
    return (sorted(xs), sorted(xs, reverse=True))

# args: [1, "a"]
def _sorted_mixed(xs):
    return sorted(xs)

# args: [1, 2, 3] | "abc" | (4, 5) | {"a": 1, "b": 2}
def _reversed(xs):
    return list(reversed(xs))

# args: [] | [1, 1] | [1, 0] | [0, 0] | ""
def _all_any(xs):
    return (all(xs), any(xs))

# args: "a" | "é" | "€" | b"z"
def _ord(c):
    return ord(c)

# args: "ab" | ""
def _ord_bad(c):
    return ord(c)

# args: 97 | 233 | 8364 | 128512 | 0
def _chr(i):
    return chr(i)

# args: -1 | 1114112
def _chr_bad(i):
    return chr(i)

# args: 7, 2 | -7, 2 | 7, -2 | 0, 1
def _divmod(a, b):
    return divmod(a, b)

# args: 1, 0
def _divmod_zero(a, b):
    return divmod(a, b)

# args: 3, 4, 5 | 2, -1, 5 | 2, -1, 4 | 10, 3, -7 | -3, 3, 7 | 5, 0, 1
def _pow3(a, b, m):
    return pow(a, b, m)

# args: 2, 0, 0 | 2, -1, 4
def _pow3_err(a, b, m):
    return pow(a, b, m)

# args: 1 | True | b"x" | "s" | [1] | (1,) | {} | None
def _isinstance(x):
    return [isinstance(x, int), isinstance(x, bool), isinstance(x, bytes), isinstance(x, str), isinstance(x, list), isinstance(x, tuple), isinstance(x, dict), isinstance(x, type(None)), isinstance(x, (int, str)), isinstance(x, bytearray)]

# args: "00ff10" | "de ad be ef" | "" | " 0a "
def _fromhex(s):
    return bytes.fromhex(s)

# args: "0g" | "abc" | "a b"
def _fromhex_bad(s):
    return bytes.fromhex(s)

# args: -5 | 0 | 7 | True
def _abs(x):
    return abs(x)

# args: "x"
def _abs_bad(x):
    return abs(x)

# args: 0 | 200 | 2**64
def _hex_cases(x):
    return (hex(x), hex(-x), hex(x).startswith("0x"))

# args: [1, 2, 3] | [-1] | []
def _builtin_mix(xs):
    return (len(xs) and max(xs), sum([x * 2 for x in xs]), sorted(xs + [0])[0])

# args: 3, 1
def _range_builtin(a, b):
    r = range(a, b, -1)
    return (len(range(a)), list(r), range(10)[a], list(range(a))[-1])

# args: [2, 3]
def _tuple_hash_keys(xs):
    d = {}
    d[(1, 2)] = "a"
    d[tuple(xs)] = "b"
    d[1] = "int"
    d[True] = "bool"
    d[b"k"] = "bytes"
    d["k"] = "str"
    d[None] = 0
    return d

# args: [1]
def _unhashable(xs):
    d = {}
    d[xs] = 1
    return d

# args: "٣٤" | "\uff11\uff12" | "\U0001d7ce\U0001d7d9" | "꘦" | "\u2003 7 \u3000"
def _int_unicode_digits(s):
    return int(s)

# args: "\U000116e2" | "\U000116c3" | "\U0001fbf9"
def _int_unicode14_only(s):
    return int(s, 36)
