"""Differential suite: literal forms."""

# args: 0
def _int_literals(x):
    return (0x_FF, 0o17, 0b1010_1010, 1_000_000, 0, 00, 123456789012345678901234567890, -0x8000000000000000)

# args: 0
def _str_literals(x):
    return ("a" "b", 'it\'s', "tab\there", "\u00e9\U0001F600", "\x41\101", r"raw\n", """tri
ple""", "")

# args: 0
def _bytes_literals(x):
    return (b"\x00\xff", b'q"', rb"\d", b"a" b"b", b"\n\t\\", B"up", b"\101")

# args: 0
def _misc_literals(x):
    return (True, False, None, (), (1,), [], {}, [[]], {"a": {"b": [1]}})

# args: 0
def _escapes_len(x):
    return (len("\u00e9"), len(b"\x00\x01"), len("😀"), len("😀".encode()), "😀"[0], "a😀b"[1:], ord("😀"))
