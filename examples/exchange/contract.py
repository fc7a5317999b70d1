"""Exchange: buys and sells one token at a fixed price in the chain's native value, moving
the tokens through the token contract's approve / transfer_from. The owner stocks it with
tokens (approve the exchange on the token, then stock()); buyers pay value for tokens
(buy()); holders approve the exchange and sell() tokens back for value. The token and the
price are set at deploy, by the constructor, so no one can take the exchange over first."""
from stdlib import storage, abi, events, treasury, contracts

K_TOKEN = b"ex:token"
K_PRICE = b"ex:price"
K_OWNER = b"ex:owner"
ADDRESS_LEN = 32


def __init__(token: bytes, price: int) -> None:
    abi.require(len(token) == ADDRESS_LEN, b"exchange: bad token address")
    abi.require(price > 0, b"exchange: price must be positive")
    storage.set(K_TOKEN, token)
    storage.set_int(K_PRICE, price)
    storage.set(K_OWNER, abi.caller())


def _token() -> bytes:
    return storage.get(K_TOKEN)


def token() -> bytes:
    return _token()


def price() -> int:
    return storage.get_int(K_PRICE)


def stock(amount: int) -> None:
    owner = storage.get(K_OWNER)
    abi.require(abi.caller() == owner, b"exchange: only the owner stocks")
    abi.require(amount > 0, b"exchange: amount must be positive")
    # pulls the owner's tokens: the owner approved the exchange on the token first
    contracts.call(_token(), "transfer_from", [owner, abi.contract_address(), amount])
    events.emit(b"Stocked", {"amount": amount})


def buy(amount: int) -> None:
    abi.require(amount > 0, b"exchange: amount must be positive")
    cost = amount * storage.get_int(K_PRICE)
    abi.require(abi.call_value() == cost, b"exchange: pay exactly amount * price")
    buyer = abi.caller()
    # the token reverts when the stock is short, and the payment goes back with it
    contracts.call(_token(), "transfer", [buyer, amount])
    events.emit(b"Bought", {"buyer": buyer, "amount": amount, "paid": cost})


def sell(amount: int) -> None:
    abi.require(amount > 0, b"exchange: amount must be positive")
    seller = abi.caller()
    contracts.call(_token(), "transfer_from", [seller, abi.contract_address(), amount])
    pay = amount * storage.get_int(K_PRICE)
    treasury.transfer(seller, pay)
    events.emit(b"Sold", {"seller": seller, "amount": amount, "paid": pay})


def stock_level() -> int:
    return contracts.static_call(_token(), "balance_of", [abi.contract_address()])


def withdraw(amount: int) -> None:
    owner = storage.get(K_OWNER)
    abi.require(abi.caller() == owner, b"exchange: only the owner withdraws")
    treasury.transfer(owner, amount)
