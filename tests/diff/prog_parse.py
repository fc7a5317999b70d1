"""Parsing small text formats."""

# args: "a=1;b=2;c=3" | "" | "x=;y=5" | "k=v=w"
def _parse_kv(s):
    out = {}
    for part in s.split(";"):
        if not part:
            continue
        key, _, value = part.partition("=")
        out[key.strip()] = value.strip()
    return out

# args: "name,age\nbob,25\nalice,30\n" | "h\n" | "x,y\n1,2\n3\n"
def _parse_csv(text):
    lines = text.strip().split("\n")
    header = lines[0].split(",")
    rows = []
    for line in lines[1:]:
        fields = line.split(",")
        if len(fields) != len(header):
            return None
        rows.append(dict(zip(header, fields)))
    return rows

# args: "3 + 4 * 2" | "10 - 2 - 3" | "7" | "2 * 3 * 4 + 1"
def _eval_simple(expr):
    tokens = expr.split()
    # first pass: multiplication
    stack = [int(tokens[0])]
    i = 1
    while i < len(tokens):
        op = tokens[i]
        val = int(tokens[i + 1])
        if op == "*":
            stack[-1] = stack[-1] * val
        elif op == "-":
            stack.append(-val)
        else:
            stack.append(val)
        i += 2
    return sum(stack)

# args: "1.2.3" | "10.0.1" | "1.2" | "a.b.c"
def _parse_version(v):
    parts = v.split(".")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return None
    major, minor, patch = map(int, parts)
    return (major, minor, patch)

# args: "0x1f" | "42" | "0b101" | "  17 " | "-0o17" | "abc"
def _to_int(s):
    s = s.strip()
    neg = s.startswith("-")
    if neg:
        s = s[1:]
    base = 10
    if s[:2] in ("0x", "0X"):
        base = 16
    elif s[:2] == "0b":
        base = 2
    elif s[:2] == "0o":
        base = 8
    if base != 10:
        s = s[2:]
    try_ok = all(c in "0123456789abcdefABCDEF" for c in s) and s != ""
    if not try_ok:
        return None
    n = int(s, base)
    return -n if neg else n

# args: "(a(b)c)" | "(()" | "())(" | "" | "([{}])" | "([)]"
def _balanced(s):
    pairs = {")": "(", "]": "[", "}": "{"}
    stack = []
    for c in s:
        if c in "([{":
            stack.append(c)
        elif c in pairs:
            if not stack or stack.pop() != pairs[c]:
                return False
    return len(stack) == 0

# args: "2023-01-15" | "1999-12-31" | "2023-1-5"
def _parse_date(s):
    y, m, d = s.split("-")
    if len(m) != 2 or len(d) != 2:
        return None
    return int(y), int(m), int(d)
