// Exact integer helpers for the slow path (bigint or mixed operands).
import { normBig } from './values.js';

/** Bit length of |x| (Python int.bit_length()). */
export function bitLenBig(x: bigint): number {
  if (x < 0n) x = -x;
  if (x === 0n) return 0;
  const h = x.toString(16);
  return (h.length - 1) * 4 + (32 - Math.clz32(parseInt(h[0], 16)));
}

export function bitLenNum(x: number): number {
  if (x < 0) x = -x;
  if (x < 0x80000000) return 32 - Math.clz32(x);
  return bitLenBig(BigInt(x));
}

export function floorDivBig(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n) && ((a < 0n) !== (b < 0n)) ? q - 1n : q;
}

export function floorModBig(a: bigint, b: bigint): bigint {
  const r = a % b;
  return r !== 0n && ((r < 0n) !== (b < 0n)) ? r + b : r;
}

export { normBig };
