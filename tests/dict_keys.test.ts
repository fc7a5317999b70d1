// Dict keys: Python's equality classes on every key kind, insertion order, and gas that grows
// with the key's size (spec/GAS.md "Dict keys"): a use is charged G_KEY_UNIT per unit, whatever
// the key's cached state, so gas never depends on what ran before.
import { describe, expect, test } from 'vitest';
import { CONSTANTS } from '../spec/table.js';
import { TestContract } from './helpers/contract.js';
import { collidingInts } from './helpers/v8_int_hash.js';

const words = (n: number) => Math.ceil(n / 32);
const keyGas = (units: number) => units * CONSTANTS.G_KEY_UNIT;

const adv = TestContract.fromFile('tests/fixtures/adversarial/contract.py');
/** Gas of r repetitions of the attacked operation (the r = 0 call's setup subtracted). */
function perOps(fn: string, args: unknown[], r: number): number {
  const hi = adv.call(fn, [...args, r], 1e10);
  const lo = adv.call(fn, [...args, 0], 1e10);
  expect([hi.status, lo.status]).toEqual(['SUCCESS', 'SUCCESS']);
  return hi.gasUsed - lo.gasUsed;
}

describe('gas grows with the key', () => {
  test('bytes and str keys: G_KEY_UNIT per 32-byte word, per lookup', () => {
    for (const fn of ['dict_bytes_key', 'dict_str_key']) {
      const small = perOps(fn, [64], 10);
      for (const n of [1000, 65536, 1 << 20]) {
        expect(perOps(fn, [n], 10) - small, `${fn}(${n})`).toBe(10 * (keyGas(words(n)) - keyGas(words(64))));
      }
    }
  });

  test('tuple keys: one unit per item (nested items included)', () => {
    const small = perOps('dict_tuple_key', [4], 10);
    for (const n of [100, 10000]) expect(perOps('dict_tuple_key', [n], 10) - small).toBe(10 * (keyGas(n) - keyGas(4)));
  });

  test('big-int keys: four units per 64-bit limb', () => {
    // 7**n has ceil(n * log2(7) / 64) limbs
    const limbs = (n: number) => Math.ceil((7n ** BigInt(n)).toString(16).length / 16);
    const small = perOps('dict_big_key', [20], 10);
    for (const n of [200, 1400]) expect(perOps('dict_big_key', [n], 10) - small).toBe(10 * (keyGas(4 * limbs(n)) - keyGas(4 * limbs(20))));
  });

  test('8,192 ints chosen to collide in V8s integer hash cost what any 8,192 ints cost', () => {
    const coll = collidingInts(8192, 0x3fff);
    const spread = coll.map((_, i) => coll[i] + 1 + (i % 3));
    const a = adv.call('dict_keys', [coll, 2], 1e9);
    const b = adv.call('dict_keys', [spread, 2], 1e9);
    expect(a.status).toBe('SUCCESS');
    expect(a.returnValue).toBe(2 * 8192);
    expect(a.gasUsed).toBe(b.gasUsed);
  });
});

const KEYS = `
def kinds() -> list[str]:
    d = {}
    d[1] = "int"
    d[True] = "bool"
    d[0] = "zero"
    d[False] = "false"
    d["1"] = "str1"
    d[b"1"] = "bytes1"
    d[""] = "empty str"
    d[b""] = "empty bytes"
    d[None] = "none"
    d["\\ue000a"] = "private-use str"
    d[b"\\x00a"] = "bytes 00"
    d[(1, 2)] = "tuple"
    d[(True, 2)] = "tuple again"
    d[((1,), b"x" * 100)] = "nested"
    d[2 ** 70] = "big"
    d[-(2 ** 40)] = "neg"
    d[2 ** 30] = "smi edge"
    d[-(2 ** 30)] = "smi edge neg"
    out = []
    for k in d:
        out.append(d[k])
    return out


def lookups() -> list[int]:
    long1 = b"\\x05" * 5000
    long2 = b"\\x05" * 4999 + b"\\x05"
    s1 = "7" * 20000
    s2 = "7" * 19999 + "7"
    d = {long1: 1, s1: 2, (long1, s1): 3, 2 ** 300: 4}
    r = [d[long2], d[s2], d[(long2, s2)], d[2 ** 300], int(b"\\x05" * 4999 in d), int("7" * 19999 in d)]
    del d[long2]
    r.append(int(long1 in d))
    d[long2] = 9
    d[long1 + b""] = 10
    r.append(len(d))
    r.append(d[long1])
    keys = list(d.keys())
    r.append(int(keys[-1] == long2))
    return r


def unhashable() -> int:
    d = {}
    d[(1, [2])] = 1
    return 0


def dict_eq() -> list[int]:
    a = {(1, 2): 1, b"k" * 100: 2, "s" * 20000: 3}
    b = {"s" * 20000: 3, b"k" * 100: 2, (1, 2): 1}
    c = {"s" * 20000: 3, b"k" * 100: 2, (1, 3): 1}
    return [int(a == b), int(a == c)]
`;

describe('key semantics (as python3 3.11 gives them)', () => {
  const c = new TestContract(KEYS);
  test('equal keys collide (1 == True, (1, 2) == (True, 2)), distinct kinds do not, order is insertion order', () => {
    const r = c.call('kinds', [], 1e7);
    expect(r.status).toBe('SUCCESS');
    expect(r.returnValue).toEqual([
      'bool',
      'false',
      'str1',
      'bytes1',
      'empty str',
      'empty bytes',
      'none',
      'private-use str',
      'bytes 00',
      'tuple again',
      'nested',
      'big',
      'neg',
      'smi edge',
      'smi edge neg',
    ]);
  });
  test('long bytes, long str, tuples and big ints are found by equal values built apart; delete and re-add', () => {
    const r = c.call('lookups', [], 1e8);
    expect(r.status).toBe('SUCCESS');
    expect(r.returnValue).toEqual([1, 2, 3, 4, 0, 0, 0, 4, 10, 1]);
  });
  test('an unhashable tuple is a TypeError', () => {
    const r = c.call('unhashable', [], 1e6);
    expect(r.error?.message).toMatch(/unhashable type: 'list'/);
  });
  test('short bytes keys of every length up to 66 are distinct, whatever their bytes (packed two per char)', () => {
    // keys that differ only in length, parity or a zero byte where a packed char could hide it,
    // beside strs whose first char lies in the reserved block (U+E000..U+E2FF)
    const src = `
def main() -> list[int]:
    d = {}
    n = 0
    for size in range(67):
        for fill in [0, 104, 255]:
            d[bytes([fill]) * size] = n
            n = n + 1
            d[bytes([fill]) * size + b"\\x00"] = n
            n = n + 1
            d[b"\\x00" + bytes([fill]) * size] = n
            n = n + 1
    for s in ["\\ue000", "\\ue100i0", "\\ue200\\x00", "\\ue2ff", "\\ue300"]:
        d[s] = n
        n = n + 1
    found = 0
    for size in range(67):
        for fill in [0, 104, 255]:
            if (bytes([fill]) * size + b"\\x00") in d:
                found = found + 1
    return [len(d), n, found]
`;
    // python3: 3 kinds x 3 fills x 67 sizes, less the duplicates (b"" * 3 fills, and
    // b"\x00" * size + b"\x00" == b"\x00" + b"\x00" * size), plus 5 strs
    const r = new TestContract(src).call('main', [], 1e9);
    expect(r.status).toBe('SUCCESS');
    expect(r.returnValue).toEqual([pyDistinct(), 3 * 3 * 67 + 5, 3 * 67]);
  });
  test('dicts with hashed keys compare equal in any order', () => {
    expect(c.call('dict_eq', [], 1e8).returnValue).toEqual([1, 0]);
  });
});

/** The number of distinct keys the packed-keys test inserts, counted as Python would. */
function pyDistinct(): number {
  const seen = new Set<string>();
  for (let size = 0; size < 67; size++)
    for (const fill of [0, 104, 255]) {
      const b = Array(size).fill(fill);
      for (const k of [b, [...b, 0], [0, ...b]]) seen.add(k.join(','));
    }
  return seen.size + 5;
}
