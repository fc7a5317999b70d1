// Cross-contract calls (spec/CALLS.md): the host side of stdlib.contracts. A call finds the
// callee's code, encodes the arguments by the callee's ABI, sets aside the gas it forwards,
// runs the callee as a frame over a journal nested in the caller's, and merges that journal
// on success or drops it on failure; the result comes back decoded by the callee's ABI.
// Each call is recorded in the call tree of the receipt.
import { countEncodedItems, decodeValueExact, type AbiOptions } from '../core/abi/codec.js';
import { encodeCharged } from '../core/abi/charged_encode.js';
import type { BlockEnv, TxEnv } from '../core/context.js';
import { bytesToHex } from '../core/hex.js';
import type { Log, SubCall, SubResult, SyscallRequest } from '../core/host.js';
import type { LoadedModule } from '../core/load.js';
import type { Machine, StdImpl, Tracer } from '../core/machine.js';
import type { Value } from '../core/values.js';
import { CONSTRUCTOR } from '../spec/constructor.js';
import { VmPyError } from '../spec/errors.js';
import { CONSTANTS, STDLIB_BY_NAME, type Limits } from '../spec/table.js';
import { words } from '../stdlib/args.js';
import { loadCode } from './code_cache.js';
import { chargeReason, runFrame, type FrameArgs, type Status } from './execute.js';
import { Journal } from './journal.js';
import type { CodeStore } from './state.js';

const PER_WORD = STDLIB_BY_NAME.get('contracts.call')!.dynamic.words;
/** the receipt's node of a call: its fixed bytes, priced per word as a result is (spec/CALLS.md §3) */
const NODE_BYTES = CONSTANTS.CALL_NODE_BYTES;
/** per word of code loaded by a transaction's call for the first time (decoded and verified) */
const LOAD_PER_WORD = CONSTANTS.CODE_LOAD_PER_WORD;
const NODE_PER_WORD = CONSTANTS.RESULT_PER_WORD;
/** per value of the arguments encoded and of the result decoded (each an object made) */
const PER_ITEM = STDLIB_BY_NAME.get('contracts.call')!.dynamic.items;
const enc = new TextEncoder();

/** What every frame of one transaction's call shares. */
export interface TxFrames {
  codes: CodeStore | null;
  limits: Readonly<Limits>;
  block: BlockEnv;
  results: Map<string, Uint8Array>;
  callIndex: number;
  /** the events and syscall requests of every frame, in the one order they happened */
  logs: Log[];
  syscalls: SyscallRequest[];
  /** addresses (hex) of the frames now running, outermost first */
  active: string[];
  /** the code of each address (hex) this transaction's call has loaded: warm for the rest of it */
  loaded: Map<string, LoadedModule>;
  /** DRBG bytes drawn so far per address (hex) */
  drawn: Map<string, number>;
  /** --trace: a tracer for each nested frame, told when the frame is over */
  tracerFor?: (module: LoadedModule, depth: number, address: Uint8Array, fn: string, gas: number) => FrameTrace | null;
  /** a tool's host modules (spec/host_std.ts), in every frame */
  hostStd?: { std: readonly (StdImpl | undefined)[]; arity: Int32Array };
}

export interface FrameTrace {
  tracer: Tracer;
  finish(status: Status, gasUsed: number, gasLeft: number): void;
}

/** One cross-contract call in the receipt's call tree. */
export interface CallNode {
  /** the callee's address */
  to: Uint8Array;
  fn: string;
  value: bigint;
  static: boolean;
  /** gas forwarded to the callee (0 when the call failed before the callee ran) */
  gas: number;
  /** gas the callee used of it */
  gasUsed: number;
  status: Status;
  /** SUCCESS: the callee's return data */
  returnData: Uint8Array;
  /** REVERT: the callee's reason */
  revertReason: Uint8Array | null;
  /** ERROR: the exception kind or cap */
  kind: string | null;
  /** the callee's own calls */
  calls: CallNode[];
}

/** Run `sub` for the frame `caller` whose machine is `m`; every outcome is a SubResult. */
export function subCall(tx: TxFrames, caller: FrameArgs, m: Machine, sub: SubCall): SubResult {
  const L = tx.limits;
  // every call, failed ones too, leaves a node in the receipt (encoded and hashed): paid first
  m.charge(NODE_PER_WORD * words(NODE_BYTES + sub.to.length + utf8Length(sub.fn)));
  const node: CallNode = {
    to: sub.to,
    fn: sub.fn,
    value: sub.value,
    static: sub.static,
    gas: 0,
    gasUsed: 0,
    status: 'ERROR',
    returnData: new Uint8Array(0),
    revertReason: null,
    kind: null,
    calls: [],
  };
  caller.calls.push(node);
  const target = `0x${bytesToHex(sub.to)}`;
  const early = (status: 'ERROR' | 'REVERT', kind: string | null, message: string, reason: Uint8Array | null = null): SubResult => {
    node.status = status;
    node.kind = kind;
    node.revertReason = reason;
    return { status, value: null, reason, kind, message };
  };
  // checks in a fixed order, each before any work it guards
  if (caller.depth >= L.max_contract_depth)
    return early(
      'ERROR',
      'RecursionError',
      `call to ${target}.${sub.fn}(): cross-contract calls nest at most ${L.max_contract_depth} deep (limits.max_contract_depth)`,
    );
  const hex = bytesToHex(sub.to);
  if (tx.active.includes(hex))
    return early(
      'ERROR',
      'ReentrancyError',
      `call to ${target}.${sub.fn}(): the contract is already running in this call (re-entry is not allowed, spec/CALLS.md)`,
    );
  const code = tx.codes?.getCode(sub.to) ?? null;
  if (!code || code.length === 0) return early('ERROR', 'CallError', `call to ${target}.${sub.fn}(): no contract at that address`);
  // the first call to an address in this transaction's call loads its code (priced as a cold
  // load, whatever the host's cache holds); it stays loaded for the rest of the call
  let module = tx.loaded.get(hex);
  m.charge((module === undefined ? LOAD_PER_WORD : PER_WORD) * words(code.length));
  if (module === undefined) {
    try {
      module = loadCode(code, L);
    } catch (e) {
      if (!(e instanceof VmPyError)) throw e;
      return early('ERROR', 'CallError', `call to ${target}.${sub.fn}(): the code there does not load (${e.code})`);
    }
    tx.loaded.set(hex, module);
  }
  const ex = sub.fn === CONSTRUCTOR ? undefined : module.byName.get(sub.fn);
  if (!ex) return early('ERROR', 'CallError', `call to ${target}.${sub.fn}(): the contract has no public function '${sub.fn}'`);
  const opts: AbiOptions = { addressBytes: L.address_bytes, maxIntBits: L.max_int_bits, maxBytesLength: L.max_bytes_len, maxListLength: L.max_container_len };
  let args: Uint8Array;
  try {
    // per value, counted before any is encoded (and no further than the gas left pays for);
    // the bytes at most what a call may hold, then PER_WORD per word of calldata below
    args = encodeCharged(m, ex.params, sub.args, opts, L.max_memory_bytes, { item: PER_ITEM, word: 0 });
  } catch (e) {
    if (!(e instanceof VmPyError)) throw e;
    return early('ERROR', 'TypeError', `call to ${target}.${sub.fn}(): ${e.message} (parameters: ${ex.params.join(', ') || 'none'})`);
  }
  const calldata = new Uint8Array(ex.selector.length + args.length);
  calldata.set(ex.selector);
  calldata.set(args, ex.selector.length);
  m.charge(PER_WORD * words(calldata.length));
  const self = caller.tx.to;
  if (sub.value > 0n && caller.journal.getBalance(self) < sub.value) {
    return early(
      'REVERT',
      null,
      `call to ${target}.${sub.fn}(): value ${sub.value} exceeds the caller's balance`,
      enc.encode('contracts: insufficient balance for the call value'),
    );
  }
  // all but 1/64 of what is left, so a caller always keeps gas to act on the outcome
  const cap = m.gas - Math.floor(m.gas / 64);
  const forwarded = sub.gas === null || sub.gas > cap ? cap : sub.gas;
  m.gas -= forwarded;
  node.gas = forwarded;
  const journal = new Journal(caller.journal);
  const childTx: TxEnv = { hash: caller.tx.hash, sender: self, to: sub.to, value: sub.value, nonce: caller.tx.nonce };
  const logs = tx.logs.length;
  const syscalls = tx.syscalls.length;
  tx.active.push(hex);
  const depth = caller.depth + 1;
  const trace = tx.tracerFor?.(module, depth, sub.to, sub.fn, forwarded) ?? null;
  let r;
  try {
    r = runFrame(tx, {
      module,
      calldata,
      gasLimit: forwarded,
      tx: childTx,
      journal,
      depth,
      static: sub.static,
      tracer: trace?.tracer ?? null,
      // the callee's values and the caller's share one budget
      memCap: Math.max(0, m.memCap - m.mem),
      calls: node.calls,
    });
  } finally {
    tx.active.pop();
  }
  const used = r.receipt.gasUsed;
  trace?.finish(r.status, used, forwarded - used);
  m.gas += forwarded - used;
  node.gasUsed = used;
  node.status = r.status;
  if (r.status !== 'SUCCESS') {
    // the callee's events and requests die with its journal
    tx.logs.length = logs;
    tx.syscalls.length = syscalls;
    node.revertReason = r.receipt.revertReason;
    // the reason is kept again in this call's node of the receipt's call tree
    if (!chargeReason(m, node.revertReason)) m.charge(m.gas + 1);
    node.kind = r.receipt.error?.kind ?? (r.status === 'ERROR' ? (r.receipt.error?.code ?? null) : null);
    const why = r.receipt.error?.message ?? r.status;
    return { status: r.status, value: null, reason: r.receipt.revertReason, kind: node.kind, message: `in call to ${target}.${sub.fn}(): ${why}` };
  }
  journal.commit();
  m.refund += r.refund;
  node.returnData = r.receipt.returnData;
  m.charge(PER_WORD * words(r.receipt.returnData.length));
  // decoded afresh: the caller never shares an object with the callee; each value made is
  // paid for first, counted from the length prefixes
  let value: Value = null;
  try {
    if (ex.returns !== 'none') {
      m.charge(PER_ITEM * countEncodedItems([ex.returns], r.receipt.returnData, L.max_container_len));
      value = decodeValueExact(ex.returns, r.receipt.returnData, opts);
    }
  } catch (e) {
    if (!(e instanceof VmPyError)) throw e;
    return {
      status: 'ERROR',
      value: null,
      reason: null,
      kind: 'CallError',
      message: `call to ${target}.${sub.fn}(): the result does not decode as ${ex.returns} (${e.message})`,
    };
  }
  return { status: 'SUCCESS', value, reason: null, kind: null, message: '' };
}

/** UTF-8 length of a str (a function name as given, which may be any text). */
function utf8Length(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // 2 bytes below U+0800, 3 above; a surrogate pair is 4 bytes for 2 units
    if (c >= 0x80) n += c < 0x800 ? 1 : c >= 0xd800 && c <= 0xdfff ? 1 : 2;
  }
  return n;
}
