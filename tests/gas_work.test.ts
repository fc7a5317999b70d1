// Gas proportional to work on attacker-chosen inputs (tests/fixtures/adversarial): each case
// asserts the exact gas its spec formula gives for r repetitions of the attacked operation,
// at two sizes, so a price that stops growing with the work fails here. No timing.
import { describe, expect, test } from 'vitest';
import { CONSTANTS } from '../spec/table.js';
import { TestContract } from './helpers/contract.js';

const G_ITEM = CONSTANTS.G_ITEM;
const adv = TestContract.fromFile('tests/fixtures/adversarial/contract.py');

/** Gas of r repetitions of the attacked operation (the r = 0 call's setup subtracted). */
function perOps(fn: string, args: unknown[], r: number): number {
  const hi = adv.call(fn, [...args, r], 1e10);
  const lo = adv.call(fn, [...args, 0], 1e10);
  expect([fn, hi.status, lo.status]).toEqual([fn, 'SUCCESS', 'SUCCESS']);
  return hi.gasUsed - lo.gasUsed;
}

describe('deep equality is charged per node visited', () => {
  // an n x n nested list compared with an equal or last-item-different one walks
  // n outer items and n*n inner ones
  const walk = (n: number) => (n + n * n) * G_ITEM;
  test('x in lst: G_ITEM per item scanned plus each equality walk', () => {
    expect(perOps('member_deep', [100], 5) - perOps('member_deep', [10], 5)).toBe(5 * 3 * (walk(100) - walk(10)));
  });
  test('lst.index(x): the same walk, priced by the method per item', () => {
    expect(perOps('index_deep', [100], 5) - perOps('index_deep', [10], 5)).toBe(5 * 3 * (walk(100) - walk(10)));
  });
  test('[a, 1] < [b, 2] with a == b deep: the equality walk of the first items', () => {
    expect(perOps('lt_deep', [100], 5) - perOps('lt_deep', [10], 5)).toBe(5 * (walk(100) - walk(10)));
  });
});

describe('text search and code-point positions', () => {
  const words = (n: number) => Math.ceil(n / 32);
  test('needle in bytes/str, find: G_SEARCH_WORD per word of the haystack (linear search, any needle)', () => {
    for (const fn of ['bytes_in', 'bytes_find', 'str_find', 'str_in']) {
      expect(perOps(fn, [200000], 3) - perOps(fn, [20000], 3), fn).toBe(3 * (words(200000) - words(20000)) * CONSTANTS.G_SEARCH_WORD);
    }
  });
  test('len(s) and s[i] on a str with an astral char: G_SCAN_WORD per word, each', () => {
    // t = "a" * n + one astral char: n + 2 UTF-16 units
    const scan = (n: number) => words(n + 2) * CONSTANTS.G_SCAN_WORD;
    expect(perOps('astral_len', [300000], 4) - perOps('astral_len', [100], 4)).toBe(4 * 2 * (scan(300000) - scan(100)));
  });
});

describe('sorted: our merge sort, G_SORT_CMP per comparison (spec/SORT.md)', () => {
  const c = new TestContract(`
def asc(n: int) -> int:
    return len(sorted(list(range(n))))


def desc(n: int) -> int:
    return len(sorted(list(range(n, 0, -1))))


def stop(n: int) -> int:
    xs = list(range(n))
    xs[n - 1] = "x"
    return len(sorted(xs))
`);
  const gas = (fn: string, n: number) => {
    const r = c.call(fn, [n], 1e9);
    expect(r.status).toBe('SUCCESS');
    return r.gasUsed;
  };
  test('sorted input: n - 1 comparisons; reversed input of n = 2^k: k*n/2 + n - 1', () => {
    // desc's range(n, 0, -1) costs a few instructions more than asc's range(n): the n = 1 offset
    const offset = gas('desc', 1) - gas('asc', 1);
    for (const k of [4, 10]) {
      const n = 2 ** k;
      expect(gas('desc', n) - gas('asc', n) - offset).toBe(CONSTANTS.G_SORT_CMP * ((k * n) / 2 + n - 1 - (n - 1)));
    }
  });
  test('a TypeError part-way stops at the comparison the spec names, with its gas', () => {
    // sorted run 0..n-2 then "x": the checks before the last merge pass all succeed, and the
    // first comparison involving "x" raises; gas is the same on every run and host
    const a = c.call('stop', [64], 1e9);
    const b = c.call('stop', [64], 1e9);
    expect(a.status).toBe('ERROR');
    expect(a.error?.message).toMatch(/'<' not supported between instances of 'str' and 'int'/);
    expect(a.gasUsed).toBe(b.gasUsed);
  });
});

describe('conversions and list edits priced for their real complexity', () => {
  const words = (n: number) => Math.ceil(n / 32);
  const bits = (x: bigint) => (x < 0n ? -x : x).toString(2).length;
  const limbs = (b: number) => Math.ceil(b / 64);
  const hexConv = (b: number) => Math.max(0, limbs(b) - 4) * CONSTANTS.G_LIMB_CONV;
  test('del xs[1]: G_ITEM per item moved', () => {
    expect(perOps('del_middle', [6000], 10) - perOps('del_middle', [60], 10)).toBe(10 * (6000 - 60) * G_ITEM);
  });
  test('str() of a big int: w * max(1, w - 3) for w words of hex digits (quadratic)', () => {
    // each op also takes len() of the result: its scan gas (spec/GAS.md 4.2)
    const g = (n: number) => {
      const w = words(bits(7n ** BigInt(n)) >>> 2);
      const digits = (7n ** BigInt(n)).toString().length;
      return w * Math.max(1, w - 3) * CONSTANTS.G_CONVERT_STEP + words(digits) * CONSTANTS.G_SCAN_WORD;
    };
    expect(perOps('int_str', [1400], 5) - perOps('int_str', [50], 5)).toBe(5 * (g(1400) - g(50)));
  });
  test('int() of a decimal str: words of the text (a class test per code point), plus w * (w - 3) past 4 words of digits', () => {
    // int_parse(n): int("1" * n) % 7 each time; "% 7" on the result costs its limbs too (G_DIV_LIMB)
    const r1200 = perOps('int_parse', [1200], 3);
    const r200 = perOps('int_parse', [200], 3);
    const quad = (n: number) => (words(n) > 4 ? words(n) * (words(n) - 3) : 0);
    const limbGas = (n: number) => Math.max(0, limbs(bits(BigInt('1'.repeat(n)))) - 4) * CONSTANTS.G_DIV_LIMB;
    expect(r1200 - r200).toBe(
      3 * ((words(1200) - words(200)) * CONSTANTS.G_CLASS_WORD + (quad(1200) - quad(200)) * CONSTANTS.G_CONVERT_STEP + limbGas(1200) - limbGas(200)),
    );
  });
  test('int.to_bytes and int.from_bytes: G_LIMB_CONV per limb beyond four', () => {
    const to = perOps('to_bytes', [1400], 5) - perOps('to_bytes', [80], 5);
    expect(to).toBe(5 * (hexConv(bits(7n ** 1400n)) - hexConv(bits(7n ** 80n))));
  });
  test('pow(a, b, m): 2 * limbs * ceil(limbs / 4) per exponent bit', () => {
    const g = (n: number) => {
      const a = 7n ** BigInt(n);
      const e = 11n ** BigInt(Math.floor((n * 3) / 4));
      const m = 13n ** BigInt(Math.floor((n * 2) / 3));
      const l = Math.max(1, limbs(Math.max(bits(m), bits(a))));
      return l * Math.ceil(l / 4) * bits(e) * 2 * CONSTANTS.G_LIMB;
    };
    expect(perOps('pow_mod', [1400], 2) - perOps('pow_mod', [200], 2)).toBe(2 * (g(1400) - g(200)));
  });
});
