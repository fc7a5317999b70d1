"""hash via hashlib (sha3_256, sha3_512; keccak256 and blake3 are not in hashlib)."""
import hashlib


def sha3_256(data):
    return hashlib.sha3_256(data).digest()


def sha3_512(data):
    return hashlib.sha3_512(data).digest()
