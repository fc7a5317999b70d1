"""Bytes handling: checksums, encodings, packing."""

# args: b"hello" | b"" | b"\xff\x00\x10"
def _checksum(data):
    total = 0
    for b in data:
        total = (total + b) % 256
    x = 0
    for b in data:
        x ^= b
    return total, x, data.hex(), data[::-1].hex()

# args: 1, 2, 3 | 0, 0, 0 | 65535, 255, 4294967295
def _pack(a, b, c):
    raw = a.to_bytes(2, "big") + b.to_bytes(1, "big") + c.to_bytes(4, "little")
    back = (int.from_bytes(raw[:2], "big"), raw[2], int.from_bytes(raw[3:], "little"))
    return raw, back

# args: "héllo" | "abc" | ""
def _utf8(s):
    b = s.encode("utf-8")
    return len(s), len(b), b, b.decode("utf-8") == s, list(b[:3])

# args: b"key1=val1&key2=val2" | b"" | b"a=&=b"
def _parse_query(q):
    out = {}
    if not q:
        return out
    for pair in q.split(b"&"):
        k, _, v = pair.partition(b"=")
        out[k.decode()] = v.decode()
    return out

# args: b"\x01\x02\x03\x04\x05\x06\x07\x08", 3 | b"abc", 1 | b"", 2
def _blocks(data, size):
    return [data[i:i + size] for i in range(0, len(data), size)]

# args: [104, 105] | [] | [256]
def _from_list(xs):
    return bytes(xs)

# args: b"abc" | b"\x00\x01"
def _xor_key(data):
    key = b"\x5a"
    return bytes(b ^ key[0] for b in data)
