// Deterministic ids for requests that leave the VM (spec/STDLIB.md §4). Byte layouts are
// consensus: a node recomputes them from the receipt's input hashes.
import { sha3_256 } from '@noble/hashes/sha3.js';
import { writeUvarint } from '../compiler/uvarint.js';

const enc = new TextEncoder();
export const TASK_DOMAIN = 'animica:vm:task:v1|';
export const BLOB_DOMAIN = 'animica:vm:blob:v1|';
export const ZK_DOMAIN = 'animica:vm:zk:v1|';

function pushBytes(out: number[], b: Uint8Array): void {
  for (let i = 0; i < b.length; i++) out.push(b[i]);
}

function lp(out: number[], b: Uint8Array): void {
  writeUvarint(out, b.length);
  pushBytes(out, b);
}

/**
 * sha3_256(b"animica:vm:task:v1|" || lp(kind) || uvarint(chain_id) || lp(address) ||
 *          lp(tx_hash) || uvarint(n) || input_hash_1 || ... || input_hash_n)
 * where lp(x) = uvarint(len(x)) || x and input_hash_i = sha3_256(input_i).
 */
export function taskId(kind: string, chainId: bigint, address: Uint8Array, txHash: Uint8Array, inputHashes: readonly Uint8Array[]): Uint8Array {
  const out: number[] = [];
  pushBytes(out, enc.encode(TASK_DOMAIN));
  lp(out, enc.encode(kind));
  writeUvarint(out, chainId);
  lp(out, address);
  lp(out, txHash);
  writeUvarint(out, inputHashes.length);
  for (const h of inputHashes) pushBytes(out, h);
  return sha3_256(Uint8Array.from(out));
}

/** blob_pin's commitment: sha3_256(b"animica:vm:blob:v1|" || uvarint(ns) || data). */
export function blobCommitment(ns: bigint, data: Uint8Array): Uint8Array {
  const out: number[] = [];
  pushBytes(out, enc.encode(BLOB_DOMAIN));
  writeUvarint(out, ns);
  const head = Uint8Array.from(out);
  const pre = new Uint8Array(head.length + data.length);
  pre.set(head);
  pre.set(data, head.length);
  return sha3_256(pre);
}

/** The key of a zk verdict: sha3_256(b"animica:vm:zk:v1|" || h(circuit) || h(proof) || h(public_input)). */
export function zkKey(inputHashes: readonly Uint8Array[]): Uint8Array {
  const out: number[] = [];
  pushBytes(out, enc.encode(ZK_DOMAIN));
  for (const h of inputHashes) pushBytes(out, h);
  return sha3_256(Uint8Array.from(out));
}

/** uvarint(n) as bytes: how int inputs (ns, shots) enter input hashes. */
export function uvarintBytes(n: bigint): Uint8Array {
  const out: number[] = [];
  writeUvarint(out, n);
  return Uint8Array.from(out);
}
