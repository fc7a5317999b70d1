"""Escrow: a depositor funds an amount for a beneficiary by sending it with setup(); an
arbiter either releases it to the beneficiary or refunds the depositor. Exactly one of the
two can happen, once, and only the arbiter decides. The funds sit in the contract's own
treasury balance until then."""
from stdlib import storage, events, abi, treasury

K_DEPOSITOR = b"escrow:depositor"
K_BENEFICIARY = b"escrow:beneficiary"
K_ARBITER = b"escrow:arbiter"
K_AMOUNT = b"escrow:amount"
K_STATE = b"escrow:state"

ADDRESS_LEN = 32


def _check_address(addr: bytes) -> None:
    abi.require(len(addr) == ADDRESS_LEN, b"escrow: bad address length")


def _only_arbiter() -> None:
    abi.require(abi.caller() == storage.get(K_ARBITER), b"escrow: only the arbiter")


def setup(beneficiary: bytes, arbiter: bytes, amount: int) -> None:
    abi.require(storage.get(K_STATE) is None, b"escrow: already set up")
    _check_address(beneficiary)
    _check_address(arbiter)
    abi.require(amount > 0, b"escrow: amount must be positive")
    # the deposit arrives with this call: anything else would leave the escrow unfunded
    abi.require(abi.call_value() == amount, b"escrow: send exactly the amount")
    storage.set(K_DEPOSITOR, abi.caller())
    storage.set(K_BENEFICIARY, beneficiary)
    storage.set(K_ARBITER, arbiter)
    storage.set_int(K_AMOUNT, amount)
    storage.set(K_STATE, b"funded")
    events.emit(b"Funded", {"beneficiary": beneficiary, "amount": amount})


def _settle(new_state: bytes, to_key: bytes) -> None:
    _only_arbiter()
    # value sent to a settlement call would be stranded in the contract
    abi.require(abi.call_value() == 0, b"escrow: settlement takes no value")
    abi.require(storage.get(K_STATE) == b"funded", b"escrow: not funded")
    storage.set(K_STATE, new_state)
    to = storage.get(to_key)
    amount = storage.get_int(K_AMOUNT)
    treasury.transfer(to, amount)
    events.emit(new_state, {"to": to, "amount": amount})


def release() -> None:
    _settle(b"released", K_BENEFICIARY)


def refund() -> None:
    _settle(b"refunded", K_DEPOSITOR)


def state() -> bytes:
    return storage.get(K_STATE, b"empty")


def amount() -> int:
    return storage.get_int(K_AMOUNT)


def held() -> int:
    return treasury.balance()
