"""A tiny tokenizer and evaluator."""

# args: "x = 12 + y1*(3-4)" | "" | "a==b != c" | "  7 "
def _tokens(src):
    toks = []
    i = 0
    while i < len(src):
        c = src[i]
        if c.isspace():
            i += 1
        elif c.isdigit():
            j = i
            while j < len(src) and src[j].isdigit():
                j += 1
            toks.append(("num", int(src[i:j])))
            i = j
        elif c.isalpha() or c == "_":
            j = i
            while j < len(src) and (src[j].isalnum() or src[j] == "_"):
                j += 1
            toks.append(("name", src[i:j]))
            i = j
        elif src[i:i + 2] in ("==", "!=", "<=", ">="):
            toks.append(("op", src[i:i + 2]))
            i += 2
        else:
            toks.append(("op", c))
            i += 1
    return toks

# args: "1 + 2 * 3" | "(1 + 2) * 3" | "10 - 4 - 3" | "2 * (3 + 4) * 5"
def _evaluate(src):
    toks = [t for t in src.replace("(", " ( ").replace(")", " ) ").split()]
    prec = {"+": 1, "-": 1, "*": 2}
    out = []
    ops = []
    for t in toks:
        if t.isdigit():
            out.append(int(t))
        elif t == "(":
            ops.append(t)
        elif t == ")":
            while ops[-1] != "(":
                out.append(ops.pop())
            ops.pop()
        else:
            while ops and ops[-1] != "(" and prec[ops[-1]] >= prec[t]:
                out.append(ops.pop())
            ops.append(t)
    while ops:
        out.append(ops.pop())
    stack = []
    for t in out:
        if isinstance(t, int):
            stack.append(t)
        else:
            b, a = stack.pop(), stack.pop()
            stack.append(a + b if t == "+" else a - b if t == "-" else a * b)
    return stack[0], out

# args: "hello world" | "a-b_c d"
def _slug(s):
    return "-".join("".join(ch for ch in w if ch.isalnum()) for w in s.lower().replace("_", " ").replace("-", " ").split())
