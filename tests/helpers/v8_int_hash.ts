// V8's hash of small-integer keys (ComputeUnseededHash): public and unseeded, so an attacker can
// choose many keys that share a bucket. Tests and the adversarial bench use it to build them.

export function v8IntHash(k: number): number {
  let h = k >>> 0;
  h = (~h + (h << 15)) >>> 0;
  h = (h ^ (h >>> 12)) >>> 0;
  h = (h + (h << 2)) >>> 0;
  h = (h ^ (h >>> 4)) >>> 0;
  h = Math.imul(h, 2057) >>> 0;
  h = (h ^ (h >>> 16)) >>> 0;
  return h & 0x3fffffff;
}

/** The first n positive ints whose hash has zero in every bit of mask (so all collide under it). */
export function collidingInts(n: number, mask: number): number[] {
  const out: number[] = [];
  for (let k = 1; out.length < n; k++) if ((v8IntHash(k) & mask) === 0) out.push(k);
  return out;
}
