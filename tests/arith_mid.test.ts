// The compare-based big-int path (runtime/arith_mid.ts) against the exact path (arith.ts
// intOp, bit lengths computed): same result, same gas, same error, at every gas limit.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { CONSTANTS, DEFAULT_LIMITS, Op } from '../spec/table.js';
import { binarySlow, intOp } from '../core/arith.js';
import { intOpMid, midOp } from '../core/arith_mid.js';
import { Machine } from '../core/machine.js';
import type { Value } from '../core/values.js';

const OPS = [Op.ADD, Op.INPLACE_ADD, Op.SUB, Op.MUL, Op.FLOORDIV, Op.MOD, Op.BITAND, Op.BITOR, Op.BITXOR];

function machine(gas: number, maxBits = DEFAULT_LIMITS.max_int_bits): Machine {
  const m = Object.create(Machine.prototype) as Machine;
  Object.assign(m, { gas, limits: { ...DEFAULT_LIMITS, max_int_bits: maxBits } });
  return m;
}

type Outcome = { r?: Value; err?: string; gas: number };

function outcome(m: Machine, f: () => Value | undefined): Outcome {
  try {
    return { r: f(), gas: m.gas };
  } catch (e) {
    return { err: `${(e as Error).constructor.name}:${(e as Error).message}`, gas: m.gas };
  }
}

// values around every interesting edge: 0, +-1, 2^53, 2^(64k) and 2^(64k) - 1 up to and past
// 2^512 (where the mid path hands over), and random magnitudes below 2^600
const edge = fc.oneof(
  fc.constantFrom(0n, 1n, -1n, 2n, 3n, 2n ** 53n - 1n, 2n ** 53n, 2n ** 53n + 1n),
  fc.tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: -2, max: 2 })).map(([k, d]) => (1n << BigInt(64 * k)) + BigInt(d)),
  fc.tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: -2, max: 2 })).map(([k, d]) => (1n << BigInt(64 * k - 1 < 0 ? 0 : 64 * k - 1)) + BigInt(d)),
  fc.integer({ min: 0, max: 600 }).map((k) => 1n << BigInt(k)),
  fc.bigInt({ min: 0n, max: 2n ** 600n }).chain((hi) => fc.bigInt({ min: 0n, max: hi })),
);
const int = fc.tuple(edge, fc.boolean()).map(([v, neg]) => (neg ? -v : v));

describe('mid big-int path', () => {
  test('same result, gas and error as the exact path', () => {
    fc.assert(
      fc.property(fc.constantFrom(...OPS), int, int, fc.integer({ min: 0, max: 12 }), fc.constantFrom(1023, 1024, 4096), (op, x, y, gas, bits) => {
        const a = machine(gas, bits);
        const mid = outcome(a, () => intOpMid(a, op, x, y));
        const b = machine(gas, bits);
        const exact = outcome(b, () => intOp(b, op, x, y));
        if (mid.err === undefined && mid.r === undefined) {
          expect(mid.gas).toBe(gas); // handed over without charging
          return;
        }
        expect(mid).toEqual(exact);
      }),
      { numRuns: 20000 },
    );
  });

  test('the mid path decides 256-bit word arithmetic (it is not always handing over)', () => {
    const m = machine(100);
    const x = 2n ** 255n + 12345n;
    expect(intOpMid(m, Op.MUL, x, 6364136223846793005n)).toBe(x * 6364136223846793005n);
    expect(intOpMid(m, Op.MOD, -x, 2n ** 256n)).toBe(2n ** 256n - x);
    expect(intOpMid(m, Op.FLOORDIV, -x, 2n ** 64n)).toBe(-x >> 64n);
    // one limb beyond 256 bits for MUL's product and MOD's 2**256, none for FLOORDIV
    expect(m.gas).toBe(100 - CONSTANTS.G_LIMB - CONSTANTS.G_DIV_LIMB - 0);
  });

  test('a small right operand (converted once and cached) gives what its bigint gives', () => {
    const safe = fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 });
    fc.assert(
      fc.property(fc.constantFrom(...OPS), int, fc.array(safe, { minLength: 1, maxLength: 4 }), (op, x, ys) => {
        // the same numbers again and again, as a loop's modulus: the cache is hit and missed
        for (const y of [...ys, ...ys]) {
          const a = machine(1000);
          const viaNum = outcome(a, () => midOp(a, op, x, y));
          const b = machine(1000);
          const viaBig = outcome(b, () => midOp(b, op, x, BigInt(y)));
          expect({ ...viaNum, charge: a.midCharge }).toEqual({ ...viaBig, charge: b.midCharge });
        }
      }),
      { numRuns: 3000 },
    );
  });

  test('two small ints whose product leaves the safe range: what the exact path gives, free', () => {
    const safe = fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 });
    fc.assert(
      fc.property(safe, safe, (p, q) => {
        const a = machine(7);
        Object.assign(a, { mem: 0, bigIntBytes: 128 });
        const fast = outcome(a, () => binarySlow(a, Op.MUL, p, q));
        const b = machine(7);
        const exact = outcome(b, () => intOp(b, Op.MUL, BigInt(p), BigInt(q)));
        expect(fast).toEqual(exact);
      }),
      { numRuns: 20000 },
    );
  });
});
