"""Multisig: owners fixed at deploy propose calls to any contract; once `threshold` owners
have approved a proposal, any owner executes it and the multisig makes the call, sending
value from its own balance. A proposal names the target, the function, the argument types
and the ABI-encoded arguments (abi.encode), so any function of any contract can be called.
A call that fails reverts the execution, which can then be retried."""
from stdlib import storage, abi, events, hash, contracts

K_THRESHOLD = b"ms:threshold"
K_COUNT = b"ms:count"
P_OWNER = b"owner:"
P_PROPOSAL = b"prop:"
P_APPROVALS = b"count:"
P_DONE = b"done:"
APPROVED_DOMAIN = b"ms:approved|"
ADDRESS_LEN = 32
PROPOSAL_TYPES = ("bytes", "str", "list<str>", "bytes", "int")


def __init__(owners: list[bytes], threshold: int) -> None:
    abi.require(0 < threshold <= len(owners), b"multisig: threshold must be 1..len(owners)")
    for owner in owners:
        abi.require(len(owner) == ADDRESS_LEN, b"multisig: bad owner address")
        abi.require(not storage.exists(P_OWNER + owner), b"multisig: duplicate owner")
        storage.set_int(P_OWNER + owner, 1)
    storage.set_int(K_THRESHOLD, threshold)


def _owner() -> bytes:
    who = abi.caller()
    abi.require(storage.exists(P_OWNER + who), b"multisig: not an owner")
    return who


def _id(pid: int) -> bytes:
    return pid.to_bytes(8, "big")


def _open(pid: int) -> bytes:
    abi.require(0 <= pid < storage.get_int(K_COUNT), b"multisig: no such proposal")
    abi.require(not storage.exists(P_DONE + _id(pid)), b"multisig: already executed")
    return _id(pid)


def is_owner(who: bytes) -> bool:
    return storage.exists(P_OWNER + who)


def threshold() -> int:
    return storage.get_int(K_THRESHOLD)


def propose(target: bytes, fn: str, types: list[str], args: bytes, value: int) -> int:
    _owner()
    abi.require(len(target) == ADDRESS_LEN, b"multisig: bad target address")
    abi.require(value >= 0, b"multisig: negative value")
    # the arguments must decode by their types now, not only at execution
    abi.decode(types, args)
    pid = storage.get_int(K_COUNT)
    storage.set_int(K_COUNT, pid + 1)
    storage.set(P_PROPOSAL + _id(pid), abi.encode(PROPOSAL_TYPES, [target, fn, types, args, value]))
    events.emit(b"Proposed", {"id": pid, "target": target, "fn": fn, "value": value})
    return pid


def approve(pid: int) -> int:
    who = _owner()
    key = _open(pid)
    mark = hash.sha3_256(APPROVED_DOMAIN + key + who)
    abi.require(not storage.exists(mark), b"multisig: already approved")
    storage.set_int(mark, 1)
    n = storage.get_int(P_APPROVALS + key) + 1
    storage.set_int(P_APPROVALS + key, n)
    events.emit(b"Approved", {"id": pid, "owner": who, "approvals": n})
    return n


def approvals(pid: int) -> int:
    return storage.get_int(P_APPROVALS + _id(pid))


def execute(pid: int) -> None:
    _owner()
    key = _open(pid)
    abi.require(storage.get_int(P_APPROVALS + key) >= storage.get_int(K_THRESHOLD), b"multisig: not enough approvals")
    storage.set_int(P_DONE + key, 1)
    target, fn, types, args, value = abi.decode(PROPOSAL_TYPES, storage.get(P_PROPOSAL + key))
    contracts.call(target, fn, abi.decode(types, args), value=value)
    events.emit(b"Executed", {"id": pid})
