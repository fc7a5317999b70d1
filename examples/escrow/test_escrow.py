"""Tests for the escrow, run with `vm-py test examples/escrow`."""
from stdlib import storage, testing


def setup() -> None:
    # accounts with funds, and a funded escrow; tests read the addresses back from storage
    depositor = testing.account("depositor")
    testing.set_balance(depositor, 1000)
    storage.set(b"escrow", testing.deploy("manifest.json"))
    testing.call(_escrow(), "setup", [testing.account("beneficiary"), testing.account("arbiter"), 600], sender=depositor, value=600)


def _escrow() -> bytes:
    return storage.get(b"escrow")


def test_setup_holds_the_deposit():
    testing.assert_eq(testing.call(_escrow(), "state"), b"funded")
    testing.assert_eq(testing.balance(_escrow()), 600)
    testing.assert_eq(testing.balance(testing.account("depositor")), 400)


def test_only_the_arbiter_settles():
    testing.expect_revert(_escrow(), "release", sender=testing.account("beneficiary"), reason=b"escrow: only the arbiter")


def test_release_pays_the_beneficiary_once():
    arbiter = testing.account("arbiter")
    testing.call(_escrow(), "release", sender=arbiter)
    testing.expect_event("released", {"to": testing.account("beneficiary"), "amount": 600})
    testing.assert_eq(testing.balance(testing.account("beneficiary")), 600)
    testing.expect_revert(_escrow(), "refund", sender=arbiter, reason=b"escrow: not funded")


def test_refund_returns_the_deposit():
    testing.call(_escrow(), "refund", sender=testing.account("arbiter"))
    testing.assert_eq(testing.balance(testing.account("depositor")), 1000)
    testing.assert_eq(testing.call(_escrow(), "state"), b"refunded")
