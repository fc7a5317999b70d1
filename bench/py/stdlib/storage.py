"""storage with vm-py's semantics (b"" deletes, absent reads give the default), in a dict."""

_slots = {}


def reset():
    _slots.clear()


def get(key, default=None):
    return _slots.get(key, default)


def set(key, value):
    if value:
        _slots[key] = value
    else:
        _slots.pop(key, None)


def delete(key):
    _slots.pop(key, None)


def exists(key):
    return key in _slots


def get_int(key, default=0):
    v = _slots.get(key)
    return default if v is None else int.from_bytes(v, "big")


def set_int(key, value):
    set(key, value.to_bytes(32, "big"))
