# Adversarial inputs for `npm run bench:adversarial`: each function does its setup once,
# then repeats the attacked operation r times, so (time, gas) at r=R minus r=0 isolate it.


def baseline(n: int, r: int) -> int:
    s = 0
    for i in range(r):
        s = s + i * 3 % 7
    return s


def dict_bytes_key(n: int, r: int) -> int:
    k = b"\x01" * n
    k2 = b"\x01" * n
    d = {k: 1}
    s = 0
    for i in range(r):
        s = s + d[k2]
    return s


def dict_tuple_key(n: int, r: int) -> int:
    t = tuple(range(n))
    t2 = tuple(range(n))
    d = {t: 1}
    s = 0
    for i in range(r):
        s = s + d[t2]
    return s


def dict_str_key(n: int, r: int) -> int:
    k = "a" * n
    k2 = "a" * n
    d = {k: 1}
    s = 0
    for i in range(r):
        s = s + d[k2]
    return s


def dict_big_key(n: int, r: int) -> int:
    k = 7 ** n
    d = {k: 1}
    s = 0
    for i in range(r):
        s = s + d[k]
    return s


def dict_keys(keys: list[int], r: int) -> int:
    s = 0
    for i in range(r):
        d = {}
        for k in keys:
            d[k] = 1
        s = s + len(d)
    return s


def _nested(n: int, last: int) -> list:
    out = []
    for j in range(n):
        row = []
        for i in range(n):
            row.append(i)
        out.append(row)
    out[n - 1][n - 1] = last
    return out


def member_deep(n: int, r: int) -> int:
    x = _nested(n, 0)
    lst = [_nested(n, 1), _nested(n, 2), _nested(n, 3)]
    s = 0
    for i in range(r):
        s = s + int(x in lst)
    return s


def index_deep(n: int, r: int) -> int:
    x = _nested(n, 0)
    lst = [_nested(n, 1), _nested(n, 2), _nested(n, 0)]
    s = 0
    for i in range(r):
        s = s + lst.index(x)
    return s


def lt_deep(n: int, r: int) -> int:
    a = _nested(n, 0)
    b = _nested(n, 0)
    s = 0
    for i in range(r):
        s = s + int([a, 1] < [b, 2])
    return s


def bytes_in(n: int, r: int) -> int:
    hay = b"a" * n
    needle = b"a" * 2000 + b"b"
    s = 0
    for i in range(r):
        s = s + int(needle in hay)
    return s


def bytes_find(n: int, r: int) -> int:
    hay = b"a" * n
    needle = b"a" * 2000 + b"b"
    s = 0
    for i in range(r):
        s = s + hay.find(needle)
    return s


def str_find(n: int, r: int) -> int:
    hay = "a" * n
    needle = "a" * 2000 + "b"
    s = 0
    for i in range(r):
        s = s + hay.find(needle)
    return s


def str_in(n: int, r: int) -> int:
    hay = "a" * n
    needle = "a" * 2000 + "b"
    s = 0
    for i in range(r):
        s = s + int(needle in hay)
    return s


def startswith(n: int, r: int) -> int:
    hay = "a" * n
    s = 0
    for i in range(r):
        s = s + int(hay.startswith("ab"))
    return s


def astral_len(n: int, r: int) -> int:
    t = "a" * n + "\U0001F600"
    s = 0
    for i in range(r):
        s = s + len(t) + ord(t[n])
    return s


def sorted_list(n: int, r: int) -> int:
    xs = []
    for i in range(n):
        xs.append((i * 7919) % 10007)
    s = 0
    for i in range(r):
        s = s + sorted(xs)[0]
    return s


def sorted_deep(n: int, r: int) -> int:
    xs = []
    for i in range(n):
        xs.append([[1, 2, 3, 4, 5, 6, 7, 8], (i * 7919) % 10007])
    s = 0
    for i in range(r):
        s = s + len(sorted(xs))
    return s


def hex_bytes(n: int, r: int) -> int:
    b = b"\x07" * n
    s = 0
    for i in range(r):
        s = s + len(b.hex())
    return s


def int_parse(n: int, r: int) -> int:
    t = "1" * n
    s = 0
    for i in range(r):
        s = s + int(t) % 7
    return s


def int_str(n: int, r: int) -> int:
    x = 7 ** n
    s = 0
    for i in range(r):
        s = s + len(str(x))
    return s


def del_middle(n: int, r: int) -> int:
    xs = list(range(n))
    s = 0
    for i in range(r):
        del xs[1]
        xs.append(i)
    return len(xs)


def to_bytes(n: int, r: int) -> int:
    x = 7 ** n
    s = 0
    for i in range(r):
        s = s + len(x.to_bytes(512, "big"))
    return s


def from_bytes(n: int, r: int) -> int:
    b = b"\x07" * n
    s = 0
    for i in range(r):
        s = s + int.from_bytes(b, "big") % 7
    return s


def pow_mod(n: int, r: int) -> int:
    a = 7 ** n
    b = 11 ** (n * 3 // 4)
    m = 13 ** (n * 2 // 3)
    s = 0
    for i in range(r):
        s = s + pow(a, b, m) % 7
    return s


def bytes_concat(n: int, r: int) -> int:
    a = b"ab"
    s = 0
    for i in range(r):
        c = a + b"cd"
        s = s + len(c)
    return s
