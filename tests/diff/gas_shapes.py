"""Differential suite: the shapes the gas work made linear (empty-needle replace, ...)."""

# args: "ab\U0001F600c", 2 | "", 0 | "", 3 | "abc", 4 | "abc", -1 | "\U0001F600\U0001F601", 1 | "xy", 2
def _replace_empty(s, c):
    return [s.replace("", "-", c), s.replace("", ""), s.replace("", "xy", 3), s.replace("", "-", 0), s.replace("", "-", 100), s.replace("", "-")]

# args: "\ufeffab", "\ufeff" | "a\ud800b", "-" | "ab", "\udc00" | "\U0001F600\ude00", "|"
def _replace_empty_units(s, neu):
    return [s.replace("", neu), s.replace("", neu, 2), len(s.replace("", neu))]

# args: b"ab\xff", 2 | b"", 1 | b"abc", 0
def _replace_empty_bytes(b, c):
    return [b.replace(b"", b"-", c), b.replace(b"", b"<>"), b.replace(b"", b"", 1)]

# args: b"\xe0\x80" * 40 + b"ok\xf0\x9f\x98\x80\xc3\xa9\xff" | b"\xed\xa0\x80\xf0\x90\x80" | b"\xef\xbb\xbf\xff\xef\xbb\xbf" | b"\xf4\x8f\xbf\xbfz\xf4\x90"
def _decode_handlers(b):
    return [b.decode("utf-8", "backslashreplace"), b.decode("utf-8", "replace"), b.decode("utf-8", "ignore"), len(b.decode("utf-8", "surrogateescape")), b.decode("ascii", "backslashreplace"), b.decode("ascii", "replace")]

# args: "\x01\n'\"\\u2028" | "it's" | "\x7f\x80\x9f\xa0\xe9\xff\u0100\u2028\ud800\U0001F600\U000E0001\U0010FFFF" | "" | "\t\r\x00\\" | "\ufeff\u00ad\u0378"
def _repr_str(s):
    return [repr(s), repr([s, s]), len(repr(s)), "%r" % s, f"{s!r}"]

# args: b"\xff\x00'" | b"'\"" | b"\\\t\n\r\x7f\x80 ~" | b""
def _repr_bytes(b):
    return [repr(b), str(b), len(repr(b)), repr([b])]
