// Byte strings as Map keys (the journal's addresses, runtime/journal.ts). Measured on Node 20
// (bench/NOTES.md §4): a key built with `s += ...` per byte costs one string allocation per
// byte, so keys are built in one call. Storage slots themselves live in runtime/slabmap.ts.
import { bytesToLatin1 } from '../core/values.js';

const F = String.fromCharCode;
/** one reusable argument array per key length (fromCharCode.apply on a plain array is fast; on a Uint8Array it is not) */
const scratch: number[][] = [];
const SCRATCH_MAX = 256;

/** One char per byte (true latin1, unlike TextDecoder's): equal bytes give equal keys, and keys sort in byte order. */
export function latin1Key(b: Uint8Array): string {
  const n = b.length;
  if (n === 8) return F(b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]);
  if (n > SCRATCH_MAX) return bytesToLatin1(b);
  let a = scratch[n];
  if (a === undefined) scratch[n] = a = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) a[i] = b[i];
  return F.apply(null, a);
}

/** The bytes of a latin1Key. */
export function keyBytes(k: string): Uint8Array {
  const out = new Uint8Array(k.length);
  for (let i = 0; i < k.length; i++) out[i] = k.charCodeAt(i);
  return out;
}
