// A receipt's consensus form (spec/RECEIPTS.md): canonical CBOR of the fields a node commits
// to, its sha3_256 hash, and the Merkle root of the logs. Diagnostic text (error messages,
// source locations) is left out on purpose: it depends on debug info and on wording, and two
// nodes must agree on the bytes even if one of them stripped the debug section.
// node/sha3.ts: @noble/hashes, or the host's native SHA3-256 when it installed one
import { sha3 as sha3_256 } from './sha3.js';
import { errorCodeNumber, errorKindNumber } from '../spec/errors.js';
import { encodeCanonical, withCanonical, type Cbor } from './cbor.js';
import type { CallNode, Receipt } from './execute.js';
import type { Log } from '../core/host.js';
import { writeAddress, writeCount, writeKey, writeValue, type StorageWrites } from './writes.js';

export const RECEIPT_FORMAT = 1;

/** Set on the receipt of a deploy: where the code went and its code hash. */
export interface Created {
  address: Uint8Array;
  codeHash: Uint8Array;
}

export function logCbor(l: Log): Cbor {
  return { address: l.address, topics: l.topics, data: l.data };
}

export function receiptCbor(r: Receipt, created?: Created, root: Uint8Array = logsRoot(r.logs)): Cbor {
  const out: { [k: string]: Cbor } = {
    v: RECEIPT_FORMAT,
    status: r.status,
    gasUsed: r.gasUsed,
    refund: r.refund,
    return: r.returnData,
    revert: r.revertReason,
    // numbers from spec/errors.ts: no wording can move a receipt hash
    error: r.error
      ? r.error.kind
        ? { code: errorCodeNumber(r.error.code), kind: errorKindNumber(r.error.kind) }
        : { code: errorCodeNumber(r.error.code) }
      : null,
    logs: r.logs.map(logCbor),
    logsRoot: root,
    syscalls: r.syscalls.map((s) => ({ kind: s.kind, taskId: s.taskId, inputs: s.inputHashes })),
    writes: writesCbor(r.writes),
    balances: r.balanceWrites.map((b) => ({ address: b.address, balance: b.balance })),
  };
  if (created) out.created = { address: created.address, codeHash: created.codeHash };
  if (r.calls?.length) out.calls = flatCalls(r.calls);
  return out;
}

function writesCbor(w: StorageWrites): Cbor[] {
  const out: Cbor[] = [];
  for (let i = 0, n = writeCount(w); i < n; i++) out.push({ address: writeAddress(w, i), key: writeKey(w, i), value: writeValue(w, i) });
  return out;
}

/**
 * The call tree (spec/CALLS.md §8) as one flat list in call order (pre-order), each entry
 * with its depth (1: called by the transaction's contract), so the encoding does not nest
 * however deep the calls went. Present only when the call made some.
 */
export function flatCalls(calls: readonly CallNode[]): Cbor[] {
  const out: Cbor[] = [];
  // an explicit stack: the tree is as deep as limits.max_call_depth
  const work: Array<[CallNode, number]> = [];
  for (let i = calls.length - 1; i >= 0; i--) work.push([calls[i], 1]);
  while (work.length) {
    const [c, depth] = work.pop()!;
    out.push({
      depth,
      to: c.to,
      fn: c.fn,
      value: c.value,
      static: c.static,
      gas: c.gas,
      gasUsed: c.gasUsed,
      status: c.status,
      return: c.returnData,
      revert: c.revertReason,
      kind: c.kind,
    });
    for (let i = c.calls.length - 1; i >= 0; i--) work.push([c.calls[i], depth + 1]);
  }
  return out;
}

export function encodeReceipt(r: Receipt, created?: Created, root?: Uint8Array): Uint8Array {
  return encodeCanonical(receiptCbor(r, created, root));
}

export function receiptHash(encoded: Uint8Array): Uint8Array {
  return sha3_256(encoded);
}

const LEAF = 0x00;
const NODE = 0x01;

function tagged(tag: number, ...parts: Uint8Array[]): Uint8Array {
  let n = 1;
  for (const p of parts) n += p.length;
  const b = new Uint8Array(n);
  b[0] = tag;
  let o = 1;
  for (const p of parts) {
    b.set(p, o);
    o += p.length;
  }
  return b;
}

/**
 * Binary Merkle root over the logs in emission order. leaf = sha3_256(0x00 || cbor(log)),
 * node = sha3_256(0x01 || left || right); an odd node at the end of a level moves up
 * unchanged (no duplication, so [a, b, c] and [a, b, c, c] have different roots).
 * No logs: 32 zero bytes.
 */
export function logsRoot(logs: readonly Log[]): Uint8Array {
  if (logs.length === 0) return new Uint8Array(32);
  // each leaf hashed where it is encoded, with no copy of it
  let level: Uint8Array[] = logs.map((l) => withCanonical(LEAF, logCbor(l), sha3_256));
  while (level.length > 1) {
    const next: Uint8Array[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(i + 1 < level.length ? sha3_256(tagged(NODE, level[i], level[i + 1])) : level[i]);
    level = next;
  }
  return level[0];
}
