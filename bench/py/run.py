"""Time one benchmark contract's main(n) in CPython: warm-up, then timed runs, in-process.

Usage: run.py <contract.py> <n> <runs> <warmups>; prints one JSON line
{"ms": [...], "cpu": [...], "result": "..."} (ints as decimal, bytes as 0x-hex, like the JS side).
"""
import importlib.util
import json
import sys
import time

from stdlib import storage

WARM_MS = 1000  # same as bench/measure.ts
MAX_WARM = 100


def load(path):
    spec = importlib.util.spec_from_file_location("contract", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def canonical(v):
    return "0x" + v.hex() if isinstance(v, bytes) else str(v)


def main():
    path, n, runs, warmups = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    fn = load(path).main
    result = None
    ms = []
    cpu = []
    warmed = 0
    warm_ms = 0.0
    # warm-up rule as in bench/measure.ts: at least `warmups` calls and WARM_MS of calls, at most MAX_WARM
    while len(ms) < runs:
        storage.reset()  # a fresh state per call, as for vm-py
        c0 = time.process_time_ns()
        t0 = time.perf_counter_ns()
        result = fn(n)
        t1 = time.perf_counter_ns()
        c1 = time.process_time_ns()
        dt = (t1 - t0) / 1e6
        if warmed < warmups or (warm_ms < WARM_MS and warmed < MAX_WARM):
            warmed += 1
            warm_ms += dt
            continue
        ms.append(dt)
        cpu.append((c1 - c0) / 1e6)
    print(json.dumps({"ms": ms, "cpu": cpu, "result": canonical(result)}))


main()
