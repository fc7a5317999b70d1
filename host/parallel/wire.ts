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
  reads: [string, StateKey][];
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
    reads: o.overlay.reads ? [...o.overlay.reads.entries()] : [],
  };
}

export function fromWire(w: WireOutcome, base: ChainState): TxOutcome {
  const overlay = new Overlay(base);
  for (const [a, e] of w.accounts) overlay.accounts.set(a, e);
  overlay.reads = new Map(w.reads);
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
  };
}
