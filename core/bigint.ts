// Exact integer helpers for the slow path (bigint or mixed operands).
import { normBig } from './values.js';

// POW32[k] = 2^(32k): the 32-bit word count of a big value is found by comparisons, which
// allocate nothing; only the top word is shifted out (toString(16) was the W2 hot spot).
const POW32: bigint[] = [];
for (let k = 0, p = 1n; k <= 300; k++, p <<= 32n) POW32.push(p);
const TWO53 = 2n ** 53n;
const SHIFT32: bigint[] = POW32.map((_, k) => BigInt(32 * k));

/** Bit length of |x| (Python int.bit_length()). */
export function bitLenBig(x: bigint): number {
  if (x < 0n) x = -x;
  if (x < TWO53) return bitLenNum(Number(x));
  if (x >= POW32[300]) {
    const h = x.toString(16);
    return (h.length - 1) * 4 + (32 - Math.clz32(parseInt(h[0], 16)));
  }
  // smallest k with x < 2^(32k); 2 <= k <= 300 (values up to 512 bits are the common case)
  let lo = 2;
  let hi = 300;
  if (x < POW32[16]) hi = 16;
  else lo = 17;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (x < POW32[mid]) hi = mid;
    else lo = mid + 1;
  }
  const top = Number(x >> SHIFT32[lo - 1]); // in [1, 2^32): exact
  return 32 * (lo - 1) + (32 - Math.clz32(top));
}

export function bitLenNum(x: number): number {
  if (x < 0) x = -x;
  if (x < 0x80000000) return 32 - Math.clz32(x);
  // exact for safe integers: split into a high and a low 32-bit half
  const hi = Math.floor(x / 4294967296);
  return hi === 0 ? 32 - Math.clz32(x) : 64 - Math.clz32(hi);
}

export function floorDivBig(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

export function floorModBig(a: bigint, b: bigint): bigint {
  const r = a % b;
  return r !== 0n && r < 0n !== b < 0n ? r + b : r;
}

export { normBig };
