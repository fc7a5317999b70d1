"""A bank account simulation with validation."""

# args: [("deposit", 100), ("withdraw", 30), ("withdraw", 100), ("deposit", -5), ("fee", 0)]
def _process(ops):
    balance = 0
    log = []
    for kind, amount in ops:
        if kind == "deposit":
            if amount <= 0:
                log.append(f"reject deposit {amount}")
                continue
            balance += amount
        elif kind == "withdraw":
            if amount > balance:
                log.append(f"insufficient: {balance} < {amount}")
                continue
            balance -= amount
        else:
            log.append("unknown op " + repr(kind))
            continue
        log.append(f"{kind} {amount} -> {balance}")
    return balance, log

# args: 1000, 5, 3 | 0, 10, 1 | 250000, 4, 10
def _compound(principal, rate_pct, years):
    history = [principal]
    for _ in range(years):
        principal += principal * rate_pct // 100
        history.append(principal)
    return history

# args: 100, 0 | 7, 3
def _safe_div(a, b):
    assert b != 0, "division by zero"
    return a // b, a % b

# args: {"alice": 50, "bob": 20}, "alice", "bob", 30 | {"alice": 50}, "alice", "carol", 80
def _transfer(accounts, src, dst, amt):
    if accounts.get(src, 0) < amt:
        return False, accounts
    accounts[src] -= amt
    accounts[dst] = accounts.get(dst, 0) + amt
    return True, accounts

# args: [("a", 10), ("b", -3), ("a", -4), ("c", 0)]
def _summaries(entries):
    totals = {}
    counts = {}
    for who, amt in entries:
        totals[who] = totals.get(who, 0) + amt
        counts[who] = counts.get(who, 0) + 1
    richest = max(totals, key=lambda k: totals[k])
    avg = {k: totals[k] // counts[k] for k in totals}
    return totals, richest, avg, sorted(totals.items(), key=lambda kv: kv[1], reverse=True)
