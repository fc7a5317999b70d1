"""Tests for the exchange, run with `vm-py test examples/exchange`. The exchange trades the
token of examples/token, deployed beside it in every test."""
from stdlib import storage, testing

PRICE = 3


def setup() -> None:
    # the owner (the default sender) mints 1000 tokens and deploys the exchange for them
    tok = testing.deploy("../token/manifest.json")
    testing.call(tok, "init", [1000])
    ex = testing.deploy("manifest.json", [tok, PRICE])
    storage.set(b"tok", tok)
    storage.set(b"ex", ex)


def _tok() -> bytes:
    return storage.get(b"tok")


def _ex() -> bytes:
    return storage.get(b"ex")


def _stock(amount: int) -> None:
    testing.call(_tok(), "approve", [_ex(), amount])
    testing.call(_ex(), "stock", [amount])


def test_constructor_sets_token_and_price():
    testing.assert_eq(testing.call(_ex(), "token"), _tok())
    testing.assert_eq(testing.call(_ex(), "price"), PRICE)
    testing.assert_eq(testing.call(_ex(), "stock_level"), 0)


def test_constructor_refuses_a_bad_token_or_price():
    testing.expect_deploy_revert("manifest.json", [b"short", PRICE], reason=b"exchange: bad token address")
    testing.expect_deploy_revert("manifest.json", [_tok(), 0], reason=b"exchange: price must be positive")


def test_owner_stocks_through_the_allowance():
    _stock(400)
    testing.expect_event("Stocked", {"amount": 400})
    testing.assert_eq(testing.call(_ex(), "stock_level"), 400)
    testing.assert_eq(testing.call(_tok(), "balance_of", [testing.sender()]), 600)


def test_stock_without_allowance_reverts():
    testing.expect_revert(_ex(), "stock", [10], reason="token: allowance exceeded")
    testing.assert_eq(testing.call(_ex(), "stock_level"), 0)


def test_only_the_owner_stocks():
    eve = testing.account("eve")
    testing.expect_revert(_ex(), "stock", [10], sender=eve, reason=b"exchange: only the owner stocks")


def test_buy_pays_exactly_amount_times_price():
    _stock(100)
    bob = testing.account("bob")
    testing.set_balance(bob, 1000)
    testing.expect_revert(_ex(), "buy", [10], sender=bob, value=29, reason=b"exchange: pay exactly amount * price")
    testing.call(_ex(), "buy", [10], sender=bob, value=30)
    testing.expect_event("Bought", {"buyer": bob, "amount": 10, "paid": 30})
    testing.assert_eq(testing.call(_tok(), "balance_of", [bob]), 10)
    testing.assert_eq(testing.balance(bob), 970)
    testing.assert_eq(testing.balance(_ex()), 30)
    testing.assert_eq(testing.call(_ex(), "stock_level"), 90)


def test_buy_beyond_the_stock_reverts_and_refunds():
    _stock(5)
    bob = testing.account("bob")
    testing.set_balance(bob, 100)
    testing.expect_revert(_ex(), "buy", [6], sender=bob, value=18, reason="token: insufficient balance")
    testing.assert_eq(testing.balance(bob), 100)
    testing.assert_eq(testing.call(_ex(), "stock_level"), 5)


def test_sell_back_for_value():
    _stock(100)
    bob = testing.account("bob")
    testing.set_balance(bob, 300)
    testing.call(_ex(), "buy", [50], sender=bob, value=150)
    testing.call(_tok(), "approve", [_ex(), 20], sender=bob)
    testing.call(_ex(), "sell", [20], sender=bob)
    testing.expect_event("Sold", {"seller": bob, "amount": 20, "paid": 60})
    testing.assert_eq(testing.call(_tok(), "balance_of", [bob]), 30)
    testing.assert_eq(testing.balance(bob), 210)
    testing.assert_eq(testing.call(_ex(), "stock_level"), 70)


def test_only_the_owner_withdraws():
    _stock(10)
    bob = testing.account("bob")
    testing.set_balance(bob, 30)
    testing.call(_ex(), "buy", [10], sender=bob, value=30)
    testing.expect_revert(_ex(), "withdraw", [30], sender=bob, reason=b"exchange: only the owner withdraws")
    before = testing.balance(testing.sender())
    testing.call(_ex(), "withdraw", [30])
    testing.assert_eq(testing.balance(testing.sender()), before + 30)
    testing.assert_eq(testing.balance(_ex()), 0)


def test_buy_any_amount(amount: int):
    # a property test: any amount either buys exactly that many tokens or reverts untouched
    # (folded into -100 .. 199, around the stock of 100, so that the payment is a valid value)
    amount = amount % 300 - 100
    _stock(100)
    bob = testing.account("bob")
    paid = amount * PRICE if amount > 0 else 0
    testing.set_balance(bob, paid)
    if amount <= 0 or amount > 100:
        testing.expect_revert(_ex(), "buy", [amount], sender=bob, value=paid)
        testing.assert_eq(testing.balance(bob), paid)
        testing.assert_eq(testing.call(_ex(), "stock_level"), 100)
        return
    testing.call(_ex(), "buy", [amount], sender=bob, value=paid)
    testing.assert_eq(testing.call(_tok(), "balance_of", [bob]), amount)
    testing.assert_eq(testing.call(_ex(), "stock_level"), 100 - amount)
