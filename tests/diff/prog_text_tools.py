"""String utilities."""

# args: "Hello World", 5 | "short", 10 | "", 3 | "exactly", 7
def _truncate(s, n):
    if len(s) <= n:
        return s
    return s[:n - 3] + "..."

# args: "hello_world_foo" | "already" | "_lead" | "a__b"
def _snake_to_camel(s):
    parts = s.split("_")
    return parts[0] + "".join(p.capitalize() for p in parts[1:])

# args: "helloWorldFoo" | "ABC" | "x"
def _camel_to_snake(s):
    out = ""
    for c in s:
        if c.isupper():
            out += "_" + c.lower()
        else:
            out += c
    return out.lstrip("_")

# args: "  lots   of   space  " | "" | "x"
def _squeeze(s):
    return " ".join(s.split())

# args: "aaabccdddd" | "" | "abc" | "zzzzzzzzzzzz"
def _rle(s):
    if not s:
        return ""
    out = []
    prev = s[0]
    count = 1
    for c in s[1:]:
        if c == prev:
            count += 1
        else:
            out.append(f"{count}{prev}")
            prev = c
            count = 1
    out.append(f"{count}{prev}")
    return "".join(out)

# args: "listen", "silent" | "abc", "abd" | "", ""
def _anagram(a, b):
    return sorted(a) == sorted(b)

# args: "The rain in Spain", "ain" | "aaaa", "aa" | "abc", "z"
def _find_all(s, sub):
    idx = []
    i = s.find(sub)
    while i != -1:
        idx.append(i)
        i = s.find(sub, i + 1)
    return idx

# args: "hello" | "Hello World 123"
def _vowels(s):
    return sum(1 for c in s.lower() if c in "aeiou"), s.swapcase(), s.title(), s.center(20, "*")

# args: "a,b;c d" | "one"
def _multi_split(s):
    for sep in ",;":
        s = s.replace(sep, " ")
    return s.split()

# args: 5 | 1 | 0
def _triangle(n):
    rows = []
    for i in range(1, n + 1):
        rows.append(" " * (n - i) + "*" * (2 * i - 1))
    return "\n".join(rows)

# args: "1,234,567" | "12" | "1,2,3"
def _strip_commas(s):
    return int(s.replace(",", "")), "{:,}".format(int(s.replace(",", "")))
