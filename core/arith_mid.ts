// Big-int arithmetic for operands below 2^512 (the 256-bit-word contracts live here), without
// exact bit lengths. Gas for big ints depends only on 64-bit limb counts (chargeLimbs in
// arith.ts), and a limb count is found by comparing against precomputed powers of two,
// which allocates nothing. With max_int_bits >= 1024 no result of such operands can reach
// the cap, so the cap checks of the exact path are known to pass. Returns undefined, having
// charged nothing, when the exact path (arith.ts intOp) must decide.
import { Op } from '../spec/table.js';
import { OP_PRICE } from './pricing.js';
import { bitLenBig, floorDivBig, floorModBig } from './bigint.js';
import type { Machine } from './machine.js';
import { normBig, type Value } from './values.js';

const LIMB = OP_PRICE.limbs;
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

const OUT = -1; // |v| >= 2^512: not for the mid path

/** max(4, ceil(bitlen(v) / 64)): the limbs chargeLimbs(bitlen) counts; OUT past 2^512. */
function wide(v: bigint): number {
  let l = 5;
  if (v >= 0n) {
    if (v < P256) return 4;
    while (v >= FULL[l]) if (++l > 8) return OUT;
  } else {
    if (v > N256) return 4;
    while (v <= NFULL[l]) if (++l > 8) return OUT;
  }
  return l;
}

/** max(4, ceil((bitlen(v) + 1) / 64)): the limbs chargeLimbs(bitlen + 1) counts; OUT past 2^512. */
function wide1(v: bigint): number {
  let l = 5;
  if (v >= 0n) {
    if (v < P255) return 4;
    while (v >= HALF[l]) if (++l > 8) return v < P512 ? 9 : OUT;
  } else {
    if (v > N255) return 4;
    while (v <= NHALF[l]) if (++l > 8) return v > N512 ? 9 : OUT;
  }
  return l;
}

/**
 * max(4, limbs) for chargeLimbs(bx + by), from the product r = x * y (x, y != 0): r has
 * bx + by - 1 or bx + by bits, so its limb count decides unless its top limb is full (bit
 * length a multiple of 64), where the exact lengths are taken.
 */
function productLimbs(x: bigint, y: bigint, r: bigint): number {
  let l = 4;
  let top: boolean;
  if (r >= 0n) {
    while (r >= FULL[l]) l++;
    top = r >= HALF[l];
  } else {
    while (r <= NFULL[l]) l++;
    top = r <= NHALF[l];
  }
  if (!top) return l;
  const limbs = (bitLenBig(x) + bitLenBig(y) + 63) >>> 6;
  return limbs > 4 ? limbs : 4;
}

const SAFE = 9007199254740991n;

/** k when y = 2^k, else -1 (y > 0); the machine remembers the last divisor (a pure cache). */
function powerOfTwo(m: Machine, y: bigint): number {
  if (y === m.lastDiv) return m.lastShift;
  const k = bitLenBig(y) - 1;
  m.lastDiv = y;
  m.lastShiftBig = BigInt(k);
  m.lastShift = y === 1n << m.lastShiftBig ? k : -1;
  return m.lastShift;
}

/** The last small right operand midOp converted, and its bigint (a pure cache). */
let lastNum = 0;
let lastNumBig = 0n;

/**
 * The product of two small ints that left the safe range (|a|, |b| < 2^53, so |a * b| <
 * 2^106): within the free limbs, so no limb gas, and far below any cap midAllowed admits.
 * undefined when the product is safe after all (the caller's small path owns that case).
 */
export function mulSmallWide(a: number, b: number): bigint | undefined {
  const w = a * b;
  // a double product beyond 2^53 means the exact one is beyond it too (rounding is monotone)
  if (w <= 9007199254740991 && w >= -9007199254740991) return undefined;
  return BigInt(a) * BigInt(b);
}

/** Whether the mid path may run under these limits (no result of its operands reaches the cap). */
export const midAllowed = (maxIntBits: number): boolean => maxIntBits >= MID_CAP;

/** Gas for the limbs of the wider operand beyond the 4 free ones (callers bound both below 2^512). */
function widerCharge(op: number, lx: number, ly: number): number {
  return ((lx > ly ? lx : ly) - 4) * LIMB[op];
}

/**
 * `x op y` for int operands (number, bigint) both below 2^512 under midAllowed limits, with its
 * limb gas in `m.midCharge` (not charged: the caller debits it, or drops the result and takes
 * the exact path when it cannot pay); undefined when the exact path must decide.
 */
export function midOp(m: Machine, op: number, a: Value, b: Value): Value | undefined {
  let x: bigint;
  let y: bigint;
  if (typeof a === 'bigint') x = a;
  else if (typeof a === 'number') x = BigInt(a);
  else return undefined;
  if (typeof b === 'bigint') y = b;
  else if (typeof b === 'number') {
    // a small right operand is often the same each time (a modulus, a scale): convert it once
    if (b !== lastNum) {
      lastNum = b;
      lastNumBig = BigInt(b);
    }
    y = lastNumBig;
  } else return undefined;
  // each case bounds its operands below 2^512 (a limb scan that returns OUT) before any work
  switch (op) {
    case Op.ADD:
    case Op.INPLACE_ADD:
    case Op.SUB: {
      const lx = wide1(x);
      const ly = wide1(y);
      if (lx === OUT || ly === OUT) return undefined;
      m.midCharge = widerCharge(op, lx, ly);
      return normBig(op === Op.SUB ? x - y : x + y);
    }
    case Op.MUL: {
      if (x >= P512 || x <= N512 || y >= P512 || y <= N512) return undefined;
      if (x === 0n || y === 0n) {
        m.midCharge = 0;
        return 0;
      }
      // the product is bounded (<= 1024 bits), so making it before the charge costs nothing observable
      const r = x * y;
      if (r < P255 && r > N255) {
        m.midCharge = 0; // bx + by <= 256
        return normBig(r);
      }
      m.midCharge = (productLimbs(x, y, r) - 4) * LIMB[Op.MUL];
      return r; // not a safe integer: |r| >= 2^255
    }
    case Op.MOD:
    case Op.FLOORDIV: {
      const ly = wide(y);
      if (ly === OUT || (ly === 4 && y === 0n)) return undefined; // ZeroDivisionError from the exact path
      const lx = wide(x);
      if (lx === OUT) return undefined;
      m.midCharge = widerCharge(op, lx, ly);
      // floor division and modulo by 2^k are a shift and a truncation (exact for any sign of x)
      const k = y > 0n ? powerOfTwo(m, y) : -1;
      if (k < 0) return normBig(op === Op.MOD ? floorModBig(x, y) : floorDivBig(x, y));
      if (op === Op.FLOORDIV) return normBig(x >> m.lastShiftBig);
      const r = BigInt.asUintN(k, x);
      return r <= SAFE ? Number(r) : r;
    }
    case Op.BITAND:
    case Op.BITOR:
    case Op.BITXOR: {
      const lx = wide(x);
      const ly = wide(y);
      if (lx === OUT || ly === OUT) return undefined;
      m.midCharge = widerCharge(op, lx, ly);
      return normBig(op === Op.BITAND ? x & y : op === Op.BITOR ? x | y : x ^ y);
    }
  }
  return undefined;
}

/** midOp charged to the machine (the exact path's calling convention). */
export function intOpMid(m: Machine, op: number, x: bigint, y: bigint): Value | undefined {
  if (!midAllowed(m.limits.max_int_bits)) return undefined;
  const r = midOp(m, op, x, y);
  if (r !== undefined && m.midCharge > 0) m.charge(m.midCharge);
  return r;
}
