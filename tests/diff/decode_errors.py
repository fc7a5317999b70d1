"""Differential suite: bytes.decode / str(b, ...) with CPython's error handlers."""

# args: b"abc" | b"\xff" | b"a\xc3" | b"\xe0\x80\x80z" | b"\xed\xa0\x80" | b"\xf0\x90\x80" | b"\xf4\x90\x80\x80" | b"\xc0\xaf" | b"\xef\xbb\xbfok" | b"\xe2\x82\xacx\x80y\xf0\x9f\x98\x80" | b""
def _handlers(b):
    return (b.decode("utf-8", "ignore"), b.decode("utf-8", "replace"), b.decode(errors="backslashreplace"), b.decode("utf-8", errors="surrogateescape") == b.decode("utf-8", "surrogateescape"), len(b.decode("utf-8", "surrogateescape")), str(b, "utf-8", "replace"), str(b, errors="ignore"))

# args: b"abc" | b"a\x80b\xff"
def _ascii_handlers(b):
    return (b.decode("ascii", "ignore"), b.decode("ascii", "replace"), b.decode("ascii", "backslashreplace"), str(b, encoding="ascii", errors="replace"))

# args: b"abc" | b"\xff"
def _unknown_handler(b):
    return b.decode("utf-8", "no-such-handler")

# args: b"\xff" | b"a\xe0\x80" | b"\xe0\xa0"
def _strict(b):
    return b.decode("utf-8", "strict")

# args: b"abc"
def _errors_not_str(b):
    return b.decode("utf-8", 5)
