// What stdlib functions reach through the Machine: the call's environment, its journal of
// effects, and what it has produced so far (logs, syscall requests).
import type { BlockEnv, TxEnv } from './context.js';
import type { Machine } from './machine.js';
import type { Value } from './values.js';

/**
 * The effects a contract's host functions may have, as the VM core sees them. The node layer's
 * journal implements it; the core never imports the node layer, so this is the whole contract
 * between the two.
 */
export interface Effects {
  /** the slot table of one contract's storage in this call */
  slotsOf(address: Uint8Array): SlotTable;
  getStorage(address: Uint8Array, key: Uint8Array): Uint8Array | null;
  setStorage(address: Uint8Array, key: Uint8Array, value: Uint8Array | null): void;
  getBalance(address: Uint8Array): bigint;
  setBalance(address: Uint8Array, balance: bigint): void;
}

/** One contract's storage slots: an entry per key, with its value now and before the call. */
export interface SlotTable {
  /** the entry of key for a write of cap bytes */
  slot(key: Uint8Array, cap?: number): number;
  /** does entry e hold a value now? */
  full(e: number): boolean;
  /** was entry e non-empty before the call? */
  original(e: number): boolean;
  /** write entry e; null empties it */
  write(e: number, value: Uint8Array | null): void;
  get(key: Uint8Array): Uint8Array | null;
  has(key: Uint8Array): boolean;
}

export interface Log {
  address: Uint8Array;
  /** the event name as given (bytes; str names are UTF-8) */
  name: Uint8Array;
  topics: Uint8Array[];
  data: Uint8Array;
}

export interface SyscallRequest {
  kind: string;
  taskId: Uint8Array;
  /** sha3_256 of each input, in parameter order */
  inputHashes: Uint8Array[];
}

/** A cross-contract call as stdlib.contracts asks for it (spec/CALLS.md). */
export interface SubCall {
  to: Uint8Array;
  fn: string;
  args: Value[];
  value: bigint;
  /** gas the caller offers (null: as much as it may forward) */
  gas: number | null;
  static: boolean;
}

/** How a sub-call ended, as the caller sees it. */
export interface SubResult {
  status: 'SUCCESS' | 'REVERT' | 'OOG' | 'ERROR';
  /** the decoded return value (SUCCESS) */
  value: Value;
  /** REVERT: the callee's reason */
  reason: Uint8Array | null;
  /** ERROR: the exception kind or cap */
  kind: string | null;
  message: string;
}

export interface Host {
  address: Uint8Array;
  tx: TxEnv;
  block: BlockEnv;
  journal: Effects;
  logs: Log[];
  syscalls: SyscallRequest[];
  /** host-supplied results for read_result, by task id hex */
  results: Map<string, Uint8Array>;
  /** index of this call within its transaction (seeds the DRBG) */
  callIndex: number;
  /** bytes drawn from the DRBG so far in this call */
  randomDrawn: number;
  /** inside a static call: storage writes, events and value moves are errors */
  static?: boolean;
  /** runs a cross-contract call (absent: the host offers none) */
  call?: (m: Machine, req: SubCall) => SubResult;
}
