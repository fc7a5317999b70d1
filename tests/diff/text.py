"""Differential suite: bytes and str operations and methods."""

# args: b"hello", 1 | b"hello", -1 | b"", 0 | b"ab", 5
def _bytes_index(b, i):
    return b[i]

# args: "héllo", 1 | "a€b", -2 | "😀x", 0 | "ab", 2
def _str_index(s, i):
    return s[i]

# args: b"abcdef", 1, 3 | b"abcdef", -2, 100 | b"abc", 5, 1 | b"abc", -100, -1
def _bytes_slice(b, lo, hi):
    return (b[lo:hi], b[lo:], b[:hi], b[:])

# args: "h€llo😀w", 1, 4 | "abc", -1, 10 | "😀😀😀", 1, 2
def _str_slice(s, lo, hi):
    return (s[lo:hi], s[lo:], s[:hi], len(s))

# args: b"ab", b"cd" | b"", b"x"
def _bytes_concat(a, b):
    return (a + b, a * 3, 2 * b, a * 0, a * -1)

# args: "ab", 3 | "", 5 | "x", 0
def _str_repeat(s, n):
    return (s * n, s + s, n * s)

# args: b"\x00\xff\x10" | b""
def _bytes_hex(b):
    return b.hex()

# args: b"hello world", b"hello" | b"hello", b"" | b"a", b"ab"
def _bytes_affix(b, p):
    return (b.startswith(p), b.endswith(p), b.startswith((p, b"x")), b.find(p), p in b)

# args: "hello world", "world" | "héllo", "é" | "abc", "abcd" | "abc", ""
def _str_affix(s, p):
    return (s.startswith(p), s.endswith(p), s.find(p), p in s, s.startswith(p, 1), s.find(p, 2), s.endswith(p, 0, 3))

# args: "banana", "an" | "banana", "x" | "a😀b😀", "b"
def _str_find(s, p):
    return (s.find(p), s.find(p, 2), s.find(p, -3), s.find(p, 0, 3))

# args: b"banana", 97 | b"abc", 300
def _bytes_find_int(b, x):
    return (b.find(x), x in b)

# args: "banana", "n" | "abc", "z"
def _str_index_m(s, p):
    return s.index(p)

# args: ",", ["a", "b", "c"] | "", [] | "-", ["x"] | ", ", ("p", "q")
def _str_join(sep, xs):
    return sep.join(xs)

# args: ",", ["a", 1]
def _str_join_bad(sep, xs):
    return sep.join(xs)

# args: b"-", [b"a", b"b"] | b"", []
def _bytes_join(sep, xs):
    return sep.join(xs)

# args: "  hi  " | "\t\nx\u00a0 " | "" | "xxhixx"
def _str_strip(s):
    return (s.strip(), s.strip("x"), s.strip(" x"))

# args: b"  hi \n" | b"" | b"xyhiyx"
def _bytes_strip(b):
    return (b.strip(), b.strip(b"xy"))

# args: "ab", 5 | "abcdef", 3 | "é", 4
def _just(s, w):
    return (s.rjust(w), s.ljust(w), s.rjust(w, "*"), s.ljust(w, "0"))

# args: b"7", 4 | b"long", 2
def _bytes_just(b, w):
    return (b.rjust(w, b"\x00"), b.ljust(w), b.rjust(w))

# args: "ab", 3, "xy"
def _just_bad(s, w, f):
    return s.rjust(w, f)

# args: b"h\xc3\xa9llo" | b"" | b"abc"
def _decode(b):
    return (b.decode(), b.decode("utf-8"), b.decode(encoding="utf-8"))

# args: b"\xff\xfe" | b"\xc3" | b"\xed\xa0\x80"
def _decode_bad(b):
    return b.decode("utf-8")

# args: b"abc" | b"\x80"
def _decode_ascii(b):
    return b.decode("ascii")

# args: "héllo😀" | ""
def _encode(s):
    return (s.encode(), s.encode("utf-8"), len(s.encode()), len(s))

# args: "abc" | "é"
def _encode_ascii(s):
    return s.encode("ascii")

# args: "abc", "abd" | "é", "e"
def _str_ops(a, b):
    return (a + b, a < b, a == b, a[0:2], b * 2)

# args: b"abc"
def _bytes_iter_sum(b):
    t = 0
    for x in b:
        t = t * 256 + x
    return t

# args: "x=1;y=22;z=333"
def _parse_kv(s):
    out = {}
    start = 0
    while True:
        i = s.find(";", start)
        part = s[start:] if i < 0 else s[start:i]
        eq = part.find("=")
        out[part[:eq]] = int(part[eq + 1:])
        if i < 0:
            break
        start = i + 1
    return out

# args: 12345 | 0 | 7
def _digits(n):
    s = str(n)
    return [int(c) for c in s]

# args: "Hello" | "ABCxyz"
def _caesar(s):
    out = []
    for c in s:
        o = ord(c)
        if 65 <= o <= 90:
            out.append(chr((o - 65 + 3) % 26 + 65))
        elif 97 <= o <= 122:
            out.append(chr((o - 97 + 3) % 26 + 97))
        else:
            out.append(c)
    return "".join(out)

# args: b"\x01\x02\x03\x04"
def _bytes_reverse(b):
    return bytes(reversed(b)) + bytes(list(b))

# args: "abc", "b" | b"abc", b"b" | "abc", "z"
def _contains(h, n):
    return (n in h, n not in h)

# args: b"abc", "a"
def _contains_bad(h, n):
    return n in h

# args: "abc", 1
def _str_plus_int(s, n):
    return s + n

# args: b"ab", "ab"
def _bytes_eq_str(b, s):
    return (b == s, b != s)

# args: b"abc", 1
def _bytes_setitem(b, i):
    b[i] = 5
    return b

# args: "abc"
def _str_mod(s):
    return s % 3

# args: b"xyz" | b""
def _bytes_to_list(b):
    return (list(b), tuple(b), [b[i:i + 2] for i in range(0, len(b), 2)])

# args: "a,b,,c"
def _split_manual(s):
    parts = []
    cur = ""
    for ch in s:
        if ch == ",":
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    parts.append(cur)
    return parts

# args: 255 | 4096
def _hex_pad(n):
    h = hex(n)[2:]
    return h.rjust(8, "0")

# args: b"\x00\x00\x01" | b"\x01"
def _lstrip_zero_bytes(b):
    i = 0
    while i < len(b) and b[i] == 0:
        i += 1
    return b[i:]

# args: ["\uffff", "😀", "a", "\ue000", "😀a", ""]
def _sorted_astral(xs):
    return (sorted(xs), max(xs), min(xs), "😀" > "\uffff")

# args: "😀a😀b", "😀b" | "x😀", "😀"
def _astral_methods(s, p):
    return (s.find(p), s.endswith(p), s.strip("😀"), s.rjust(6, "😀"), s.index(p), len(s.encode()), s[-1])

# args: "abc", "", 3 | "abc", "", 4 | "abc", "c", 10 | "abc", "", -10 | "", "", 0 | "", "", 1
def _find_start_edges(s, p, i):
    return (s.find(p, i), s.startswith(p, i), s.endswith(p, i), s.find(p, i, 2))

# args: b"abc", b"", 3 | b"abc", b"", 4 | b"abc", b"", -1
def _bytes_find_start_edges(s, p, i):
    return (s.find(p, i), s.startswith(p, i), s.endswith(p, 0, i))
