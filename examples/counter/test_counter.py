"""Tests for the counter, run with `vm-py test examples/counter`."""
from stdlib import testing


def test_inc_counts_and_emits():
    c = testing.deploy("manifest.json")
    testing.assert_eq(testing.call(c, "inc"), 1)
    testing.expect_event("Inc", {"value": 1})
    testing.assert_eq(testing.call(c, "inc"), 2)


def test_set_rejects_negative():
    c = testing.deploy("manifest.json")
    testing.expect_revert(c, "set", [-1], reason=b"counter: negative value")


def test_set_then_get(n: int):
    # a property test over generated n
    c = testing.deploy("manifest.json")
    if n < 0 or n >= 2**256:
        testing.expect_revert(c, "set", [n])
    else:
        testing.call(c, "set", [n])
        testing.assert_eq(testing.call(c, "get"), n)
