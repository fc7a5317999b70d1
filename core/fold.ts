// `CONST a; CONST b; POW` (fuse.ts Form.KKPOW): the compiler folds constants only at module
// level, so `x % 2**256` in a function recomputes 2**256 each time. The IR stays as it is;
// the interpreter runs the three instructions as one and takes the power from this cache.
// What the fused instruction must reproduce of arith.ts pow(): its limb charge, which depends
// on the operands only, and its errors, which depend on the operands and max_int_bits only:
// for |a| >= 2 every cap check passes exactly when a ** b has at most max_int_bits bits (the
// result is longer than the exponent and than each lower bound pow() checks). Anything else
// (an error, a negative or huge exponent) is left to the original instructions.
import { Op } from '../spec/table.js';
import { OP_PRICE } from './pricing.js';
import { bitLenBig } from './bigint.js';
import { normBig, type Value } from './values.js';

// POW's `limbs` price (its table formula)
const LIMB = OP_PRICE.limbs[Op.POW];
const FOLD_BITS = 1 << 16; // larger powers are not cached (pow() refuses them at the default caps anyway)
const SLOTS = 16;

interface Entry {
  a: number | bigint;
  b: number | bigint;
  value: Value;
  /** pow()'s chargeLimbs gas */
  charge: number;
  /** bit length of |value| (0 for 0, +-1): the smallest max_int_bits pow() accepts */
  bits: number;
}

// direct-mapped, keyed by the operand values: a pure cache (each entry is a function of a, b)
const cache: (Entry | undefined)[] = new Array(SLOTS).fill(undefined);

function slot(a: number | bigint, b: number | bigint): number {
  const h = typeof b === 'number' ? b : Number(BigInt.asUintN(16, b));
  return (h ^ (typeof a === 'number' ? a & 0xff : 0x5a)) & (SLOTS - 1);
}

function make(a: number | bigint, b: number | bigint, maxBits: number): Entry | undefined {
  const x = BigInt(a);
  const y = BigInt(b);
  if (y < 0n) return undefined; // ValueError from pow()
  if (y === 0n) return { a, b, value: 1, charge: 0, bits: 0 };
  if (x === 0n || x === 1n) return { a, b, value: Number(x), charge: 0, bits: 0 };
  if (x === -1n) return { a, b, value: y % 2n === 0n ? 1 : -1, charge: 0, bits: 0 };
  const bx = bitLenBig(x);
  // refuse before computing, as pow() does; only powers that pass here are computed
  if (y > BigInt(maxBits) || y > BigInt(FOLD_BITS) || (bx - 1) * Number(y) + 1 > maxBits) return undefined;
  const r = x ** y;
  const bits = bitLenBig(r);
  if (bits > maxBits) return undefined;
  const limbs = (bx * Number(y) + 63) >>> 6;
  return { a, b, value: normBig(r), charge: limbs > 4 ? (limbs - 4) * LIMB : 0, bits };
}

/** A folded power: its value and the limb gas POW charges for it. */
export interface Folded {
  readonly value: Value;
  readonly charge: number;
}

/** The cached power when pow(a, b) succeeds under `maxBits` (value and charge), else undefined. */
export function foldedPow(a: Value, b: Value, maxBits: number): Folded | undefined {
  if ((typeof a !== 'number' && typeof a !== 'bigint') || (typeof b !== 'number' && typeof b !== 'bigint')) return undefined;
  const s = slot(a, b);
  let e = cache[s];
  if (e === undefined || e.a !== a || e.b !== b) {
    e = make(a, b, maxBits);
    if (e === undefined) return undefined;
    cache[s] = e;
  }
  if (e.bits > maxBits) return undefined;
  return e;
}
