// stdlib.syscalls: requests to services outside the VM, as deterministic shims. A request is
// recorded for the receipt (kind, sha3_256 of each input, deterministic task id) and the
// call goes on; results come back in a later transaction through the adapter's results map
// (read_result). Nothing here waits, guesses, or reaches the network. spec/STDLIB.md §4.
import { sha3_256 } from '@noble/hashes/sha3.js';
import { StateError, VmError } from '../spec/errors.js';
import { STDLIB_BY_NAME } from '../spec/table.js';
import { bytesToHex } from '../core/hex.js';
import type { Machine, StdImpl } from '../core/machine.js';
import { toBig, type Value } from '../core/values.js';
import { bytesOrStr, needBytes, needInt, words } from './args.js';
import { blobCommitment, taskId, uvarintBytes, zkKey } from './task_id.js';

const P = (n: string) => STDLIB_BY_NAME.get(n)!;
const BLOB_PIN = P('syscalls.blob_pin');
const AI = P('syscalls.ai_enqueue');
const QUANTUM = P('syscalls.quantum_enqueue');
const READ_RESULT = P('syscalls.read_result');
const ZK = P('syscalls.zk_verify');
const BEACON = P('syscalls.read_beacon');
const U64_MAX = (1n << 64n) - 1n;

function capIn(m: Machine, fn: string, inputs: Uint8Array[]): void {
  let n = 0;
  for (const x of inputs) n += x.length;
  if (n > m.limits.max_syscall_in_bytes) throw new VmError('ValueError', `${fn}(): ${n} input bytes, the cap is ${m.limits.max_syscall_in_bytes}`);
}

function wordsOf(inputs: Uint8Array[]): number {
  let w = 0;
  for (const x of inputs) w += words(x.length);
  return w;
}

/** Record the request and return its task id. */
function record(m: Machine, kind: string, inputs: Uint8Array[]): Uint8Array {
  const hashes = inputs.map((x) => sha3_256(x));
  const h = m.host;
  if (h.block.chainId < 0n) throw new StateError(`chain id must be non-negative, got ${h.block.chainId}`);
  const id = taskId(kind, h.block.chainId, h.address, h.tx.hash, hashes);
  h.syscalls.push({ kind, taskId: id, inputHashes: hashes });
  return id.slice();
}

function intIn(fn: string, param: string, v: Value, min: bigint, max: bigint): bigint {
  const x = toBig(needInt(fn, param, v));
  if (x < min || x > max) throw new VmError('ValueError', `${fn}(): '${param}' must be in ${min}..${max}, got ${x}`);
  return x;
}

export const blobPin: StdImpl = (m, a, b) => {
  const ns = intIn('syscalls.blob_pin', 'ns', a[b], 0n, U64_MAX);
  const data = needBytes('syscalls.blob_pin', 'data', a[b + 1]);
  const inputs = [uvarintBytes(ns), data];
  capIn(m, 'syscalls.blob_pin', inputs);
  m.charge(BLOB_PIN.base + BLOB_PIN.dynamic.words * words(data.length));
  record(m, 'blob_pin', inputs);
  return blobCommitment(ns, data);
};

export const aiEnqueue: StdImpl = (m, a, b) => {
  const inputs = [bytesOrStr('syscalls.ai_enqueue', 'model', a[b]), bytesOrStr('syscalls.ai_enqueue', 'prompt', a[b + 1])];
  capIn(m, 'syscalls.ai_enqueue', inputs);
  m.charge(AI.base + AI.dynamic.words * wordsOf(inputs));
  return record(m, 'ai_enqueue', inputs);
};

export const quantumEnqueue: StdImpl = (m, a, b) => {
  const circuit = bytesOrStr('syscalls.quantum_enqueue', 'circuit', a[b]);
  const shots = intIn('syscalls.quantum_enqueue', 'shots', a[b + 1], 1n, BigInt(m.limits.max_quantum_shots));
  const inputs = [circuit, uvarintBytes(shots)];
  capIn(m, 'syscalls.quantum_enqueue', inputs);
  m.charge(QUANTUM.base + QUANTUM.dynamic.words * words(circuit.length));
  return record(m, 'quantum_enqueue', inputs);
};

export const readResult: StdImpl = (m, a, b) => {
  const id = needBytes('syscalls.read_result', 'task_id', a[b]);
  if (id.length !== 32) throw new VmError('ValueError', `syscalls.read_result(): task_id must be 32 bytes, got ${id.length}`);
  const r = m.host.results.get(bytesToHex(id));
  const out = r ?? new Uint8Array(0);
  if (out.length > m.limits.max_syscall_out_bytes)
    throw new StateError(`host result for task ${bytesToHex(id)} is ${out.length} bytes, the cap is ${m.limits.max_syscall_out_bytes}`);
  m.charge(READ_RESULT.base + READ_RESULT.dynamic.words * (words(id.length) + words(out.length)));
  return out.slice();
};

/**
 * No proof system runs inside the VM. The verdict for (circuit, proof, public_input) is
 * what the host supplied under zkKey(...) in the results map: exactly b"\x01" is True,
 * anything else (including nothing) is False. The request is recorded so a node can
 * verify off-VM and supply the verdict; the key is independent of the transaction so a
 * verdict can be reused.
 */
export const zkVerify: StdImpl = (m, a, b) => {
  const inputs = [
    bytesOrStr('syscalls.zk_verify', 'circuit', a[b]),
    needBytes('syscalls.zk_verify', 'proof', a[b + 1]),
    needBytes('syscalls.zk_verify', 'public_input', a[b + 2]),
  ];
  capIn(m, 'syscalls.zk_verify', inputs);
  m.charge(ZK.base + ZK.dynamic.words * wordsOf(inputs));
  const hashes = inputs.map((x) => sha3_256(x));
  const key = zkKey(hashes);
  m.host.syscalls.push({ kind: 'zk_verify', taskId: key, inputHashes: hashes });
  const v = m.host.results.get(bytesToHex(key));
  return v !== undefined && v.length === 1 && v[0] === 1;
};

export const readBeacon: StdImpl = (m) => {
  m.charge(BEACON.base);
  const beacon = m.host.block.beacon;
  if (beacon.length !== 32) throw new StateError(`block beacon must be 32 bytes, got ${beacon.length}`);
  return beacon.slice();
};
