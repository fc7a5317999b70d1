"""Tests for the multisig, run with `vm-py test examples/multisig`. Proposals call the counter
of examples/counter, deployed beside it in every test."""
from stdlib import abi, storage, testing


def setup() -> None:
    # three owners, two approvals needed
    owners = [testing.account("alice"), testing.account("bob"), testing.account("carol")]
    storage.set(b"ms", testing.deploy("manifest.json", [owners, 2]))
    storage.set(b"counter", testing.deploy("../counter/manifest.json"))


def _ms() -> bytes:
    return storage.get(b"ms")


def _counter() -> bytes:
    return storage.get(b"counter")


def _propose_set(n: int) -> int:
    args = abi.encode(["int"], [n])
    return testing.call(_ms(), "propose", [_counter(), "set", ["int"], args, 0], sender=testing.account("alice"))


def test_owners_and_threshold():
    testing.assert_eq(testing.call(_ms(), "threshold"), 2)
    testing.assert_eq(testing.call(_ms(), "is_owner", [testing.account("bob")]), True)
    testing.assert_eq(testing.call(_ms(), "is_owner", [testing.account("eve")]), False)


def test_propose_numbers_proposals_and_emits():
    testing.assert_eq(_propose_set(7), 0)
    testing.expect_event("Proposed", {"id": 0, "target": _counter(), "fn": "set", "value": 0})
    testing.assert_eq(_propose_set(8), 1)


def test_only_owners_propose_and_approve():
    eve = testing.account("eve")
    args = abi.encode(["int"], [1])
    testing.expect_revert(_ms(), "propose", [_counter(), "set", ["int"], args, 0], sender=eve, reason=b"multisig: not an owner")
    pid = _propose_set(1)
    testing.expect_revert(_ms(), "approve", [pid], sender=eve, reason=b"multisig: not an owner")


def test_propose_checks_the_arguments_decode():
    alice = testing.account("alice")
    testing.expect_error(_ms(), "propose", [_counter(), "set", ["int"], b"\xff", 0], kind="ValueError", sender=alice)
    testing.expect_revert(_ms(), "propose", [b"short", "set", ["int"], abi.encode(["int"], [1]), 0], sender=alice, reason=b"multisig: bad target address")


def test_execute_needs_the_threshold():
    pid = _propose_set(41)
    testing.call(_ms(), "approve", [pid], sender=testing.account("alice"))
    testing.expect_event("Approved", {"id": pid, "owner": testing.account("alice"), "approvals": 1})
    testing.expect_revert(_ms(), "execute", [pid], sender=testing.account("alice"), reason=b"multisig: not enough approvals")
    testing.assert_eq(testing.call(_ms(), "approve", [pid], sender=testing.account("carol")), 2)
    testing.call(_ms(), "execute", [pid], sender=testing.account("bob"))
    testing.expect_event("Executed", {"id": pid})
    testing.assert_eq(testing.call(_counter(), "get"), 41)


def test_an_owner_approves_once():
    pid = _propose_set(3)
    testing.call(_ms(), "approve", [pid], sender=testing.account("bob"))
    testing.expect_revert(_ms(), "approve", [pid], sender=testing.account("bob"), reason=b"multisig: already approved")
    testing.assert_eq(testing.call(_ms(), "approvals", [pid]), 1)


def test_executes_once_and_only_known_proposals():
    pid = _propose_set(5)
    testing.call(_ms(), "approve", [pid], sender=testing.account("alice"))
    testing.call(_ms(), "approve", [pid], sender=testing.account("bob"))
    testing.call(_ms(), "execute", [pid], sender=testing.account("carol"))
    testing.expect_revert(_ms(), "execute", [pid], sender=testing.account("carol"), reason=b"multisig: already executed")
    testing.expect_revert(_ms(), "approve", [pid + 1], sender=testing.account("carol"), reason=b"multisig: no such proposal")


def test_a_failed_call_fails_the_execution_which_stays_open():
    # the counter has no function "nope": the call fails, and so does the execution
    alice = testing.account("alice")
    pid = testing.call(_ms(), "propose", [_counter(), "nope", [], b"", 0], sender=alice)
    testing.call(_ms(), "approve", [pid], sender=alice)
    testing.call(_ms(), "approve", [pid], sender=testing.account("bob"))
    testing.expect_error(_ms(), "execute", [pid], kind="CallError", sender=alice)
    # nothing was marked done: the proposal is still open
    testing.assert_eq(testing.call(_ms(), "approvals", [pid]), 2)


def test_constructor_threshold_bounds():
    owners = [testing.account("alice"), testing.account("bob")]
    ms = testing.deploy("manifest.json", [owners, 2])
    testing.assert_eq(testing.call(ms, "threshold"), 2)
    testing.expect_deploy_revert("manifest.json", [owners, 3], reason=b"multisig: threshold must be 1..len(owners)")
    testing.expect_deploy_revert("manifest.json", [owners, 0], reason=b"multisig: threshold must be 1..len(owners)")
    twice = [testing.account("alice"), testing.account("alice")]
    testing.expect_deploy_revert("manifest.json", [twice, 1], reason=b"multisig: duplicate owner")
