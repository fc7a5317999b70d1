"""Differential suite: f-strings, format(), repr(), str methods, list methods, key=, generator arguments."""

# args: 5, "ab" | -42, "" | 255, "héllo" | 0, "x'y"
def _fstring_basic(n, s):
    return (f"n={n} s={s}", f"{n:d}|{n:x}|{n:X}|{n:05d}|{n:>6}|{n:<6}|{n:^7}|{n:+d}", f"{s:>8}|{s:<4}|{s:^9}|{s!r}|{s:s}|{s:.2}", f"{{}}{n}{{")

# args: 12345678, 4 | -1, 10 | 255, 0
def _fstring_more(n, w):
    return (f"{n:,}", f"{n:_}", f"{n:_x}", f"{n:#x}", f"{n:#010x}", f"{n:#b}", f"{n:o}", f"{n:>{w}}", f"{n:0{w}d}", format(n, "=+10"), f"{n:*^12,}")

# args: True, None | False, [1, "a"] | 3, (1,) | b"x'\n", {"k": b"\x00"}
def _fstring_values(a, b):
    return (f"{a}", f"{b}", f"{a!r} {b!r}", f"{a:>6}", repr(a), repr(b), str(b))

# args: 65, "d" | 65, "c" | "x", "d" | None, ">3" | 7, "+" | "a", "=5"
def _format_builtin(v, spec):
    return format(v, spec)

# args: "%d|%5s|%-4d|%x|%X|%o|%r|%05d|%+d|%c|%%", (3, "ab", 7, 255, 255, 8, "q", -42, 5, 65) | "%s", ([1, 2],) | "%s-%s", (1,) | "%d", ("x",) | "%s", (1, 2)
def _percent(fmt, args):
    return fmt % args

# args: 5 | "x" | (1, 2) | [1] | {"a": 1}
def _percent_single(x):
    return "<%s>" % x

# args: 5
def _percent_kinds(n):
    return ("%#x %#o %.3d %5.1s %(a)s" % (n, n, n, "abc", {"a": 1})) if False else ("%#x %#o %.3d %5.1s" % (n, n, n, "abc"), "%(a)s/%(b)d" % {"a": "x", "b": n}, b"%d:%s" % (n, b"zz"), "%*d" % (4, n))

# args: "a,b,,c", "," | " a  b c ", None | "a--b--c", "--" | "abc", "" | "", ","
def _split(s, sep):
    return (s.split(sep), s.rsplit(sep), s.split(sep, 1), s.rsplit(sep, 1), s.split(sep, 0), s.split(sep, -1))

# args: "  a b  c  " | "one" | "" | "a\u3000b\x1cc"
def _split_ws(s):
    return (s.split(), s.rsplit(), s.split(None, 1), s.rsplit(None, 1), s.split(maxsplit=1), s.rsplit(sep=None, maxsplit=2))

# args: b"a b,c", b"," | b" x  y ", None
def _bytes_split(b, sep):
    return (b.split(sep), b.rsplit(sep, 1), b.replace(b" ", b"_"), b.upper(), b.lower(), b.count(b" "), b.partition(b","), b.isdigit(), b.strip())

# args: "banana", "an", "AN" | "aaa", "a", "" | "abc", "", "-" | "x", "y", "z"
def _replace(s, old, new):
    return (s.replace(old, new), s.replace(old, new, 1), s.replace(old, new, 0), s.count(old), s.count(old, 1), s.count(old, 1, -1))

# args: "Hello Wörld ß İ" | "ΣΑΣ ΟΔΟΣ." | "abc" | "ǅ ﬀ"
def _case(s):
    return (s.lower(), s.upper(), s.islower(), s.isupper())

# args: "123" | "١٢٣" | "²" | "½" | "abc" | "ab1" | "" | " \t\n" | "Ab" | "ÀÉ"
def _is(s):
    return (s.isdigit(), s.isdecimal(), s.isnumeric(), s.isalpha(), s.isalnum(), s.isspace(), s.islower(), s.isupper(), s.isascii())

# args: "key=value=x", "=" | "novalue", "=" | "a", ""
def _partition(s, sep):
    return (s.partition(sep), s.rpartition(sep))

# args: "  xx  " | "xxhixx" | ""
def _strips(s):
    return (s.lstrip(), s.rstrip(), s.lstrip("x "), s.rstrip("x "), s.zfill(8), s.center(9), s.center(10, "*"), s.removeprefix("xx"), s.removesuffix("xx"))

# args: "abcabc", "c" | "héllo", "l" | "abc", "z"
def _rfind(s, sub):
    return (s.rfind(sub), s.rfind(sub, 0, 4), s.find(sub), s.index(sub) if sub in s else -9, s.rindex(sub) if sub in s else -9)

# args: "-42" | "+7" | "abc"
def _zfill(s):
    return (s.zfill(6), s.zfill(1))

# args: [3, 1, 2] | [] | ["b", "a", "c"]
def _list_methods(xs):
    ys = xs.copy()
    ys.sort()
    zs = xs.copy()
    zs.sort(reverse=True)
    ws = list(xs)
    ws.reverse()
    c = xs.count(1)
    vs = xs.copy()
    vs.clear()
    return (ys, zs, ws, c, vs, xs)

# args: [1, 2, 1, 3], 1 | [1], 5
def _remove(xs, x):
    xs.remove(x)
    return xs

# args: [(2, "b"), (1, "a"), (2, "a"), (1, "z")]
def _sorted_key(pairs):
    return (sorted(pairs, key=lambda p: p[0]), sorted(pairs, key=lambda p: p[0], reverse=True), sorted(pairs, key=_second), sorted(pairs, reverse=True), sorted(pairs, key=None))

def _second(p):
    return p[1]

# args: ["bb", "a", "ccc", "dd"]
def _sort_key_inplace(xs):
    ys = xs
    xs.sort(key=len)
    a = list(ys)
    xs.sort(key=lambda s: s[-1], reverse=True)
    return (a, ys)

# args: ["bb", "a", "ccc", "dd"] | []
def _minmax_key(xs):
    return (min(xs, key=len, default="none"), max(xs, key=lambda s: len(s), default=None), min(xs, default=0), max(xs + ["zz"], key=_neglen))

def _neglen(s):
    return -len(s)

# args: [1, 0, 3] | [] | [0, 0]
def _genexp(xs):
    return (any(x > 0 for x in xs), all(x > 0 for x in xs), sum(x * 2 for x in xs), list(x for x in xs if x), tuple(x + 1 for x in xs), ",".join(str(x) for x in xs), max((x for x in xs), default=-1), dict((x, x) for x in xs), sorted(-x for x in xs))

# args: [1, 2, 3]
def _any_lazy(xs):
    seen = []
    r = any(_note(seen, x) > 1 for x in xs)
    r2 = all(_note(seen, x) < 2 for x in xs)
    return (r, r2, seen)

def _note(seen, x):
    seen.append(x)
    return x

# args: [1, 2] | []
def _mul_alias(xs):
    ys = xs
    xs *= 2
    zs = ys
    zs += [9]
    n = 3
    n *= 2
    return (xs, ys, n, xs is ys)

# args: 1
def _kw_order(a):
    log = []
    r = _three(c=_note(log, 3), a=_note(log, 1), b=_note(log, 2))
    return (r, log)

def _three(a, b, c):
    return a * 100 + b * 10 + c

# args: b"\x01\x02\x03\x04\x05" | b""
def _hex_sep(b):
    return (b.hex(), b.hex(":"), b.hex("-", 2), b.hex(" ", -2), b.hex("_", 1))

# args: b"h\xc3\xa9" | b"\xff"
def _str_decode(b):
    return (str(b, "utf-8"), str(b, "ascii") if b[0] < 128 and b[1] < 128 else "-")

# args: {"a": 1, "b": 2} | {}
def _join_dict(d):
    return ("-".join(d), sorted(d, key=lambda k: d[k], reverse=True))

# args: [1, "a"] | [b"x", 1] | [None, 1]
def _sorted_mixed(xs):
    return sorted(xs)

# args: 3
def _isinstance_foreign(x):
    return (isinstance(x, (bytes, bytearray, memoryview)), isinstance(x, (int, float)), isinstance(b"", (bytes, bytearray, memoryview)))

# args: {"a": 1, "b": 2}
def _dict_methods(d):
    e = d.copy()
    e.update({"c": 3})
    e.update([("a", 9)])
    p = e.popitem()
    d2 = dict(d)
    d2.clear()
    return (e, p, d2, d)

# args: [1, 2, 3] | []
def _iter_live(xs):
    out = []
    for i, x in enumerate(xs):
        if i < 3:
            xs.append(x * 10)
        out.append((i, x))
    for i, x in enumerate(xs, 5):
        out.append(i)
    for a, b in zip(xs, xs[1:]):
        if len(xs) < 12:
            xs.insert(0, a)
        out.append(a + b)
    return (out, xs)

# args: [1, 2, 3, 4, 5] | [] | [7]
def _reversed_live(xs):
    out = []
    for x in reversed(xs):
        if len(xs) > 2:
            xs.pop()
        xs.append(0) if x == 99 else None
        if xs:
            xs[0] = 99
        out.append(x)
    for c in reversed("abc"):
        out.append(c)
    for k in reversed({"p": 1, "q": 2}):
        out.append(k)
    return out

# args: [1, 2] | "ab"
def _enumerate_start_bad(xs):
    n = 0
    for i, x in enumerate([], "s" if xs == "ab" else 0):
        n += 1
    return n

# args: "١٢٣", 10 | "\uff11\uff12", 10 | " \u2003 12 \u3000", 10 | "0x1f", 0 | "0b_101", 0 | "𝟗𝟖", 10 | "\u0e51\u0e50", 10 | "1_000", 10 | "0o17", 8 | "z", 36 | "\x1c7\x1f", 10 | "\u00b2", 10 | "٣x", 16
def _int_text(t, base):
    return int(t, base)

# args: (1, 2), [] | [1], [] | "ab", [0]
def _method_before_args(t, xs):
    # CPython looks the method up before it evaluates the argument
    return t.append(xs[5]) if not isinstance(t, str) else t.find(str(xs[3]))

# args: "a'b" | 'a"b' | "a'\"b" | "\x7f\u2028\xa0\u00e9\U0001f600\t\\" | ""
def _repr_text(s):
    return (repr(s), repr(s.encode()), str([s, s.encode()]), f"{s!r:>12}", "%r|%5.2s|%-6s|" % (s, s, s))

# args: 7, "x" | -3, "yz" | 0, ""
def _percent_more(n, s):
    return ("%-05d|%+05d|% 5d|%05d" % (n, n, n, n), "%c%c" % (65 + n % 3, "q"), "%x %X %o %#X %#o" % (n, n, n, n, n), "%%|%s%%" % (s,), "%(a)s-%(b)r" % {"a": n, "b": s}, b"%s|%5d" % (s.encode(), n))

# args: 3
def _format_errors(n):
    out = []
    for spec in ["+s", "=5", ",s", "#s", "x"]:
        out.append(len(format("ab" if spec != "x" else n, spec)) if spec in ("x",) else spec)
    return out

# args: "ab", "+s" | "ab", "=5" | "ab", ",s" | "ab", "#s" | 5, "s" | 5, ".2" | None, "" | [1], "" | [1], "5" | True, "x" | -5, "c" | 5, ",x" | 5, "_o" | 123456, "_d" | 9, "0>4" | "é", "é^5" | 5, "10" | 5, "=^3"
def _format_arg(v, spec):
    return format(v, spec)

# args: "%d", "x" | "%s %s", (1,) | "%s", (1, 2) | "%(k)s", {"j": 1} | "%(k)s", [1] | "%c", 1114112 | "%c", "ab" | "%d", None | "abc", 5 | "abc", [5] | "%*d", (3, 4) | "%.*s", (2, "abc") | "%i|%u", (True, False)
def _percent_arg(fmt, args):
    return fmt % args

# args: b"abc" | b"\xc3\xa9t\xc3\xa9" | b"\xff" | b""
def _str_decode_keywords(b):
    return (str(b, encoding="utf-8"), str(b, "utf-8", errors="strict"), str(b, errors="strict"), str(object=b), b.decode(encoding="utf-8"), b.decode("utf-8", errors="strict"))

# args: b"abc" | b"\xc3\xa9"
def _str_decode_keyword_ascii(b):
    return str(encoding="ascii", object=b)

# args: "abc"
def _str_decode_not_bytes(s):
    return str(s, encoding="utf-8")
