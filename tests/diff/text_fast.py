"""Differential suite: the ASCII/BMP fast paths of the str/bytes methods and int() parsing."""

# args: "abc" | "ABC" | "aBc" | "" | "ǅ" | "ǆa" | "éÉ" | "12" | "a1" | "ß" | "𝐀" | "𝐚b" | "Σ" | "ａｂ"
def _str_case_tests(s):
    return (s.islower(), s.isupper(), s.isalpha(), s.isalnum(), s.isdigit(), s.isdecimal(), s.isnumeric(), s.isspace(), s.isascii())

# args: "12" | "١٢" | "½" | "²" | "𝟙" | " \t" | "\u2003" | "\x1c" | "a\u0300" | "😀" | "x😀"
def _str_classes(s):
    return (s.isalpha(), s.isalnum(), s.isdigit(), s.isdecimal(), s.isnumeric(), s.isspace(), s.isascii(), s.islower(), s.isupper())

# args: b"abc" | b"ABC" | b"aB1" | b"" | b" \t\x0b" | b"\xe9" | b"12" | b"\x1c"
def _bytes_classes(b):
    return (b.islower(), b.isupper(), b.isalpha(), b.isalnum(), b.isdigit(), b.isspace(), b.isascii())

# args: "Hello World" | "" | "ÀÉ" | "straße" | "ΣΑΣ" | "abc😀DEF" | "ǅ"
def _str_lower_upper(s):
    return (s.lower(), s.upper())

# args: "  ab  " | "\u3000ab\u3000" | "xxabxx" | "😀ab😀" | "" | "   "
def _str_lstrip_rstrip(s):
    return (s.lstrip(), s.rstrip(), s.lstrip("x😀"), s.rstrip("x😀"), s.lstrip(" a"), s.rstrip(" b"))

# args: b"  ab  " | b"xxabxx" | b"" | b"\t\x0b ab"
def _bytes_lstrip_rstrip(b):
    return (b.lstrip(), b.rstrip(), b.lstrip(b"x"), b.rstrip(b"x "))

# args: "0" | "-0" | "+7" | "007" | "  42\n" | "-123456789012345678901234567890" | "000000000000000000001" | "9007199254740993" | "-9007199254740992" | "\t\r-5 "
def _int_decimal(s):
    return int(s)

# args: "" | " " | "-" | "1_000" | "1 2" | "0x10" | "١٢" | "+-1" | "12a"
def _int_decimal_other(s):
    return int(s)

# args: [1, [2], (3,), 1, True], 1 | [[1, 2], [1, 2], [1]], [1, 2] | ["a", "a", b"a"], "a" | [], 0
def _list_count(xs, x):
    return xs.count(x)

# args: 0, 5, 1 | 3, -4, -2 | -9007199254740990, -9007199254740995, -1 | 9007199254740990, 9007199254741000, 3 | 5, 5, 1
def _range_list(a, b, c):
    return list(range(a, b, c))

# args: " a  b " | "" | "   " | "a\u3000b\x1cc" | "😀 x 😀" | "one" | "\u2003a\u00a0b\u0085"
def _str_split_ws(s):
    return (s.split(), s.rsplit(), s.split(None, 1), s.rsplit(None, 1), s.split(maxsplit=0), s.rsplit(None, 0))

# args: b" a  b " | b"" | b"a\x1cb\x0bc" | b"\xa0x y"
def _bytes_split_ws(b):
    return (b.split(), b.rsplit(), b.split(None, 1), b.rsplit(None, 1))

# args: "  ab  " | "\u3000ab\x1c" | "" | "\xa0"
def _str_strip_ws(s):
    return (s.strip(), s.strip(" a"), s.strip(""))

# args: b"  ab  " | b"\x1cab\x0b" | b""
def _bytes_strip_ws(b):
    return (b.strip(), b.strip(b" a"))

# args: 0 | 1 | -1 | 4294967295 | 4294967296 | -4294967296 | 9007199254740991 | -9007199254740991 | 1600000000000007 | 1099511627776
def _hex_safe_ints(x):
    d = {x: 1, (x, 1): 2}
    return (hex(x), d[x], d[(x, 1)], x in d)

# args: 65, "big" | 65, "little" | 100, "big" | 200, "little" | 511, "big" | 500, "little"
def _from_bytes_long(n, order):
    b = bytes([(i * 37 + 11) % 256 for i in range(n)])
    return (int.from_bytes(b, order), int.from_bytes(b, order, signed=True), int.from_bytes(b"\x00" * 3 + b, order))
