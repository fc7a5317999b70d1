"""A little ledger: balances from a list of transfers."""

# args: [("alice", "bob", 10), ("bob", "carol", 5), ("alice", "carol", 3)] | [] | [("a", "a", 5)]
def _balances(transfers):
    bal = {}
    for sender, receiver, amount in transfers:
        bal[sender] = bal.get(sender, 0) - amount
        bal[receiver] = bal.get(receiver, 0) + amount
    return bal

# args: {"alice": 100, "bob": 50}, [("alice", "bob", 30), ("bob", "alice", 100), ("bob", "carol", 80)]
def _apply(accounts, transfers):
    accounts = dict(accounts)
    rejected = []
    for i, (src, dst, amt) in enumerate(transfers):
        if accounts.get(src, 0) < amt:
            rejected.append(i)
            continue
        accounts[src] -= amt
        accounts[dst] = accounts.get(dst, 0) + amt
    return accounts, rejected

# args: [("alice", 10), ("bob", 20), ("alice", 5), ("carol", 1), ("bob", 1)]
def _group_by_owner(entries):
    groups = {}
    for owner, amount in entries:
        if owner not in groups:
            groups[owner] = []
        groups[owner].append(amount)
    totals = {k: sum(v) for k, v in groups.items()}
    return groups, totals

# args: [100, -20, -30, 50, -200] | [] | [5]
def _running_balance(deltas):
    total = 0
    history = []
    lowest = None
    for d in deltas:
        total += d
        history.append(total)
        if lowest is None or total < lowest:
            lowest = total
    return history, lowest

# args: 1000, 3, 5 | 0, 10, 2 | 12345, 7, 3
def _split_evenly(amount, people, fee_pct):
    fee = amount * fee_pct // 100
    rest = amount - fee
    share, remainder = divmod(rest, people)
    shares = [share] * people
    for i in range(remainder):
        shares[i] += 1
    return fee, shares, sum(shares) + fee == amount

# args: {"a": 5, "b": 0, "c": 7}
def _nonzero(bal):
    return {k: v for k, v in bal.items() if v}

# args: 12345678 | 0 | -1234 | 1000
def _fmt_amount(cents):
    sign = "-" if cents < 0 else ""
    cents = abs(cents)
    return f"{sign}{cents // 100:,}.{cents % 100:02d}"
