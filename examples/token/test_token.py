"""Tests for the token, run with `vm-py test examples/token`."""
from stdlib import testing


def _token() -> bytes:
    tok = testing.deploy("manifest.json")
    testing.call(tok, "init", [1000])
    return tok


def test_init_mints_to_caller():
    tok = testing.deploy("manifest.json")
    testing.call(tok, "init", [1000])
    testing.expect_event("Transfer", {"to": testing.sender(), "amount": 1000})
    testing.assert_eq(testing.call(tok, "total_supply"), 1000)
    testing.assert_eq(testing.call(tok, "balance_of", [testing.sender()]), 1000)


def test_init_only_once():
    tok = _token()
    testing.expect_revert(tok, "init", [5], reason="token: already initialized")


def test_transfer_from_needs_allowance():
    tok = _token()
    owner = testing.sender()
    bob = testing.account("bob")
    testing.expect_revert(tok, "transfer_from", [owner, bob, 1], reason="token: allowance exceeded", sender=bob)
    testing.call(tok, "approve", [bob, 5])
    testing.call(tok, "transfer_from", [owner, bob, 5], sender=bob)
    testing.assert_eq(testing.call(tok, "balance_of", [bob]), 5)


def test_transfer_moves_exactly(amount: int):
    # a property test: amount is generated, and a failure is shrunk to the smallest case
    tok = _token()
    bob = testing.account("bob")
    if amount < 0 or amount > 1000:
        testing.expect_revert(tok, "transfer", [bob, amount])
        return
    testing.call(tok, "transfer", [bob, amount])
    testing.assert_eq(testing.call(tok, "balance_of", [bob]), amount)
    testing.assert_eq(testing.call(tok, "balance_of", [testing.sender()]), 1000 - amount)
