// stdlib.hash: sha3_256, sha3_512, keccak256, blake3 (@noble/hashes; SHA3 may be the host's, see useStdSha3). Price: base +
// per_word * words(input), charged before hashing.
import { blake3 } from '@noble/hashes/blake3.js';
import { keccak_256, sha3_256, sha3_512 } from '@noble/hashes/sha3.js';
import { STDLIB_BY_NAME } from '../spec/table.js';
import type { StdImpl } from '../core/machine.js';
import { needBytes, words } from './args.js';

function hasher(name: string, h: (b: Uint8Array) => Uint8Array): StdImpl {
  const info = STDLIB_BY_NAME.get(name)!;
  return (m, a, b) => {
    const data = needBytes(name, 'data', a[b]);
    m.charge(info.base + info.dynamic.words * words(data.length));
    return h(data);
  };
}

/**
 * SHA3-256 and SHA3-512 as the stdlib computes them: @noble/hashes, unless the host handed in
 * native ones (useStdSha3; host/native_hash.ts does on Node, ~5x faster on 32-byte inputs).
 * Same bytes either way (checked before they are taken), same gas (charged before hashing),
 * so the choice is speed only; the portable build never calls it.
 */
let impl256: (b: Uint8Array) => Uint8Array = sha3_256;
let impl512: (b: Uint8Array) => Uint8Array = sha3_512;

/** Inputs the host's functions must agree with @noble/hashes on: around each rate boundary (136, 72 bytes), empty, long. */
const PROBE_LENGTHS = [0, 1, 31, 32, 33, 63, 64, 71, 72, 73, 135, 136, 137, 143, 144, 145, 271, 272, 273, 1000, 4097];

function agrees(f: (b: Uint8Array) => Uint8Array, ref: (b: Uint8Array) => Uint8Array, size: number): boolean {
  for (const n of PROBE_LENGTHS) {
    const b = Uint8Array.from({ length: n }, (_, i) => (i * 131 + n) & 255);
    // an unaligned view too: stdlib inputs may be views into a larger buffer
    const v = new Uint8Array(n + 3).fill(0xa5).subarray(3);
    v.set(b);
    const want = ref(b);
    for (const x of [b, v]) {
      const got = f(x);
      if (!(got instanceof Uint8Array) || Object.getPrototypeOf(got) !== Uint8Array.prototype) return false;
      if (got.length !== size || got.some((y, i) => y !== want[i])) return false;
    }
  }
  return true;
}

/**
 * Take the host's SHA3-256 and SHA3-512 for stdlib.hash. Each must return a plain Uint8Array
 * of the digest (not a Buffer: a contract value must behave as every other bytes value) and
 * equal @noble/hashes on the probe inputs, else this throws and nothing changes.
 */
export function useStdSha3(f256: (b: Uint8Array) => Uint8Array, f512: (b: Uint8Array) => Uint8Array): void {
  if (!agrees(f256, sha3_256, 32)) throw new Error('useStdSha3: the function given is not SHA3-256');
  if (!agrees(f512, sha3_512, 64)) throw new Error('useStdSha3: the function given is not SHA3-512');
  impl256 = f256;
  impl512 = f512;
}

/** Back to @noble/hashes (tests). */
export function useNobleSha3(): void {
  impl256 = sha3_256;
  impl512 = sha3_512;
}

export const sha3 = hasher('hash.sha3_256', (x) => impl256(x));
export const sha3_512h = hasher('hash.sha3_512', (x) => impl512(x));
export const keccak = hasher('hash.keccak256', keccak_256);
export const blake = hasher('hash.blake3', (x) => blake3(x));
