// Big uvarints (ints past 53 bits in the ABI, events and IR constants) are written and read in
// linear time; the bytes are those of the 7-bit-group definition, checked here against it.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { readUvarint, readUvarintBig, writeUvarint, VarintError } from '../compiler/uvarint.js';

/** The definition: 7-bit groups, least significant first, high bit on all but the last. */
function reference(b: bigint): number[] {
  const out: number[] = [];
  while (b >= 0x80n) {
    out.push(Number(b & 0x7fn) | 0x80);
    b >>= 7n;
  }
  out.push(Number(b));
  return out;
}

const edges: bigint[] = [];
for (let k = 0; k <= 300; k++) edges.push(1n << BigInt(k), (1n << BigInt(k)) - 1n, (1n << BigInt(k)) + 1n);
edges.push((1n << 4096n) - 1n, 7n ** 1450n);

describe('uvarint of big values', () => {
  test('bytes equal the definition and read back, at every bit length edge', () => {
    for (const v of edges) {
      const out: number[] = [];
      writeUvarint(out, v);
      expect(out, v.toString(16)).toEqual(reference(v));
      const c = { buf: Uint8Array.from(out), pos: 0 };
      expect(readUvarintBig(c)).toBe(v);
      expect(c.pos).toBe(out.length);
    }
  });

  test('random values up to 4100 bits', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 4100n) - 1n }), (v) => {
        const out: number[] = [];
        writeUvarint(out, v);
        expect(out).toEqual(reference(v));
        expect(readUvarintBig({ buf: Uint8Array.from(out), pos: 0 })).toBe(v);
      }),
      { numRuns: 300 },
    );
  });

  test('errors as before: truncated, non-minimal, too large (checked before building the value)', () => {
    expect(() => readUvarintBig({ buf: Uint8Array.from([0x80, 0x80]), pos: 0 })).toThrow(VarintError);
    expect(() => readUvarintBig({ buf: Uint8Array.from([0x80, 0x00]), pos: 0 })).toThrow(/non-minimal/);
    const big = reference(1n << 4096n);
    expect(() => readUvarintBig({ buf: Uint8Array.from(big), pos: 0 }, 4096)).toThrow(/too large/);
    expect(readUvarintBig({ buf: Uint8Array.from(reference((1n << 4096n) - 1n)), pos: 0 }, 4096)).toBe((1n << 4096n) - 1n);
    // a million continuation groups are refused by their count, not parsed
    const huge = new Uint8Array(1_000_001).fill(0xff);
    huge[huge.length - 1] = 1;
    expect(() => readUvarintBig({ buf: huge, pos: 0 }, 4096)).toThrow(/too large/);
  });

  test('readUvarint (numbers, no BigInt up to 49 bits) reads and refuses exactly as readUvarintBig(c, 53)', () => {
    const outcome = (f: () => number | bigint, c: { pos: number }) => {
      try {
        return `${f()} @${c.pos}`;
      } catch (e) {
        if (!(e instanceof VarintError)) throw e;
        return `error ${e.message}`;
      }
    };
    const same = (bytes: number[]) => {
      const a = { buf: Uint8Array.from(bytes), pos: 0 };
      const b = { buf: Uint8Array.from(bytes), pos: 0 };
      expect(outcome(() => readUvarint(a), a)).toBe(outcome(() => Number(readUvarintBig(b, 53)), b));
    };
    // every group count across the 49-bit edge and the 53-bit limit, with trailing bytes
    for (const v of [0n, 1n, 127n, 128n, 2n ** 49n - 1n, 2n ** 49n, 2n ** 53n - 1n, 2n ** 53n]) same([...reference(v), 5]);
    same([]);
    same([0x80]);
    same([0x80, 0x00]);
    same([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x80]);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 10 }), (bytes) => same(bytes)),
      { numRuns: 2000 },
    );
  });
});
