// stdlib.hash: sha3_256, sha3_512, keccak256, blake3 (@noble/hashes). Price: base +
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

export const sha3 = hasher('hash.sha3_256', sha3_256);
export const sha3_512h = hasher('hash.sha3_512', sha3_512);
export const keccak = hasher('hash.keccak256', keccak_256);
export const blake = hasher('hash.blake3', (x) => blake3(x));
