// Seeded hashing for dict keys. V8 hashes small-int Map keys with a public, unseeded and
// invertible function, and every string longer than 16,383 chars by its length alone, so an
// attacker who chooses keys can put them all in one bucket and make each insert O(n). Keys
// reach the Map only after a bijection keyed by a per-process random seed (ints), or as a
// seeded hash of their content (long text, tuples). The seed moves keys between buckets and
// nothing else: iteration order is insertion order and no outcome or gas reads a hash.

const SEED = Uint32Array.of(0x9e3779b9, 0x7f4a7c15, 0x94d049bb, 0xbf58476d);
// every browser and Node 20 has it; a host without it keeps the fixed seed (slower under attack, same results)
globalThis.crypto?.getRandomValues?.(SEED);
const S0 = SEED[0] & 0x7fffffff;
const S1 = SEED[1] & 0x7fffffff;
const S2 = SEED[2] | 1;
const S3 = SEED[3];

/** The smallest and one past the largest int whose mixed key is a V8 Smi (31 bits). */
export const SMI_LO = -0x40000000;
export const SMI_HI = 0x40000000;

/**
 * A seeded bijection of [SMI_LO, SMI_HI) onto itself (xor, odd multiply and xor-shift, all
 * mod 2^31, each invertible), so distinct ints stay distinct keys and stay Smis.
 */
export function mixSmi(k: number): number {
  let u = (k + SMI_HI) ^ S0;
  u = Math.imul(u, 0x2c1b3c6d) & 0x7fffffff;
  u ^= u >>> 15;
  u = Math.imul(u, 0x297a2d39) & 0x7fffffff;
  u ^= u >>> 13;
  return (u ^ S1) - SMI_HI;
}

function fin(h: number, n: number): number {
  h = Math.imul(h ^ n ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) & 0x3fffffff;
}

function step(h: number, x: number): number {
  h = Math.imul(h ^ x, S2);
  return (h << 13) | (h >>> 19);
}

/** Seeded 30-bit hash of a str's UTF-16 code units. */
export function hashStr(s: string): number {
  let h = S3;
  const n = s.length;
  let i = 0;
  for (; i + 1 < n; i += 2) h = step(h, s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16));
  if (i < n) h = step(h, s.charCodeAt(i));
  return fin(h, n);
}

/** Seeded 30-bit hash of bytes, four at a time (assembled by hand: the same on any host or view). */
export function hashBytes(b: Uint8Array): number {
  let h = S3 ^ 0x5bd1e995;
  const n = b.length;
  let i = 0;
  for (; i + 3 < n; i += 4) h = step(h, b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24));
  for (; i < n; i++) h = step(h, b[i] | 0x100);
  return fin(h, n);
}

/** Fold an item's hash into a tuple's running hash (order matters). */
export function hashCombine(h: number, item: number): number {
  return step(h, item);
}

export function hashFinish(h: number, n: number): number {
  return fin(h, n);
}

export const TUPLE_SEED = S3 ^ 0x27d4eb2f;
