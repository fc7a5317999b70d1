// The sort's shortcuts (core/sort.ts: small-int keys on a typed copy, tuple keys decided by
// their leading items) against the algorithm of spec/SORT.md run with the generic comparison
// (pyCompare, each comparison's price charged before it): the same order, the same gas in
// total, the same error after the same gas, on keys shaped as sorted(key=) makes them.
import { describe, expect, test } from 'vitest';
import { rng } from './helpers/rng.js';
import { pyCompare } from '../core/compare.js';
import type { Machine } from '../core/machine.js';
import { stableSort } from '../core/sort.js';
import { PyTuple, type Value } from '../core/values.js';

class Meter {
  used = 0;
  charge(n: number): void {
    this.used += n;
  }
}

/** spec/SORT.md verbatim, each comparison charging `per` then what pyCompare charges. */
function reference(m: Machine, keys: Value[], reverse: boolean, per: number): number[] {
  let a = keys.map((_, i) => i);
  const before = (x: number, y: number): boolean => {
    m.charge(per);
    return reverse ? pyCompare(m, keys[y], keys[x], '<') < 0 : pyCompare(m, keys[x], keys[y], '<') < 0;
  };
  const n = a.length;
  for (let w = 1; w < n; w *= 2) {
    const out = a.slice();
    for (let lo = 0; lo < n; lo += 2 * w) {
      const mid = Math.min(lo + w, n);
      const hi = Math.min(lo + 2 * w, n);
      if (mid >= hi || !before(a[mid], a[mid - 1])) continue;
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) out[k++] = before(a[j], a[i]) ? a[j++] : a[i++];
      while (i < mid) out[k++] = a[i++];
      while (j < hi) out[k++] = a[j++];
    }
    a = out;
  }
  return a;
}

function keysFor(seed: number): Value[] {
  const r = rng(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)];
  const strs = pick([
    ['a', 'b'],
    ['name1', 'name2', 'nam', ''],
    ['x'.repeat(40), 'x'.repeat(41), '\u{1f600}', '\ue000'],
  ]);
  const leaf = (): Value => (r() < 0.5 ? Math.floor(r() * 5) - 2 : pick(strs));
  const shape = Math.floor(r() * 11);
  const n = Math.floor(r() * 60);
  const keys: Value[] = [];
  for (let i = 0; i < n; i++) {
    let key: Value;
    if (shape === 0) key = Math.floor(r() * 7);
    else if (shape === 1) key = pick(strs);
    else if (shape === 2) key = new PyTuple([pick(strs), Math.floor(r() * 4)]);
    else if (shape === 3) key = new PyTuple(r() < 0.8 ? [Math.floor(r() * 3), pick(strs)] : [Math.floor(r() * 3)]);
    else if (shape === 4)
      key = r() < 0.95 ? new PyTuple([leaf(), leaf()]) : leaf(); // may be unorderable
    else if (shape === 5) key = new PyTuple([new PyTuple([leaf()]), leaf()]);
    else if (shape === 6)
      key = Math.floor(r() * 4); // decorated below: ties decided by the index
    else if (shape === 7) key = pick(strs);
    else if (shape === 8) key = new PyTuple([pick(strs), Math.floor(r() * 3) - 1]);
    else if (shape === 9) key = new PyTuple([Math.floor(r() * 4), pick(strs)]);
    else key = new PyTuple(r() < 0.97 ? [pick(strs)] : [pick(strs), 1]);
    // the decorated form sorted(key=) sorts: (key, index, item); shapes 7.. always, as sorted(key=) does
    keys.push(r() < 0.9 || shape >= 7 ? new PyTuple([key, shape >= 7 && r() < 0.5 ? -i : i, i]) : key);
  }
  if (shape === 0) return keys.map((k) => (k instanceof PyTuple ? (k.items[0] as number) : k)); // all small ints
  if (r() < 0.5) return keys.map((k) => (k instanceof PyTuple ? k : new PyTuple([k, 0, 0])));
  return keys;
}

function outcome(f: () => number[] | Value[], meter: Meter): { order?: unknown; error?: string; used: number } {
  try {
    const order = f();
    return { order, used: meter.used };
  } catch (e) {
    return { error: String(e), used: meter.used };
  }
}

describe('sort shortcuts charge what the generic comparison charges', () => {
  test('random keys: same order, gas and error as spec/SORT.md with pyCompare', () => {
    let shortcuts = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const keys = keysFor(seed);
      for (const reverse of [false, true]) {
        const ma = new Meter();
        const mb = new Meter();
        const idx = keys.map((_, i) => i);
        const a = outcome(() => (stableSort(ma as unknown as Machine, idx, reverse, 3, keys) as number[]).slice(), ma);
        const b = outcome(() => reference(mb as unknown as Machine, keys, reverse, 3), mb);
        expect({ seed, reverse, ...a }).toEqual({ seed, reverse, ...b });
        if (a.error === undefined && keys.length > 1) shortcuts++;
      }
    }
    expect(shortcuts).toBeGreaterThan(200);
  });
  test('big-int keys (LT charges limbs of the shorter past 256 bits): same order and gas as pyCompare', () => {
    const wide = [0n, 1n << 200n, 1n << 255n, 1n << 256n, 1n << 300n, 1n << 1000n, 1n << 4000n];
    let limbsCharged = 0;
    for (let seed = 1; seed <= 100; seed++) {
      const r = rng(seed);
      for (let k = 0; k < 4; k++) r(); // a small seed's first draws are near 0
      const n = Math.floor(r() * 50);
      const base = wide[Math.floor(r() * wide.length)];
      const keys: Value[] = [];
      for (let i = 0; i < n; i++) {
        // mostly one width (ties on the high limbs), some of another (the shorter one is charged)
        const b = r() < 0.7 ? base : wide[Math.floor(r() * wide.length)];
        const k = r() < 0.15 ? Math.floor(r() * 9) - 4 : (r() < 0.5 ? -1n : 1n) * (b + BigInt(Math.floor(r() * 9)));
        // a small int in bigint form is not a value the VM makes (normalized to a number)
        keys.push(typeof k === 'bigint' && k >= -(2n ** 53n) && k <= 2n ** 53n ? Number(k) : k);
      }
      for (const reverse of [false, true]) {
        const ma = new Meter();
        const mb = new Meter();
        const idx = keys.map((_, i) => i);
        const a = outcome(() => (stableSort(ma as unknown as Machine, idx, reverse, 3, keys) as number[]).slice(), ma);
        const b = outcome(() => reference(mb as unknown as Machine, keys, reverse, 3), mb);
        expect({ seed, reverse, ...a }).toEqual({ seed, reverse, ...b });
        const cmps = new Meter();
        reference(cmps as unknown as Machine, keys, reverse, 0);
        limbsCharged += cmps.used;
      }
    }
    expect(limbsCharged).toBeGreaterThan(0);
  });
});
