"""W5: grow a bytes value by concatenation, then take n slices of it."""


def main(n: int) -> int:
    b = b""
    for i in range(n):
        b = b + b"\x01\x02"
    acc = 0
    for i in range(n):
        s = b[i:i + 32]
        acc = acc + len(s) + s[0]
    return acc
