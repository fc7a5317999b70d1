"""Token: a fixed-supply fungible token. init() mints the whole supply to its caller once;
holders transfer, approve spenders, and spenders move approved amounts with
transfer_from(). Every movement emits Transfer, every approval emits Approval. Zero
balances and allowances are deleted, so storage holds only live entries."""
from stdlib import storage, events, abi, hash

NAME = "Animica Test Token"
SYMBOL = "ATT"
DECIMALS = 18
MAX_SUPPLY = 2**256 - 1
ADDRESS_LEN = 32
# mints come from the all-zero address (written out: module constants are literals)
ZERO_ADDRESS = b"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"

K_OWNER = b"token:owner"
K_SUPPLY = b"token:supply"
P_BALANCE = b"bal:"
ALLOWANCE_DOMAIN = b"token:allow|"


def _check_address(addr: bytes) -> None:
    abi.require(len(addr) == ADDRESS_LEN, b"token: bad address length")


def _balance_key(owner: bytes) -> bytes:
    return P_BALANCE + owner


def _allowance_key(owner: bytes, spender: bytes) -> bytes:
    # owner || spender is 64 bytes; hashed it fits the 64-byte key cap with room to spare
    return hash.sha3_256(ALLOWANCE_DOMAIN + owner + spender)


def _put(key: bytes, value: int) -> None:
    if value == 0:
        storage.delete(key)
    else:
        storage.set_int(key, value)


def _move(src: bytes, dst: bytes, amount: int) -> None:
    _check_address(dst)
    abi.require(amount >= 0, b"token: negative amount")
    have = storage.get_int(_balance_key(src))
    abi.require(have >= amount, b"token: insufficient balance")
    _put(_balance_key(src), have - amount)
    _put(_balance_key(dst), storage.get_int(_balance_key(dst)) + amount)
    events.emit(b"Transfer", {"sender": src, "to": dst, "amount": amount})


def init(supply: int) -> None:
    abi.require(storage.get(K_OWNER) is None, b"token: already initialized")
    abi.require(0 < supply <= MAX_SUPPLY, b"token: bad supply")
    owner = abi.caller()
    storage.set(K_OWNER, owner)
    storage.set_int(K_SUPPLY, supply)
    storage.set_int(_balance_key(owner), supply)
    events.emit(b"Transfer", {"sender": ZERO_ADDRESS, "to": owner, "amount": supply})


def name() -> str:
    return NAME


def symbol() -> str:
    return SYMBOL


def decimals() -> int:
    return DECIMALS


def total_supply() -> int:
    return storage.get_int(K_SUPPLY)


def balance_of(owner: bytes) -> int:
    _check_address(owner)
    return storage.get_int(_balance_key(owner))


def allowance(owner: bytes, spender: bytes) -> int:
    return storage.get_int(_allowance_key(owner, spender))


def transfer(to: bytes, amount: int) -> bool:
    _move(abi.caller(), to, amount)
    return True


def approve(spender: bytes, amount: int) -> bool:
    _check_address(spender)
    abi.require(amount >= 0, b"token: negative amount")
    owner = abi.caller()
    _put(_allowance_key(owner, spender), amount)
    events.emit(b"Approval", {"owner": owner, "spender": spender, "amount": amount})
    return True


def transfer_from(owner: bytes, to: bytes, amount: int) -> bool:
    _check_address(owner)
    key = _allowance_key(owner, abi.caller())
    allowed = storage.get_int(key)
    abi.require(allowed >= amount, b"token: allowance exceeded")
    _put(key, allowed - amount)
    _move(owner, to, amount)
    return True
