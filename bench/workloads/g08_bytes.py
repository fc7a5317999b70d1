"""G8: encode records as bytes (to_bytes, small concatenations, join), then parse them back by slicing."""


def main(n: int) -> int:
    parts = []
    i = 0
    while i < n:
        rec = i.to_bytes(4, "big") + bytes([i % 256]) + b"payload"
        parts.append(rec)
        i = i + 1
    out = b"".join(parts)
    total = 0
    pos = 0
    while pos < len(out):
        k = int.from_bytes(out[pos:pos + 4], "big")
        tag = out[pos + 4]
        body = out[pos + 5:pos + 12]
        if body == b"payload":
            total = total + k + tag
        pos = pos + 12
    return total * 1000 + len(out)
