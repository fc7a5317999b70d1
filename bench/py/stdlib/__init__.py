"""A stand-in for vm-py's stdlib so CPython can run the benchmark contracts unchanged.

Only what the workloads touch; no metering. Storage is a dict, hashes come from hashlib.
"""
