"""W3: a sha3_256 hash chain (hash-bound)."""
from stdlib import hash


def main(n: int) -> bytes:
    h = b"vm-py bench"
    for i in range(n):
        h = hash.sha3_256(h)
    return h
