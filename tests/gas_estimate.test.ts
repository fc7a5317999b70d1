// The static estimator's bound (plus the entry cost) is never below what a call really uses:
// on the examples' call sequences and on loop-free functions over many inputs. Loops, and
// helpers with loops, are `unbounded`.
import { describe, expect, test } from 'vitest';
import { estimateGas } from '../compiler/gas_estimate.js';
import { compileSource } from '../compiler/index.js';
import { ENTRY } from '../spec/table.js';
import { TestContract } from './helpers/contract.js';

function checkBounds(c: TestContract, calls: [string, unknown[], string?][]): void {
  const bounds = estimateGas(c.compiled.module).functions;
  for (const [fn, args, caller] of calls) {
    const calldata = c.calldata(fn, args);
    const r = c.call(fn, args, 10_000_000, caller ? { sender: Uint8Array.from(Buffer.from(caller, 'hex')) } : {});
    expect(r.status, `${fn}(${JSON.stringify(args)})`).not.toBe('OOG');
    const b = bounds.get(fn);
    expect(typeof b, `${fn}: ${b}`).toBe('number');
    const entry = ENTRY.base + ENTRY.perCalldataByte * calldata.length;
    expect((b as number) + entry, `${fn}(${JSON.stringify(args)}) used ${r.gasUsed + r.refund}`).toBeGreaterThanOrEqual(r.gasUsed + r.refund);
  }
}

describe('static gas estimator', () => {
  test('counter: bound >= actual', () => {
    const c = TestContract.fromFile('examples/counter/contract.py');
    checkBounds(c, [
      ['get', []],
      ['inc', []],
      ['inc', []],
      ['set', [41]],
      ['set', [-1]],
      ['set', ['1' + '0'.repeat(70)]],
      ['get', []],
    ]);
  });

  test('escrow: bound >= actual', () => {
    const c = TestContract.fromFile('examples/escrow/contract.py');
    const arb = '11'.repeat(32);
    checkBounds(c, [
      ['state', []],
      ['setup', ['0x' + '22'.repeat(32), '0x' + arb, 500]],
      ['setup', ['0x' + '22'.repeat(32), '0x' + arb, 500]],
      ['amount', []],
      ['release', [], '33'.repeat(32)],
      ['release', [], arb],
      ['refund', [], arb],
      ['state', []],
    ]);
  });

  test('token: bound >= actual, and a checked address length bounds every key built from it', () => {
    const c = TestContract.fromFile('examples/token/contract.py');
    const me = '44'.repeat(32);
    const bob = '0x' + '55'.repeat(32);
    checkBounds(c, [
      ['init', ['1' + '0'.repeat(30)], me],
      ['transfer', [bob, '1' + '0'.repeat(29)], me],
      ['approve', [bob, 5], me],
      ['balance_of', [bob]],
      ['transfer', [bob, 1], me],
      ['transfer', ['0x' + '66'.repeat(32), '1' + '0'.repeat(29)], '55'.repeat(32)],
    ]);
    const b = estimateGas(c.compiled.module).functions;
    // `_check_address(to)` (abi.require(len(to) == 32)) holds in the caller after the helper
    // returns, helpers' return values keep their sizes, `amount >= 0` and `have >= amount`
    // bound amount's bits, the event data is bounded from the args dict, and storage reads
    // find at most the 32 bytes the contract's writes store. The bound was 364,078 with
    // storage and event outputs at their caps (1,694,851 before the per-site facts); a
    // transfer measures 4,208 of it (entry aside)
    expect(b.get('transfer') as number).toBeLessThan(6_500);
    // (balance_of: a 256-bit int result may take two words: RESULT_PER_WORD for the second)
    expect(b.get('balance_of') as number).toBeLessThan(800);
  });

  test('multisig, exchange and pq_registry: every bounded function, bound >= actual', () => {
    const me = '44'.repeat(32);
    const ms = TestContract.fromFile('examples/multisig/contract.py');
    ms.call('__init__', [['0x' + me, '0x' + '55'.repeat(32)], 1], 10_000_000, { sender: Uint8Array.from(Buffer.from(me, 'hex')) });
    ms.call('propose', ['0x' + '66'.repeat(32), 'f', ['int'], '0x00', 0], 10_000_000, { sender: Uint8Array.from(Buffer.from(me, 'hex')) });
    checkBounds(ms, [
      ['is_owner', ['0x' + me]],
      ['threshold', []],
      ['approve', [0], me],
      ['approve', [0], me],
      ['approvals', [0]],
    ]);
    // the caller names the types abi.decode reads: how many values it makes is the data's
    expect(estimateGas(ms.compiled.module).functions.get('propose')).toBe('unbounded: abi codec of list or tuple types (its item count) at contract.py:57');
    const ex = TestContract.fromFile('examples/exchange/contract.py');
    checkBounds(ex, [
      ['__init__', ['0x' + '77'.repeat(32), 5]],
      ['token', []],
      ['price', []],
      ['withdraw', [0]],
    ]);
    const pq = TestContract.fromFile('examples/pq_registry/contract.py');
    checkBounds(pq, [
      ['owner_of', ['0x' + '01'.repeat(32)]],
      ['key_of', ['0x' + '01'.repeat(32)]],
      ['check', ['0x' + '01'.repeat(32), '0x00', '0x00']],
      ['revoke', ['0x' + '01'.repeat(32)], me],
    ]);
  });

  test('a length check no longer applies once the local is reassigned', () => {
    const src = `
from stdlib import abi, hash

def f(x: bytes, y: bytes) -> bytes:
    abi.require(len(x) == 4, b"len")
    x = y
    return hash.sha3_256(x)

def g(x: bytes) -> bytes:
    if len(x) == 4:
        return hash.sha3_256(x)
    return hash.sha3_256(x + x)
`;
    const c = new TestContract(src);
    const b = estimateGas(c.compiled.module).functions;
    const big = '0x' + 'ab'.repeat(100_000);
    checkBounds(c, [
      ['f', ['0x01020304', big]],
      ['g', [big]],
      ['g', ['0x01020304']],
    ]);
    expect(b.get('f') as number).toBeGreaterThan(50_000);
  });

  const SRC = `
def _scale(x: int, k: int) -> int:
    return x * k if k > 0 else -x

def arith(a: int, b: int) -> int:
    c = (a + b) * (a - b) // (b if b else 1) % 1000003
    d = a ** 3 + (b << 40) - (a >> 3) ^ (b & 0xFFFF) | 7
    return _scale(c, 3) + _scale(d, -1) + abs(a) + min(a, b, 7) + max(a, 3)

def text(b: bytes, s: str) -> bytes:
    h = b.hex() + s.strip().rjust(8, "*") + str(len(b)) + hex(len(s))
    t = h.encode()[:40] + b[2:10] * 3
    return t + bytes(4) + (7).to_bytes(8, "big") + bytes.fromhex("00ff")

def logic(a: int, b: bytes) -> bool:
    ok = a > 3 and b.startswith(b"ab") or (b"z" in b and not a)
    return ok and (1 < a <= 10 or b == b"abc") and isinstance(a, int)

def containers(a: int) -> int:
    xs = [a, a + 1, a * 2]
    d = {"k": a, "j": len(xs)}
    t = (a, xs[0], d["k"])
    return len(xs) + d.get("j", 0) + t[1] + sorted(xs)[0] + sum(xs) + int.from_bytes(b"\\x01\\x02", "big")

def loops(n: int) -> int:
    t = 0
    for i in range(n):
        t += i
    return t

def _helper_loop(n: int) -> int:
    while n > 0:
        n -= 1
    return n

def calls_loop(n: int) -> int:
    return _helper_loop(n)

def comp(xs: list[int]) -> list[int]:
    return [x for x in xs]
`;

  test('loop-free functions: bound >= actual over many inputs', () => {
    const c = new TestContract(SRC);
    const ints = [0, 1, -1, 7, 255, 2 ** 40, -(2 ** 50), '1' + '0'.repeat(60), '-' + '9'.repeat(200)];
    const calls: [string, unknown[]][] = [];
    for (const a of ints) for (const b of [0, 3, -5, '7'.repeat(100)]) calls.push(['arith', [a, b]]);
    for (const b of ['0x', '0x6162', '0x' + 'ab'.repeat(300)]) for (const s of ['', ' x ', 'y'.repeat(500)]) calls.push(['text', [b, s]]);
    for (const a of [0, 4, 11]) for (const b of ['0x', '0x616263', '0x7a', '0x' + '61'.repeat(2000)]) calls.push(['logic', [a, b]]);
    for (const a of ints) calls.push(['containers', [a]]);
    checkBounds(c, calls);
  });

  test('loops are unbounded, also through a helper', () => {
    const b = estimateGas(new TestContract(SRC).compiled.module).functions;
    // each says why and where, in the contract's own lines
    expect(b.get('loops')).toBe('unbounded: for loop over a range of unknown length at contract.py:27');
    expect(b.get('calls_loop')).toBe('unbounded: while loop at contract.py:32, via _helper_loop() at contract.py:37');
    expect(b.get('comp')).toMatch(/^unbounded: for loop at contract\.py:40$/);
    expect(typeof b.get('arith')).toBe('number');
  });

  test('stripped IR names the function and pc instead of a line', () => {
    const m = compileSource(SRC, { file: 'contract.py', strip: true }).module;
    expect(m.debug).toBeNull();
    expect(estimateGas(m).functions.get('loops')).toMatch(/^unbounded: for loop over a range of unknown length at loops\+\d+$/);
  });
});
