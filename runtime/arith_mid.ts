// Big-int arithmetic for operands below 2^512 (the 256-bit-word contracts live here), without
// exact bit lengths. Gas for big ints depends only on 64-bit limb counts (chargeLimbs in
// arith.ts), and a limb count is found by comparing against precomputed powers of two,
// which allocates nothing. With max_int_bits >= 1024 no result of such operands can reach
// the cap, so the cap checks of the exact path are known to pass. Returns undefined, having
// charged nothing, when the exact path (arith.ts intOp) must decide.
import { CONSTANTS, Op } from '../spec/table.js';
import { bitLenBig, floorDivBig, floorModBig } from './bigint.js';
import type { Machine } from './machine.js';
import { normBig, type Value } from './values.js';

const G_LIMB = CONSTANTS.G_LIMB;
const MID_CAP = 1024; // the product of two operands below 2^512 has at most 1024 bits
const P512 = 2n ** 512n;
const N512 = -P512;
const P255 = 2n ** 255n;
const N255 = -P255;
const P256 = 2n ** 256n;
const N256 = -P256;
// FULL[l] = 2^(64l), HALF[l] = 2^(64l - 1) (l = 0..16, products reach 1024 bits; HALF[0]
// unused), and their negatives
const FULL: bigint[] = [];
const HALF: bigint[] = [];
for (let l = 0; l <= 16; l++) {
  FULL.push(1n << BigInt(64 * l));
  HALF.push(l === 0 ? 0n : 1n << BigInt(64 * l - 1));
}
const NFULL = FULL.map((p) => -p);
const NHALF = HALF.map((p) => -p);

/** ceil(bitlen(v) / 64) for |v| >= 2^256 and |v| < 2^512: the smallest l with |v| < 2^(64l). */
function limbsAbove4(v: bigint): number {
  let l = 5;
  if (v > 0n) while (v >= FULL[l]) l++;
  else while (v <= NFULL[l]) l++;
  return l;
}

/** ceil((bitlen(v) + 1) / 64) for |v| >= 2^255 and |v| < 2^512: the smallest l with |v| < 2^(64l - 1). */
function halfLimbsAbove4(v: bigint): number {
  let l = 5;
  if (v > 0n) while (v >= HALF[l]) l++;
  else while (v <= NHALF[l]) l++;
  return l;
}

/** Limbs past the free four for chargeLimbs(max(bx, by)). */
function extraWide(x: bigint, y: bigint): number {
  const lx = x < P256 && x > N256 ? 4 : limbsAbove4(x);
  const ly = y < P256 && y > N256 ? 4 : limbsAbove4(y);
  return (lx > ly ? lx : ly) - 4;
}

/** Limbs past the free four for chargeLimbs(max(bx, by) + 1). */
function extraWide1(x: bigint, y: bigint): number {
  const lx = x < P255 && x > N255 ? 4 : halfLimbsAbove4(x);
  const ly = y < P255 && y > N255 ? 4 : halfLimbsAbove4(y);
  return (lx > ly ? lx : ly) - 4;
}

/**
 * Limbs past the free four for chargeLimbs(bx + by), from the product r = x * y (x, y != 0):
 * r has bx + by - 1 or bx + by bits, so its limb count decides unless its top limb is full
 * (bit length a multiple of 64), where the exact lengths are taken.
 */
function extraProduct(x: bigint, y: bigint, r: bigint): number {
  if (r < P255 && r > N255) return 0;
  const l = r > 0n ? limbsAbove4Or4(r) : limbsAbove4Or4(-r);
  const top = r > 0n ? r >= HALF[l] : r <= NHALF[l];
  if (!top) return l - 4;
  const limbs = (bitLenBig(x) + bitLenBig(y) + 63) >>> 6;
  return limbs > 4 ? limbs - 4 : 0;
}

/** The smallest l >= 4 with v < 2^(64l), for 0 < v < 2^1024. */
function limbsAbove4Or4(v: bigint): number {
  let l = 4;
  while (v >= FULL[l]) l++;
  return l;
}

// the last divisor seen and its exponent when it is a power of two (-1 when not): a pure
// cache, so `x % 2**256` in a loop tests the divisor with one comparison
let lastDiv = 1n;
let lastShift = 0;
let lastShiftBig = 0n;

/** k when y = 2^k, else -1 (y > 0). */
function powerOfTwo(y: bigint): number {
  if (y === lastDiv) return lastShift;
  const k = bitLenBig(y) - 1;
  lastDiv = y;
  lastShiftBig = BigInt(k);
  lastShift = y === 1n << lastShiftBig ? k : -1;
  return lastShift;
}

/** Whether the mid path may run under these limits (no result of its operands reaches the cap). */
export const midAllowed = (maxIntBits: number): boolean => maxIntBits >= MID_CAP;

/** The gas midOp's result costs beyond the opcode's base (limbs past the first four). */
export let midCharge = 0;

/**
 * `x op y` for int operands (number, bigint) both below 2^512 under midAllowed limits, with its
 * limb gas in `midCharge` (not charged: the caller debits it, or drops the result and takes
 * the exact path when it cannot pay); undefined when the exact path must decide.
 */
export function midOp(op: number, a: Value, b: Value): Value | undefined {
  let x: bigint;
  let y: bigint;
  if (typeof a === 'bigint') x = a;
  else if (typeof a === 'number') x = BigInt(a);
  else return undefined;
  if (typeof b === 'bigint') y = b;
  else if (typeof b === 'number') y = BigInt(b);
  else return undefined;
  if (x >= P512 || x <= N512 || y >= P512 || y <= N512) return undefined;
  switch (op) {
    case Op.ADD:
    case Op.INPLACE_ADD:
      midCharge = extraWide1(x, y) * G_LIMB;
      return normBig(x + y);
    case Op.SUB:
      midCharge = extraWide1(x, y) * G_LIMB;
      return normBig(x - y);
    case Op.MUL: {
      if (x === 0n || y === 0n) {
        midCharge = 0;
        return 0;
      }
      // the product is bounded (<= 1024 bits), so making it before the charge costs nothing observable
      const r = x * y;
      midCharge = extraProduct(x, y, r) * G_LIMB;
      return normBig(r);
    }
    case Op.MOD:
    case Op.FLOORDIV: {
      if (y === 0n) return undefined; // ZeroDivisionError from the exact path
      midCharge = extraWide(x, y) * G_LIMB;
      // floor division and modulo by 2^k are a shift and a truncation (exact for any sign of x)
      const k = y > 0n ? powerOfTwo(y) : -1;
      if (op === Op.MOD) return normBig(k >= 0 ? BigInt.asUintN(k, x) : floorModBig(x, y));
      return normBig(k >= 0 ? x >> lastShiftBig : floorDivBig(x, y));
    }
    case Op.BITAND:
    case Op.BITOR:
    case Op.BITXOR:
      midCharge = extraWide(x, y) * G_LIMB;
      return normBig(op === Op.BITAND ? x & y : op === Op.BITOR ? x | y : x ^ y);
  }
  return undefined;
}

/** midOp charged to the machine (the exact path's calling convention). */
export function intOpMid(m: Machine, op: number, x: bigint, y: bigint): Value | undefined {
  if (!midAllowed(m.limits.max_int_bits)) return undefined;
  const r = midOp(op, x, y);
  if (r !== undefined && midCharge > 0) m.charge(midCharge);
  return r;
}
