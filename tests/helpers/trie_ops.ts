// Random trie workloads shared by tests/trie.test.ts (against @ethereumjs/mpt) and
// tests/trie_stored.test.ts (a stored trie against one in memory): the same key shapes and
// the same mix of inserts, overwrites and deletes.

export const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/** a small deterministic generator (xorshift32) */
export function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

/** Key shapes: hashed keys, and short keys over a small alphabet (prefixes of each other, so branches hold values). */
export const KEY_KINDS = [
  ['32-byte keys', () => 32],
  ['keys of 1..4 bytes (prefixes of each other)', (r: () => number) => 1 + Math.floor(r() * 4)],
] as const;

/**
 * n operations: about 35% deletes of a key used before, else a put of a new random key (added
 * to keys) with a value of 1..40 bytes (inlined and hashed nodes both).
 */
export function randomOps(r: () => number, keyLen: (r: () => number) => number, keys: Uint8Array[], n: number): [Uint8Array, Uint8Array | null][] {
  const out: [Uint8Array, Uint8Array | null][] = [];
  for (let i = 0; i < n; i++) {
    const del = keys.length > 0 && r() < 0.35;
    const key = del ? keys[Math.floor(r() * keys.length)] : Uint8Array.from({ length: keyLen(r) }, () => Math.floor(r() * (keyLen(r) < 3 ? 4 : 256)));
    if (!del) keys.push(key);
    const value = del ? null : Uint8Array.from({ length: 1 + Math.floor(r() * 40) }, () => Math.floor(r() * 256));
    out.push([key, value]);
  }
  return out;
}
