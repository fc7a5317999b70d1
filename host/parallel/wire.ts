// A tx's outcome (node/block/execute_block.ts TxOutcome) as plain data for postMessage, and
// back. Everything in it is plain (receipts' writes included) except the execution receipt's
// decoded return value, which may be a class instance (PyTuple, PyDict): an outcome with
// such a value is not sent, and the main thread runs that tx itself.
import type { AdapterReceipt } from '../../node/adapter.js';
import type { TxOutcome } from '../../node/block/execute_block.js';
import { Overlay, type AccountEntry, type StateKey } from '../../node/block/overlay.js';
import type { ChainState } from '../../node/block/chain_state.js';

export interface WireOutcome {
  hash: Uint8Array;
  kind: TxOutcome['kind'];
  status: TxOutcome['status'];
  gasUsed: number;
  fee: bigint;
  sender: Uint8Array;
  nonce: bigint;
  exec: AdapterReceipt | null;
  error: TxOutcome['error'];
  touched: Uint8Array[];
  accounts: [string, AccountEntry][];
  /** the read set, in the order the tx read */
  reads: StateKey[];
  /** idHash of each read's keyId, in the same order: what validation compares (a third of the bytes the ids themselves took, and no strings to decode) */
  readIds: Int32Array;
}

/**
 * A 32-bit FNV-1a hash of a state key's id (overlay.ts keyId). Validation compares hashes:
 * two different keys with one hash only make a tx look conflicting (it is run again), never
 * the other way round, so results stay exact.
 */
export function idHash(id: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h;
}

/** idHash of every id */
export function idHashes(ids: Iterable<string>): number[] {
  const out: number[] = [];
  for (const id of ids) out.push(idHash(id));
  return out;
}

function plainValue(v: unknown): boolean {
  return (
    v === undefined ||
    v === null ||
    typeof v === 'boolean' ||
    typeof v === 'number' ||
    typeof v === 'bigint' ||
    typeof v === 'string' ||
    v instanceof Uint8Array
  );
}

export function toWire(o: TxOutcome): WireOutcome | null {
  if (o.exec && !plainValue(o.exec.returnValue)) return null;
  return {
    hash: o.hash,
    kind: o.kind,
    status: o.status,
    gasUsed: o.gasUsed,
    fee: o.fee,
    sender: o.sender,
    nonce: o.nonce,
    exec: o.exec,
    error: o.error,
    touched: o.touched,
    accounts: [...o.overlay.accounts.entries()],
    reads: o.overlay.reads ? [...o.overlay.reads.values()] : [],
    readIds: o.overlay.reads ? Int32Array.from(idHashes(o.overlay.reads.keys())) : new Int32Array(0),
  };
}

export function fromWire(w: WireOutcome, base: ChainState): TxOutcome {
  const overlay = new Overlay(base);
  for (const [a, e] of w.accounts) overlay.accounts.set(a, e);
  // no read map: the executor validates by w.readIds, and the receipt takes w.reads as its read set
  return {
    hash: w.hash,
    overlay,
    kind: w.kind,
    status: w.status,
    gasUsed: w.gasUsed,
    fee: w.fee,
    sender: w.sender,
    nonce: w.nonce,
    exec: w.exec,
    error: w.error,
    touched: w.touched,
    readSet: w.reads,
  };
}
