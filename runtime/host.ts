// What stdlib functions reach through the Machine: the call's environment, its journal of
// effects, and what it has produced so far (logs, syscall requests).
import type { BlockEnv, TxEnv } from './context.js';
import type { Journal } from './journal.js';

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

export interface Host {
  address: Uint8Array;
  tx: TxEnv;
  block: BlockEnv;
  journal: Journal;
  logs: Log[];
  syscalls: SyscallRequest[];
  /** host-supplied results for read_result, by task id hex */
  results: Map<string, Uint8Array>;
  /** index of this call within its transaction (seeds the DRBG) */
  callIndex: number;
  /** bytes drawn from the DRBG so far in this call */
  randomDrawn: number;
}
