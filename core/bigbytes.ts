// Big ints to and from bytes up to 512 bits by 64-bit words (DataView), not through a hex
// string: int.from_bytes(b32) and x.to_bytes(32, ...) are the common case for 256-bit values.
// Above 512 bits the word loop's shifts grow quadratic and the callers use hex (linear).

const SCRATCH = new Uint8Array(64);
const VIEW = new DataView(SCRATCH.buffer);

/** Up to 64 bytes, most significant first, as a non-negative bigint. */
export function bigFromBE(src: ArrayLike<number>, from: number, to: number): bigint {
  const n = to - from;
  const pad = (8 - (n & 7)) & 7;
  // right-align in whole words: zeros in front change nothing
  SCRATCH.fill(0, 0, pad);
  for (let i = 0; i < n; i++) SCRATCH[pad + i] = src[from + i];
  let v = 0n;
  for (let i = 0; i < n + pad; i += 8) v = (v << 64n) | VIEW.getBigUint64(i);
  return v;
}

/** v (0 <= v < 2^512, fitting out) into out, big- or little-endian, right-aligned. */
export function bigIntoBytes(v: bigint, out: Uint8Array, big: boolean): void {
  const len = out.length;
  let k = 64;
  while (v !== 0n) {
    k -= 8;
    VIEW.setBigUint64(k, BigInt.asUintN(64, v));
    v >>= 64n;
  }
  // SCRATCH[k..64) holds v's words, most significant first; copy its low `len` bytes
  const start = Math.max(k, 64 - len);
  for (let i = start; i < 64; i++) {
    const pos = i - (64 - len); // index from the top of a big-endian out
    out[big ? pos : len - 1 - pos] = SCRATCH[i];
  }
}
