// The estimator's bound on constant-range loops and on storage reads: tight where the walk
// knows the counts, never below what a call uses, and `unbounded` where it cannot know.
import { describe, expect, test } from 'vitest';
import { estimateGas } from '../compiler/gas_estimate.js';
import { ENTRY } from '../spec/table.js';
import { TestContract } from './helpers/contract.js';

/** Gas a call used beyond its entry cost (what the estimator bounds). */
function used(c: TestContract, fn: string, args: unknown[]): number {
  const r = c.call(fn, args, 100_000_000);
  expect(r.status, `${fn}(${JSON.stringify(args)})`).not.toBe('OOG');
  return r.gasUsed + r.refund - ENTRY.base - ENTRY.perCalldataByte * c.calldata(fn, args).length;
}

const LOOPS = `
from stdlib import storage, hash

def sum_range(x: int) -> int:
    t = 0
    for i in range(100):
        if i == x:
            continue
        if t > 100000:
            break
        t += i * 3
    return t

def nested(x: int) -> int:
    t = 0
    for i in range(8):
        for j in range(2, 20, 3):
            t += i * j + x % 7
    return t

def grows(x: int) -> bytes:
    s = b""
    for i in range(40):
        s = s + b"abcdefgh"
        if x == i:
            return hash.sha3_256(s)
    return hash.sha3_256(s)

def down(x: int) -> int:
    t = x % 1000
    for i in range(50, 0, -7):
        t = t * 2 % 100003
    return t

def writes(x: int) -> int:
    for i in range(4):
        storage.set_int(i.to_bytes(1, "big"), 7)
    return storage.get_int(b"\\x02")

def empty(x: int) -> int:
    for i in range(5, 5):
        x += 1
    return x
`;

describe('constant-range loops', () => {
  const c = new TestContract(LOOPS);
  const b = estimateGas(c.compiled.module).functions;

  // x near the int cap makes every operation on it as costly as it gets
  const BIG = '-' + '9'.repeat(1200);
  const cases: [string, unknown[][]][] = [
    ['sum_range', [[-1], [3], [99], [BIG]]],
    ['nested', [[0], [5], [BIG]]],
    ['grows', [[0], [17], [39], [BIG]]],
    ['down', [[1], [BIG]]],
    ['writes', [[0], [BIG]]],
    ['empty', [[BIG]]],
  ];
  for (const [fn, inputs] of cases)
    test(`${fn}: bound >= used, and within 10% of the worst input`, () => {
      const bound = b.get(fn);
      expect(typeof bound, `${fn}: ${bound}`).toBe('number');
      let worst = 0;
      for (const a of inputs) {
        const g = used(c, fn, [...a]);
        expect(bound as number, `${fn}(${a})`).toBeGreaterThanOrEqual(g);
        worst = Math.max(worst, g);
      }
      expect(bound as number).toBeLessThanOrEqual(worst * 1.1);
    });

  test('a range of unknown length, a while loop and a loop over a list stay unbounded', () => {
    const u = new TestContract(`
def f(n: int) -> int:
    t = 0
    for i in range(n):
        t += i
    return t

def g(xs: list[int]) -> int:
    t = 0
    for x in xs:
        t += x
    return t

def h(n: int) -> int:
    while n > 0:
        n -= 1
    return n
`);
    const e = estimateGas(u.compiled.module).functions;
    expect(e.get('f')).toBe('unbounded: for loop over a range of unknown length at contract.py:4');
    expect(e.get('g')).toBe('unbounded: for loop at contract.py:10');
    expect(e.get('h')).toBe('unbounded: while loop at contract.py:15');
  });

  test('a loop whose state never repeats is walked to its count, or given up on', () => {
    const u = new TestContract(`
def f(x: int) -> int:
    for i in range(3000):
        x = x * 2
    return x

def g(x: int) -> int:
    for i in range(1000000):
        for j in range(1000000):
            x += j
    return x

def h(x: int) -> bytes:
    s = b""
    for i in range(1000000):
        s = s + b"y"
    return s
`);
    const e = estimateGas(u.compiled.module).functions;
    expect(typeof e.get('f')).toBe('number');
    expect(e.get('f') as number).toBeGreaterThanOrEqual(used(u, 'f', [3]));
    // a trillion iterations of a body that repeats: a number, and no less than their base costs
    expect(e.get('g') as number).toBeGreaterThan(1e12 * 10);
    // x grows by a byte per iteration for a million iterations: too many to walk
    expect(e.get('h')).toMatch(/^unbounded: loops too long to walk at contract\.py:\d+$/);
  });
});

describe('storage reads find what the contract wrote', () => {
  test('reads are priced by the longest value written, found by induction over the writes', () => {
    const c = new TestContract(`
from stdlib import storage, abi

def put(v: bytes) -> None:
    abi.require(len(v) == 100, b"len")
    storage.set(b"k", v)

def get() -> bytes:
    return storage.get(b"k", b"")
`);
    const e = estimateGas(c.compiled.module).functions;
    c.call('put', ['0x' + 'ab'.repeat(100)]);
    const g = used(c, 'get', []);
    expect(e.get('get') as number).toBeGreaterThanOrEqual(g);
    // 100 bytes are 4 words: a read of the 64 KB cap would be priced at 2,048
    expect(e.get('get') as number).toBeLessThan(g + 20);
  });

  test('a write that grows with every call leaves reads at the cap', () => {
    const c = new TestContract(`
from stdlib import storage

def grow() -> None:
    storage.set(b"k", storage.get(b"k", b"") + b"x")

def get() -> bytes:
    return storage.get(b"k", b"")
`);
    const e = estimateGas(c.compiled.module).functions;
    // 65,536 bytes are 2,048 words at the read's 3 gas each
    expect(e.get('get') as number).toBeGreaterThanOrEqual(200 + 3 * (1 + 2048));
  });

  test('a write only an unbounded function reaches leaves reads at the cap', () => {
    const c = new TestContract(`
from stdlib import storage

def fill(n: int) -> None:
    v = b""
    for i in range(n):
        v = v + b"x"
    storage.set(b"k", v)

def get() -> bytes:
    return storage.get(b"k", b"")
`);
    const e = estimateGas(c.compiled.module).functions;
    c.call('fill', [5000], 100_000_000);
    expect(e.get('get') as number).toBeGreaterThanOrEqual(used(c, 'get', []));
    expect(e.get('get') as number).toBeGreaterThanOrEqual(200 + 3 * (1 + 2048));
  });
});
