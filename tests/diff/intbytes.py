"""Differential suite: int <-> bytes at the word-loop sizes (up to 64 bytes) and above."""

# args: 0, 32 | 1, 1 | 255, 1 | 2**256 - 1, 32 | 2**256 - 1, 40 | 2**511 + 12345, 64 | 7**300, 120 | 2**64, 9 | 2**63, 8 | 12345678901234567890, 20
def _to_bytes_sizes(x, n):
    return (x.to_bytes(n, "big"), x.to_bytes(n, "little"), int.from_bytes(x.to_bytes(n, "big"), "big"), int.from_bytes(x.to_bytes(n, "little"), "little"))

# args: -1, 32 | -(2**255), 32 | -(2**63), 8 | -12345, 7 | -(7**200), 80 | 2**255 - 1, 32
def _signed_sizes(x, n):
    b = x.to_bytes(n, "big", signed=True)
    l = x.to_bytes(n, "little", signed=True)
    return (b, l, int.from_bytes(b, "big", signed=True), int.from_bytes(l, "little", signed=True), int.from_bytes(b, "big"))

# args: b"\x00" * 40 + b"\x01\x02" | b"\xff" * 33 | b"\x80" + b"\x00" * 63 | b"\x01" * 65 | b"\xff\xff\xff\xff\xff\xff\xff" | b"\x00\x00\x00\x00\x00\x00\x80"
def _from_bytes_edges(b):
    return (int.from_bytes(b, "big"), int.from_bytes(b, "little"), int.from_bytes(b, "big", signed=True), int.from_bytes(b, "little", signed=True))

# args: 2**256, 32 | 2**64, 8 | -(2**255) - 1, 32
def _to_bytes_overflow(x, n):
    return x.to_bytes(n, "big", signed=x < 0)

# args: b"ab", b"cd" | b"", b"" | b"x" * 63, b"y" | b"x" * 64, b"yz"
def _concat_small(a, b):
    c = a + b
    d = c + b
    return (c, d, a, b, len(d))
