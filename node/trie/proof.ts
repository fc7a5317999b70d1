// Checking an EIP-1186-style proof (the encoded nodes on a key's path, root first) against a
// trie root: follow the key's nibbles from the root through nodes found by their hash (or
// inlined in their parent), and return the value at the end, or null when the path proves
// the key absent. Synchronous and free of Node APIs, so light clients and browsers can run
// it; tests/trie.test.ts also checks our proofs with @ethereumjs/mpt's verifier.
import { decode as rlpDecode } from '@ethereumjs/rlp';
import { sha3 as sha3_256 } from '../sha3.js';
import { bytesToHex } from '../../core/hex.js';
import { MAX_KEY_BYTES } from './mpt.js';

type Raw = Uint8Array | Raw[];

export class ProofError extends Error {}

/** hex-prefix decode: [nibbles, isLeaf] */
function hexPrefix(b: Uint8Array): [number[], boolean] {
  if (b.length === 0) throw new ProofError('empty node path');
  const flag = b[0] >> 4;
  if (flag > 3) throw new ProofError('bad node path flag');
  const out: number[] = [];
  if (flag & 1) out.push(b[0] & 15);
  for (let i = 1; i < b.length; i++) out.push(b[i] >> 4, b[i] & 15);
  return [out, (flag & 2) !== 0];
}

/**
 * The value the proof shows for key under root, or null when it proves the key absent.
 * Throws ProofError when a node is missing, does not match its hash, or is malformed.
 */
export function verifyTrieProof(root: Uint8Array, key: Uint8Array, proof: readonly Uint8Array[]): Uint8Array | null {
  if (key.length > MAX_KEY_BYTES) throw new ProofError(`key of ${key.length} bytes`);
  const byHash = new Map<string, Uint8Array>();
  for (const p of proof) byHash.set(bytesToHex(sha3_256(p)), p);
  const nib: number[] = [];
  for (const b of key) nib.push(b >> 4, b & 15);
  const load = (ref: Uint8Array): Raw => {
    const enc = byHash.get(bytesToHex(ref));
    if (enc === undefined) throw new ProofError('proof lacks a node on the path');
    return rlpDecode(enc) as Raw;
  };
  if (root.length !== 32) throw new ProofError('root must be 32 bytes');
  let node: Raw = load(root);
  let off = 0;
  // each step consumes at least one nibble or ends, so at most 2 * key length + 1 steps
  for (let step = 0; step <= 2 * key.length + 1; step++) {
    if (!Array.isArray(node)) throw new ProofError('a node is not a list');
    let next: Raw;
    if (node.length === 17) {
      if (off === nib.length) {
        const v = node[16];
        if (!(v instanceof Uint8Array)) throw new ProofError('bad branch value');
        return v.length ? v : null;
      }
      next = node[nib[off++]];
    } else if (node.length === 2) {
      if (!(node[0] instanceof Uint8Array)) throw new ProofError('bad node path');
      const [path, leaf] = hexPrefix(node[0]);
      const rest = nib.slice(off, off + path.length);
      if (rest.length !== path.length || rest.some((x, i) => x !== path[i])) return null;
      off += path.length;
      if (leaf) {
        if (!(node[1] instanceof Uint8Array)) throw new ProofError('bad leaf value');
        return off === nib.length ? node[1] : null;
      }
      next = node[1];
    } else throw new ProofError(`a node of ${node.length} items`);
    if (next instanceof Uint8Array) {
      if (next.length === 0) return null;
      if (next.length !== 32) throw new ProofError('a child reference is neither a hash nor an inlined node');
      node = load(next);
    } else node = next;
  }
  throw new ProofError('proof path longer than the key');
}
