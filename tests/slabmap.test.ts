// runtime/slabmap.ts against a plain Map model: random sets, overwrites (shorter and longer),
// deletes and reads over keys of many lengths; what reads return (bytes and object identity),
// sorted key order, clones, and that bytes handed to a reader never change afterwards.
import { describe, expect, test } from 'vitest';
import { SlabMap } from '../node/slabmap.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/** deterministic pseudo-random ints (xorshift), so failures reproduce */
function rng(seed: number): (n: number) => number {
  let x = seed >>> 0 || 1;
  return (n) => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x % n;
  };
}

function bytes(r: (n: number) => number, n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = r(256);
  return out;
}

describe('SlabMap', () => {
  for (const seed of [1, 2, 3]) {
    test(`behaves as a Map of bytes over 20k random operations (seed ${seed})`, () => {
      const r = rng(seed);
      const t = new SlabMap();
      const ref = new Map<string, Uint8Array>();
      // a small key space so keys repeat; lengths 0..40 (and one long) so collisions and prefixes occur
      const keys = Array.from({ length: 3000 }, (_, i) => (i === 0 ? bytes(r, 300) : bytes(r, r(41))));
      const held: [Uint8Array, string][] = [];
      for (let i = 0; i < 20000; i++) {
        const k = keys[r(keys.length)];
        const op = r(10);
        if (op < 5) {
          const v = r(8) === 0 ? null : bytes(r, r(100));
          const e = t.add(k, r(2) ? (v?.length ?? 0) : 0);
          t.put(e, v);
          if (v && v.length) ref.set(hex(k), v.slice());
          else ref.delete(hex(k));
          if (v) v.fill(0xee); // the map holds its own bytes
        } else {
          const e = t.find(k);
          const want = ref.get(hex(k));
          const got = e >= 0 ? t.read(e) : null;
          expect(got === null ? null : hex(got)).toBe(want ? hex(want) : null);
          if (got !== null) {
            expect(t.read(e)).toBe(got); // one object until the next write
            held.push([got, hex(got)]);
          }
        }
      }
      // everything a reader was handed is unchanged, whatever was written since
      for (const [v, h] of held) expect(hex(v)).toBe(h);
      expect(t.live).toBe(ref.size);
      const sorted = t.sorted((e) => t.hasValue(e)).map((e) => hex(t.key(e)));
      const want = [...ref.keys()].sort((a, b) => Buffer.compare(Buffer.from(a, 'hex'), Buffer.from(b, 'hex')));
      expect(sorted).toEqual(want);
      // regions taken after freeze() keep their bytes through any later writes
      t.freeze();
      const at = new Int32Array(3);
      const regions = t
        .sorted((e) => t.hasValue(e))
        .map((e) => {
          t.locate(e, at, 0);
          return [t.bytes(), at[0], at[1], at[2], hex(t.value(e)!), hex(t.key(e))] as const;
        });
      for (let i = 0; i < 2000; i++) t.put(t.add(keys[r(keys.length)]), bytes(r, 1 + r(100)));
      for (const [b, off, klen, vlen, h, kh] of regions) {
        expect(hex(b.subarray(off + klen, off + klen + vlen))).toBe(h);
        // the key too (a receipt's packed writes point at both)
        expect(hex(b.subarray(off, off + klen))).toBe(kh);
      }
    });
  }

  test('a write after a read goes elsewhere; the first value read stays as it was', () => {
    const t = new SlabMap();
    const e = t.add(Uint8Array.of(1), 4);
    t.put(e, Uint8Array.of(1, 2, 3, 4));
    const a = t.read(e)!;
    t.put(e, Uint8Array.of(9, 9));
    const b = t.read(e)!;
    expect([...a]).toEqual([1, 2, 3, 4]);
    expect([...b]).toEqual([9, 9]);
    t.dropReads();
    const b2 = t.read(e)!;
    expect(b2).not.toBe(b);
    expect([...b2]).toEqual([9, 9]);
    t.put(e, null);
    expect(t.read(e)).toBe(null);
    t.put(e, Uint8Array.of(7));
    expect([...b]).toEqual([9, 9]);
    expect([...t.read(e)!]).toEqual([7]);
  });

  test("keys and values that are views of the map's own slab are copied right while it grows", () => {
    const t = new SlabMap();
    const K = (i: number) => Uint8Array.of(i >> 8, i & 255);
    t.put(t.add(K(0)), Uint8Array.of(1, 0, 0, 9, 9, 9));
    for (let i = 1; i < 3000; i++) t.put(t.add(K(i)), Uint8Array.of(1, i >> 8, i & 255, 9, 9, 9));
    for (let i = 0; i < 3000; i++) {
      const v = t.read(t.find(K(i)))!;
      // the key [1, hi, lo] and the value are views of the slab
      t.put(t.add(v.subarray(0, 3)), v);
    }
    for (let i = 0; i < 3000; i++) {
      expect([...t.read(t.find(K(i)))!]).toEqual([1, i >> 8, i & 255, 9, 9, 9]);
      expect([...t.read(t.find(Uint8Array.of(1, i >> 8, i & 255)))!]).toEqual([1, i >> 8, i & 255, 9, 9, 9]);
    }
  });

  test('copyFrom and entries that grow the index and slab many times', () => {
    const a = new SlabMap();
    const b = new SlabMap();
    for (let i = 0; i < 5000; i++) {
      const k = Uint8Array.of(i >> 8, i & 255);
      a.put(a.add(k), i % 3 === 0 ? null : Uint8Array.of(i & 255, 1, 2));
    }
    for (let e = 0; e < a.n; e++) b.copyFrom(a, e);
    expect(b.live).toBe(a.live);
    for (let i = 0; i < 5000; i++) {
      const k = Uint8Array.of(i >> 8, i & 255);
      const v = b.read(b.find(k));
      expect(v === null ? null : [...v]).toEqual(i % 3 === 0 ? null : [i & 255, 1, 2]);
    }
  });
});
