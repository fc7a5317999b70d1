"""G10: an ERC-20 ledger in memory: dicts keyed by 32-byte addresses, balances above 2**53,
transfer / approve / transfer_from through helpers."""

SUPPLY = 10**27
ACCOUNTS = 1000


def _addr(i: int) -> bytes:
    return (i * 2654435761 % 2**32 + 2**200).to_bytes(32, "big")


def _transfer(balances: dict, src: bytes, dst: bytes, amount: int) -> bool:
    bal = balances.get(src, 0)
    if bal < amount:
        return False
    balances[src] = bal - amount
    balances[dst] = balances.get(dst, 0) + amount
    return True


def _approve(allowances: dict, owner: bytes, spender: bytes, amount: int) -> None:
    allowances[owner + spender] = amount


def _transfer_from(balances: dict, allowances: dict, spender: bytes, src: bytes, dst: bytes, amount: int) -> bool:
    key = src + spender
    allowed = allowances.get(key, 0)
    if allowed < amount:
        return False
    if not _transfer(balances, src, dst, amount):
        return False
    allowances[key] = allowed - amount
    return True


def main(n: int) -> int:
    balances = {}
    allowances = {}
    accounts = [_addr(i) for i in range(ACCOUNTS)]
    balances[accounts[0]] = SUPPLY
    for i in range(1, ACCOUNTS):
        _transfer(balances, accounts[0], accounts[i], SUPPLY // (2 * ACCOUNTS) + i)
    ok = 0
    i = 0
    while i < n:
        src = accounts[i % ACCOUNTS]
        dst = accounts[(i * 7 + 3) % ACCOUNTS]
        amount = (i * 10**15) % 10**18 + 1
        if i % 4 == 0:
            _approve(allowances, src, dst, amount * 2)
            if _transfer_from(balances, allowances, dst, src, accounts[(i + 1) % ACCOUNTS], amount):
                ok = ok + 1
        elif _transfer(balances, src, dst, amount):
            ok = ok + 1
        i = i + 1
    total = 0
    for a in accounts:
        total = total + balances.get(a, 0)
    assert total == SUPPLY, "supply changed"
    return ok * 10**30 + balances[accounts[1]] + len(allowances)
