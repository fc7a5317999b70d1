"""Differential suite: capitalize, title, swapcase, casefold, istitle, splitlines, str.format."""

# args: "hello world" | "HELLO wORLD" | "" | "ß straße" | "ǆemal ǉ" | "o'neil mc-donald 3rd" | "ΣΑΣ ΟΔΟΣ σας" | "ﬃ ﬁx" | "123abc ABC"
def _cases(s):
    return (s.capitalize(), s.title(), s.swapcase(), s.casefold(), s.istitle(), s.title().istitle(), s.lower().istitle())

# args: b"hello world" | b"HeLLo\xe9 wORLD 3rd" | b""
def _bytes_cases(b):
    return (b.capitalize(), b.title(), b.swapcase(), b.istitle(), b.title().istitle())

# args: "a\nb\r\nc\rd" | "" | "\n" | "x\n\ny\n" | "a\x0bb\x0cc\x1cd\x85e\u2028f\u2029g" | "no breaks"
def _splitlines(s):
    return (s.splitlines(), s.splitlines(True), s.splitlines(keepends=True), s.encode().splitlines(), s.encode().splitlines(True))

# args: 5, "ab" | -42, "" | 1234567, "héllo"
def _format(n, s):
    return ("{} {}".format(n, s), "{1}-{0}".format(n, s), "{:>8}|{:<5}|{:^7}".format(n, s, n), "{0:,} {0:x} {0:#b}".format(n), "{!r} {!s} {!a}".format(s, s, s), "{{}} {{{}}}".format(n), "{n} {s}".format(n=n, s=s), "{:{w}}|".format(n, w=6), "{x[0]} {x[1]} {y[k]}".format(x=[n, s], y={"k": "v"}), "{0.real} {0.imag}".format(n))

# args: "{" | "}" | "{0} {}" | "{} {0}" | "{2}" | "{x}" | "{!z}" | "{:q}" | "{0[}" | "{0!r" | "a}b" | "{:{}}" | "{0.nope}" | "{0:{1:{2}}}"
def _format_errors(f):
    return f.format("a", 5)

# args: ["x", 1, True, None, [1], (2,), {"k": b"v"}]
def _format_kinds(xs):
    return ["{}|{!r}".format(x, x) for x in xs]

# args: "Alice", 30, 1234.0 if False else 1234
def _report(name, age, cents):
    return "Name: {name:<10} Age: {age:>3} Balance: {bal:,}".format(name=name, age=age, bal=cents)
