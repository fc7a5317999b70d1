"""Counter: the smallest useful contract. One integer in storage, an event on each change."""
from stdlib import storage, events, abi

KEY: bytes = b"counter"


def get() -> int:
    return storage.get_int(KEY)


def inc() -> int:
    value = storage.get_int(KEY) + 1
    storage.set_int(KEY, value)
    events.emit(b"Inc", {"value": value})
    return value


def set(n: int) -> None:
    abi.require(n >= 0, b"counter: negative value")
    storage.set_int(KEY, n)
    events.emit(b"Set", {"value": n})
