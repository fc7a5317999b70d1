// The memory bound (spec/DETERMINISM.md "Memory"): contract values held by one call never
// pass limits.max_memory_bytes; values are counted as they are made and the live set is
// measured when the count passes the cap, so garbage never counts against a call.
import { describe, expect, test } from 'vitest';
import { defaultBlock } from '../core/context.js';
import { executeCall, type Receipt } from '../node/execute.js';
import { MemoryState } from '../node/state.js';
import { CONSTANTS, DEFAULT_LIMITS } from '../spec/table.js';
import { TestContract } from './helpers/contract.js';

const SRC = `
def grow(n: int) -> int:
    xs = [b"x"]
    for i in range(n):
        xs.append(xs[-1] + b"y" * 1000)
    return len(xs)

def nested(n: int) -> int:
    outer = []
    for i in range(n):
        inner = []
        for j in range(100):
            inner.append([j, b"z" * 100, (j, "abc" * 10)])
        outer.append({"k": inner, "t": (inner, inner)})
    return len(outer)

def selfref(n: int) -> int:
    xs = [b"q" * 1000]
    xs.append(xs)
    t = (xs, xs)
    for i in range(n):
        xs.append(t)
        xs.append(b"w" * 100)
    return len(xs)

def churn(n: int) -> int:
    total = 0
    for i in range(n):
        s = b""
        for k in range(100):
            s = s + b"abcdefghij"
        ys = [s, s + s]
        total = total + len(ys[1])
    return total

def w5(n: int) -> int:
    b = b""
    for i in range(n):
        b = b + b"\\x01\\x02"
    acc = 0
    for i in range(n):
        s = b[i:i + 32]
        acc = acc + len(s) + s[0]
    return acc

def w6(n: int) -> int:
    s = 0
    done = 0
    while done < n:
        xs = []
        for i in range(min(50000, n - done)):
            xs.append(i)
        for x in xs:
            s = s + x
        done = done + len(xs)
    return s

def w6_rounds(n: int) -> int:
    s = 0
    for r in range(n):
        xs = list(range(50000))
        s = s + len(xs) + xs[-1]
    return s

def bigints(n: int) -> int:
    xs = []
    for i in range(n):
        xs.append((1 << 4000) + i)
    return len(xs)

def tuple_alias() -> int:
    t = (3, 1, 2)
    xs = list(t)
    xs.append(9)
    ys = sorted(t)
    zs = reversed(t)
    return len(t) * 1000 + t[0] * 100 + t[1] * 10 + t[2]

def blen(b: bytes) -> int:
    return len(b)

def hold(n: int) -> int:
    xs = [b"h" * 1000 for i in range(n)]
    return len(xs)
`;

const c = new TestContract(SRC);
function call(fn: string, args: unknown[], memory?: number, gas = 1e12): Receipt {
  const limits = memory === undefined ? DEFAULT_LIMITS : { ...DEFAULT_LIMITS, max_memory_bytes: memory };
  return executeCall({ module: c.module, calldata: c.calldata(fn, args), gasLimit: gas, tx: c.tx, block: defaultBlock(), state: new MemoryState(), limits });
}
const isMemErr = (r: Receipt): void => {
  expect(r.status).toBe('ERROR');
  expect(r.error?.kind).toBe('MemoryError');
  expect(r.error?.message).toMatch(/contract values held by the call exceed the limit/);
};

describe('max_memory_bytes', () => {
  test('a list grown without bound ends in MemoryError before the process memory grows', () => {
    const heap0 = process.memoryUsage().heapUsed;
    const t0 = Date.now();
    const r = call('grow', [1_000_000]);
    isMemErr(r);
    expect(Date.now() - t0).toBeLessThan(5000);
    // the default cap is 8 MiB: the call stopped long before holding much more
    expect(process.memoryUsage().heapUsed - heap0).toBeLessThan(200 * 2 ** 20);
    // a lowered cap stops it sooner, and the same way on every run
    const a = call('grow', [1_000_000], 1 << 20);
    const b = call('grow', [1_000_000], 1 << 20);
    isMemErr(a);
    expect(a.gasUsed).toBe(b.gasUsed);
    expect(a.gasUsed).toBeLessThan(r.gasUsed);
  });

  test('the bound counts nested containers', () => {
    expect(call('nested', [10], 1 << 20).status).toBe('SUCCESS');
    isMemErr(call('nested', [200], 1 << 20));
  });

  test('a self-containing list is measured once per container', () => {
    const ok = call('selfref', [100], 1 << 20);
    expect(ok.status).toBe('SUCCESS');
    expect(ok.returnValue).toBe(202);
    isMemErr(call('selfref', [20_000], 1 << 20));
  });

  test('10x the cap in temporaries with little held succeeds', () => {
    // each round makes ~55 KB and drops it: 200 rounds are 10x a 1 MiB cap
    const r = call('churn', [200], 1 << 20);
    expect(r.status).toBe('SUCCESS');
    expect(r.returnValue).toBe(200 * 2000);
  });

  test('W5- and W6-like loops (over 8 MiB of temporaries) succeed under the default cap, gas unchanged', () => {
    // W5: ~100 MB of bytes made by concatenation, 20 KB held
    const w5 = call('w5', [10_000]);
    expect(w5.status).toBe('SUCCESS');
    // W6: lists of 50,000 built and dropped in turn (40 x 400 KB)
    const w6 = call('w6_rounds', [40]);
    expect(w6.status).toBe('SUCCESS');
    expect(w6.returnValue).toBe(40 * 99999);
    // W6 itself under a lowered cap: a 50,000-item list held (two at a time: the finished
    // loop's state slot keeps the last list until the loop starts again), checks run
    const w6s = call('w6', [120_000], 1 << 20);
    expect(w6s.status).toBe('SUCCESS');
    expect(w6s.returnValue).toBe(2 * 1249975000 + 199990000);
    // the count is not gas; the walks it triggers are, at G_WALK_REF per reference followed:
    // a huge cap (no check ever runs) differs by exactly those (tests/memory_walk_gas.test.ts)
    for (const [fn, n, r] of [
      ['w5', 10_000, w5],
      ['w6_rounds', 40, w6],
      ['w6', 120_000, w6s],
    ] as const) {
      const free = call(fn, [n], 2 ** 50).gasUsed;
      expect(free).toBeLessThanOrEqual(r.gasUsed);
      expect((r.gasUsed - free) % CONSTANTS.G_WALK_REF).toBe(0);
    }
  });

  test('big ints count their magnitude', () => {
    expect(call('bigints', [1000], 1 << 20).status).toBe('SUCCESS'); // ~500 KB
    isMemErr(call('bigints', [4000], 1 << 20)); // ~2 MB
  });

  test('the live set is what decides: holding just under the cap succeeds, just over fails', () => {
    // n items of 1000 bytes: 1000 n + 8 n + 16 for the list, plus a little for the frame
    expect(call('hold', [1000], 1_100_000).status).toBe('SUCCESS');
    isMemErr(call('hold', [1100], 1_100_000));
  });

  test('arguments count: a call whose arguments pass the cap fails at entry', () => {
    const arg = '0x' + '61'.repeat(2000);
    isMemErr(call('blen', [arg], 1000));
    expect(call('blen', [arg], 4000).returnValue).toBe(2000);
  });

  test('list(), sorted() and reversed() of a tuple make a new list (identity decides what counts)', () => {
    expect(call('tuple_alias', []).returnValue).toBe(3312); // CPython: the tuple is unchanged
  });
});

describe('measure: each container counts once per walk', () => {
  test('a tuple reached as the items array a loop holds and as a tuple counts once; so does a shared dict', async () => {
    const { measure } = await import('../core/memory.js');
    const { PyDict, PyTuple } = await import('../core/values.js');
    const t = new PyTuple([1, 'abc', new Uint8Array(5)]); // 16 + 24 + 3 + 5 = 48
    const d = new PyDict();
    d.set('k', t); // 16 + 16 + 1 (the key) + the tuple
    const l = [t, d, d, t]; // 16 + 32
    expect(measure([t.items], 0, 1, 1e9)).toBe(48);
    expect(measure([t], 0, 1, 1e9)).toBe(48);
    expect(measure([d], 0, 1, 1e9)).toBe(33 + 48);
    // the loop's array first or last among the roots, the tuple inside the list and the dict
    expect(measure([l, t.items, d], 0, 3, 1e9)).toBe(48 + 33 + 48);
    expect(measure([t.items, l], 0, 2, 1e9)).toBe(48 + 33 + 48);
    // a second walk counts everything again (the marks of the first are stale)
    expect(measure([l, l], 0, 2, 1e9)).toBe(48 + 33 + 48);
    // past the cap the walk stops with a value above it
    expect(measure([l], 0, 1, 50)).toBeGreaterThan(50);
  });
});
