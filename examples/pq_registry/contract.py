"""Registry of post-quantum keys. An account registers a key by signing a message that
names this contract and itself, which proves it holds the secret key; the key's address
is the chain's derivation (pq.address). Anyone can then check signatures against a
registered address, and the registering account can revoke it."""
from stdlib import storage, events, abi, pq

REGISTER_DOMAIN = b"animica:pq-registry:v1|"
P_KEY = b"key:"
P_OWNER = b"owner:"
RECORD_TYPES = ("int", "bytes")  # a stored key: abi.encode of (alg, pubkey)


def _registration_message(owner: bytes) -> bytes:
    # binding the contract and the caller stops a signature being replayed elsewhere
    return REGISTER_DOMAIN + abi.contract_address() + owner


def register(alg: int, pubkey: bytes, sig: bytes) -> bytes:
    owner = abi.caller()
    addr = pq.address(alg, pubkey)
    abi.require(storage.get(P_KEY + addr) is None, b"registry: already registered")
    abi.require(pq.verify(alg, pubkey, _registration_message(owner), sig), b"registry: bad signature")
    storage.set(P_KEY + addr, abi.encode(RECORD_TYPES, [alg, pubkey]))
    storage.set(P_OWNER + addr, owner)
    events.emit(b"Registered", {"addr": addr, "owner": owner, "alg": alg})
    return addr


def key_of(addr: bytes) -> bytes:
    rec = storage.get(P_KEY + addr)
    if rec is None:
        return b""
    alg, pubkey = abi.decode(RECORD_TYPES, rec)
    return pubkey


def owner_of(addr: bytes) -> bytes:
    return storage.get(P_OWNER + addr, b"")


def check(addr: bytes, msg: bytes, sig: bytes) -> bool:
    rec = storage.get(P_KEY + addr)
    if rec is None:
        return False
    alg, pubkey = abi.decode(RECORD_TYPES, rec)
    return pq.verify(alg, pubkey, msg, sig)


def revoke(addr: bytes) -> None:
    abi.require(storage.get(P_OWNER + addr) == abi.caller(), b"registry: only the owner")
    storage.delete(P_KEY + addr)
    storage.delete(P_OWNER + addr)
    events.emit(b"Revoked", {"addr": addr})
