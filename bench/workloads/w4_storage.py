"""W4: n storage writes of 32-byte values, then n reads of them."""
from stdlib import storage


def main(n: int) -> int:
    for i in range(n):
        storage.set(i.to_bytes(8, "big"), (i * 7919 + 1).to_bytes(32, "big"))
    acc = 0
    for i in range(n):
        v = storage.get(i.to_bytes(8, "big"))
        acc = acc + v[31] + len(v)
    return acc
