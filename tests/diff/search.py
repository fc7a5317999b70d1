"""Differential suite: substring search and code-point positions on periodic inputs and
strs holding astral characters (the linear search and the code-point index paths)."""

# args: "a😀b😀c", "😀", 0, 9 | "a😀b😀c", "😀c", 2, 5 | "😀😀😀", "😀", 1, 2 | "xyz😀", "z😀", 0, 4 | "😀ab", "ab", 1, 3 | "😀ab", "ab", 2, 3
def _str_find_bounds(s, p, lo, hi):
    return (s.find(p, lo, hi), s.find(p, lo), s.startswith(p, lo, hi), s.endswith(p, lo, hi), s.startswith(p, lo), s.endswith(p, 0, hi))

# args: "a" * 300 + "b", "a" * 40 + "b" | "ab" * 200, "abab" * 20 + "b" | "a" * 100, "a" * 101 | "€" * 50 + "x", "€€x"
def _str_periodic(s, p):
    return (s.find(p), p in s, s.find(p, 5), s.find(p, 0, len(s) - 1))

# args: b"a" * 300 + b"b", b"a" * 40 + b"b" | b"ab" * 200, b"abab" * 20 + b"b" | b"a" * 100, b"a" * 101 | b"aaab" * 50, b"aab" | b"xaaaab", b"aaaab"
def _bytes_periodic(s, p):
    return (s.find(p), p in s, s.find(p, 5), s.find(p, 0, len(s) - 1), s.find(p, 2, 60))

# args: "a😀b€c😀", 0 | "a😀b€c😀", 5 | "a😀b€c😀", -1 | "😀", 0 | "€uro", 3
def _str_positions(s, i):
    return (len(s), s[i], s[i:], s[:i], ord(s[i]), s.find(s[i]), s.index(s[i]))

# args: "😀😀x", "x" | "😀😀x", "😀x" | "ab", "b"
def _str_index_of(s, p):
    return (s.index(p), s.index(p, 1), s.endswith(p), s.startswith(p, s.find(p)))

# args: "abc", 4 | "😀", 2
def _find_past_end(s, i):
    return (s.find("", i), s.startswith("", i), s.endswith("", i), s.find("", len(s)))

# args: [3, 1, 2] | [True, 1, False, 0, 1] | [] | [(2, "b"), (1, "z"), (2, "a"), (1, "a")] | [b"b", b"a", b"ab"] | ["b", "😀", "a"]
def _sort_stable(xs):
    return (sorted(xs), sorted(xs, reverse=True))

# args: [1, "a"] | ["a", 1] | [1, 2, None] | [[1], [2], (3,)] | [3, 2, 1, "x"]
def _sort_type_error(xs):
    return sorted(xs)

# args: [1, "a"] | ["a", 1, 2] | [[1], (2,)]
def _sort_type_error_rev(xs):
    return sorted(xs, reverse=True)

# args: "  ab  ", None | "xxabxx", "x" | "😀a😀", "😀" | "\t\n a \u3000", None | "", "ab" | "abc", "cba" | "a😀", "a"
def _str_strip(s, chars):
    return s.strip(chars)

# args: b"  ab  ", None | b"xxabxx", b"x" | b"\x00a\x00", b"\x00" | b"abc", b"cba"
def _bytes_strip(b, chars):
    return b.strip(chars)
