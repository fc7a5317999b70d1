// sha3_256 for the node layer's own hashing (tries, receipts, tx hashes, slot ids), in one place: @noble/hashes by
// default, so the node layer runs on any JS host. A host with a native SHA3-256 may hand it in
// (useTrieSha3; host/native_hash.ts does on Node): measured 6x faster on 530-byte branch
// nodes. It must be the same function; it is checked against @noble/hashes on fixed inputs
// before it is taken, so roots and hashes do not depend on which one runs.
import { sha3_256 } from '@noble/hashes/sha3.js';

export let sha3: (b: Uint8Array) => Uint8Array = sha3_256;

export function useTrieSha3(f: (b: Uint8Array) => Uint8Array): void {
  for (const n of [0, 1, 31, 32, 135, 136, 137, 532, 1000]) {
    const b = Uint8Array.from({ length: n }, (_, i) => (i * 131 + n) & 255);
    const want = sha3_256(b);
    const got = f(b);
    if (got.length !== 32 || got.some((x, i) => x !== want[i])) throw new Error('useTrieSha3: the function given is not SHA3-256');
  }
  sha3 = f;
}
