"""Formatting a report table."""

# args: [("apples", 3, 120), ("kiwis", 12, 35), ("watermelon", 1, 499)]
def _table(rows):
    header = ("item", "qty", "price")
    widths = [max(len(str(r[i])) for r in rows + [header]) for i in range(3)]
    lines = []
    lines.append(" | ".join(h.ljust(w) for h, w in zip(header, widths)))
    lines.append("-+-".join("-" * w for w in widths))
    for name, qty, price in rows:
        lines.append(f"{name:<{widths[0]}} | {qty:>{widths[1]}} | {price:>{widths[2]}}")
    total = sum(q * p for _, q, p in rows)
    lines.append(f"TOTAL: {total // 100}.{total % 100:02}")
    return "\n".join(lines)

# args: 0 | 59 | 3600 | 86399 | 90061
def _duration(secs):
    d, rem = divmod(secs, 86400)
    h, rem = divmod(rem, 3600)
    m, s = divmod(rem, 60)
    parts = []
    if d:
        parts.append(f"{d}d")
    if h:
        parts.append(f"{h}h")
    if m:
        parts.append(f"{m}m")
    if s or not parts:
        parts.append(f"{s}s")
    return " ".join(parts)

# args: 1234567 | 999 | 1000 | 0 | 1048576
def _human_bytes(n):
    units = ["B", "KB", "MB", "GB"]
    i = 0
    while n >= 1024 and i < len(units) - 1:
        n //= 1024
        i += 1
    return "%d %s" % (n, units[i])

# args: ["b", "A", "c", "B"]
def _case_sort(words):
    return sorted(words), sorted(words, key=lambda w: w.lower()), sorted(words, key=lambda w: (w.lower(), w))
