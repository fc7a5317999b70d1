// On Node, the tries, block receipts and tx hashes use Node's native SHA3-256 (the same function as @noble/hashes,
// checked by useTrieSha3 before it is taken): 10 us vs 67 us per 530-byte branch node,
// measured on this machine under load.
import { createHash, hash } from 'node:crypto';
import { useTrieSha3 } from '../node/sha3.js';
import { useStdSha3 } from '../stdlib/hash.js';

let done = false;

export function useNativeTrieHash(): void {
  if (done) return;
  // crypto.hash (Node >= 20.12): one call, no Hash object; 2.0 us vs 3.0 us per 120-byte input here
  const oneShot = typeof hash === 'function';
  useTrieSha3(
    oneShot
      ? (b) => {
          // the digest as a 32-char latin1 string (one char per byte, exact), copied into a
          // plain 32-byte array: a Buffer digest is an ArrayBuffer with memory outside V8's
          // heap, which the garbage collector must track and free; this way cost 0.7-0.9 us
          // less per hash, GC threads included (10 hashes per token transfer)
          const s = hash('sha3-256', b, 'latin1');
          const d = new Uint8Array(32);
          for (let i = 0; i < 32; i++) d[i] = s.charCodeAt(i);
          return d;
        }
      : (b) => new Uint8Array(createHash('sha3-256').update(b).digest()),
  );
  done = true;
}

/** A native digest as a plain Uint8Array of its own (not a Buffer, not a view into Node's pool). */
function plain(d: Uint8Array, size: number): Uint8Array {
  return d.byteOffset === 0 && d.buffer.byteLength === size ? new Uint8Array(d.buffer, 0, size) : new Uint8Array(d);
}

/**
 * stdlib.hash.sha3_256 / sha3_512 on Node's native SHA3 (OpenSSL): the same digests as
 * @noble/hashes (useStdSha3 checks them before taking them) and the same gas, several times
 * faster on short inputs (bench W3, a chain of 32-byte hashes).
 */
export function useNativeStdSha3(): void {
  const oneShot = typeof hash === 'function';
  const digest =
    (alg: string, size: number) =>
    (b: Uint8Array): Uint8Array =>
      plain(oneShot ? hash(alg, b, 'buffer') : createHash(alg).update(b).digest(), size);
  useStdSha3(digest('sha3-256', 32), digest('sha3-512', 64));
}

/** Every native hash a Node host can take: the node layer's (useNativeTrieHash) and the stdlib's. */
export function useNativeHashes(): void {
  useNativeTrieHash();
  useNativeStdSha3();
}
