// One contract call, start to receipt: pick the function by selector, decode the arguments,
// charge the entry cost, run, encode the return, then commit the journal on success or
// drop it. Every outcome is a Receipt; nothing a contract or its input does escapes as a
// JS exception.
import { selectorHex } from '../compiler/selector.js';
import { CONSTRUCTOR } from '../spec/constructor.js';
import { AbiError, OutOfGas, Revert, StoreError, VmError, VmPyError, type Location } from '../spec/errors.js';
import { CONSTANTS, DEFAULT_LIMITS, ENTRY, REFUNDS, type Limits } from '../spec/table.js';
import { STD_IMPLS } from '../stdlib/index.js';
import { creditCallValue } from '../stdlib/treasury.js';
import { decodeArgs, splitCall, utf8Decode, type AbiOptions } from '../core/abi/codec.js';
import { encodeCharged } from '../core/abi/charged_encode.js';
import type { BlockEnv, TxEnv } from '../core/context.js';
import type { Log, SyscallRequest } from '../core/host.js';
import { execute } from '../core/jit/engine.js';
import { Journal, type BalanceWrite } from './journal.js';
import { NO_WRITES, type StorageWrites } from './writes.js';
export type { CallNode } from './calls.js';
import { locate, type LoadedModule } from '../core/load.js';
import { Machine, type StdImpl, type Tracer } from '../core/machine.js';
import type { AbiFunction, AbiOutput } from './manifest.js';
import type { CodeStore, StateAdapter } from './state.js';
import { subCall, type CallNode, type TxFrames } from './calls.js';
import type { Host } from '../core/host.js';
import { bytesToHex } from '../core/hex.js';
import { PyDict, typeName, type Value } from '../core/values.js';

export type Status = 'SUCCESS' | 'REVERT' | 'OOG' | 'ERROR';

export interface CallError {
  code: string;
  message: string;
  /** Python exception kind or cap for VmError */
  kind?: string;
  location?: Location;
  /**
   * The call stack where it failed, outermost first (the failing frame last), with positions
   * when the module has debug info. Diagnostic only: not part of the receipt's bytes.
   */
  traceback?: TraceFrame[];
}

export interface TraceFrame {
  function: string;
  location?: Location;
}

export interface Receipt {
  status: Status;
  gasUsed: number;
  refund: number;
  returnData: Uint8Array;
  /** the decoded return value (SUCCESS only) */
  returnValue: Value | undefined;
  revertReason: Uint8Array | null;
  error: CallError | null;
  logs: Log[];
  syscalls: SyscallRequest[];
  /** storage writes, packed (node/writes.ts: writeCount, writeAt, writeList) */
  writes: StorageWrites;
  balanceWrites: BalanceWrite[];
  /** the call tree: this call's cross-contract calls, in order (absent when it made none) */
  calls?: CallNode[];
}

export interface CallRequest {
  module: LoadedModule;
  /** selector || args */
  calldata: Uint8Array;
  gasLimit: number;
  tx: TxEnv;
  block: BlockEnv;
  state: StateAdapter;
  limits?: Readonly<Limits>;
  results?: Map<string, Uint8Array>;
  callIndex?: number;
  tracer?: Tracer;
  /**
   * The manifest's ABI by function name, already cross-checked against the module
   * (runtime/manifest_check.ts). When given it governs the wire: arguments are decoded and
   * the result encoded with its (possibly sized) types, and `-> dict` functions return its
   * named outputs. Without it the contract's own annotations are used.
   */
  abi?: ReadonlyMap<string, AbiFunction>;
  /** set only by deploy: the calldata selects the constructor, which no other call may run */
  constructing?: boolean;
  /** where cross-contract calls find code; defaults to `state` when it implements CodeStore */
  codes?: CodeStore;
  /** a tracer for each nested frame (--trace) */
  tracerFor?: TxFrames['tracerFor'];
  /** a tool's host modules (spec/host_std.ts), for modules loaded with them: implementations by id and arities */
  host?: { std: readonly (StdImpl | undefined)[]; arity: Int32Array };
}

export function executeCall(req: CallRequest): Receipt {
  const limits = req.limits ?? DEFAULT_LIMITS;
  if (!Number.isSafeInteger(req.gasLimit) || req.gasLimit < 0) throw new AbiError(`gas limit must be a non-negative safe integer, got ${req.gasLimit}`);
  const journal = new Journal(req.state);
  const tx: TxFrames = {
    codes: req.codes ?? codeStoreOf(req.state),
    limits,
    block: req.block,
    results: req.results ?? new Map<string, Uint8Array>(),
    callIndex: req.callIndex ?? 0,
    logs: [],
    syscalls: [],
    active: [bytesToHex(req.tx.to)],
    loaded: new Map([[bytesToHex(req.tx.to), req.module]]),
    drawn: new Map(),
    tracerFor: req.tracerFor,
    hostStd: req.host,
  };
  const calls: CallNode[] = [];
  const f = runFrame(tx, {
    module: req.module,
    calldata: req.calldata,
    gasLimit: req.gasLimit,
    tx: req.tx,
    journal,
    depth: 0,
    static: false,
    abi: req.abi,
    constructing: req.constructing,
    tracer: req.tracer ?? null,
    memCap: limits.max_memory_bytes,
    calls,
  });
  // f.receipt is this frame's own object: completed in place (same fields, same order)
  const r = f.receipt;
  if (f.status === 'SUCCESS') {
    const gasUsed = r.gasUsed;
    const refund = Math.min(Math.max(f.refund, 0), refundCap(gasUsed, REFUNDS.capBasisPoints));
    const writes = journal.storageWrites();
    const balanceWrites = journal.balanceWrites();
    journal.commit(writes, balanceWrites);
    r.gasUsed = gasUsed - refund;
    r.refund = refund;
    r.logs = tx.logs;
    r.syscalls = tx.syscalls;
    r.writes = writes;
    r.balanceWrites = balanceWrites;
  }
  if (calls.length) r.calls = calls;
  return r;
}

function codeStoreOf(state: StateAdapter): CodeStore | null {
  const s = state as Partial<CodeStore>;
  return typeof s.getCode === 'function' ? (state as unknown as CodeStore) : null;
}

/** What one contract frame needs besides what the whole call shares. */
export interface FrameArgs {
  module: LoadedModule;
  calldata: Uint8Array;
  gasLimit: number;
  tx: TxEnv;
  journal: Journal;
  /** 0 for the transaction's own call, +1 per cross-contract call */
  depth: number;
  static: boolean;
  abi?: ReadonlyMap<string, AbiFunction>;
  constructing?: boolean;
  tracer: Tracer | null;
  /** what this frame's values may hold (the caller's share left, spec/CALLS.md) */
  memCap: number;
  /** where the frame's own cross-contract calls are recorded */
  calls: CallNode[];
}

export interface FrameResult {
  status: Status;
  /** the receipt fields of this frame alone: gas before refunds; no logs, writes or syscalls */
  receipt: Receipt;
  /** refund earned (storage clears), not yet capped */
  refund: number;
}

/**
 * Run one frame: charge the entry price, credit the value, pick the function, decode the
 * arguments, run, encode the return. The journal is neither committed nor dropped here:
 * the caller of the frame decides (the top level commits to the state, a cross-contract
 * call merges into its caller's journal).
 */
export function runFrame(tx: TxFrames, f: FrameArgs): FrameResult {
  const limits = f.memCap === tx.limits.max_memory_bytes ? tx.limits : { ...tx.limits, max_memory_bytes: f.memCap };
  const self = f.tx.to;
  const selfHex = bytesToHex(self);
  const host: Host = {
    address: self,
    tx: f.tx,
    block: tx.block,
    journal: f.journal,
    logs: tx.logs,
    syscalls: tx.syscalls,
    results: tx.results,
    callIndex: tx.callIndex,
    randomDrawn: tx.drawn.get(selfHex) ?? 0,
    static: f.static,
    call: (m, sub) => subCall(tx, f, m, sub),
  };
  const m = new Machine(f.module, limits, f.gasLimit, tx.hostStd?.std ?? STD_IMPLS, host);
  m.tracer = f.tracer;
  if (tx.hostStd) m.stdArity = tx.hostStd.arity;
  const done = (
    status: Status,
    err: CallError | null,
    reason: Uint8Array | null,
    returnData: Uint8Array = new Uint8Array(0),
    returnValue: Value | undefined = undefined,
  ): FrameResult => {
    // one DRBG stream per (tx, address, call index): a later frame of the same contract goes on where this one stopped
    if (host.randomDrawn) tx.drawn.set(selfHex, host.randomDrawn);
    return {
      status,
      refund: status === 'SUCCESS' ? m.refund : 0,
      receipt: {
        status,
        gasUsed: status === 'OOG' ? f.gasLimit : f.gasLimit - m.gas,
        refund: 0,
        returnData,
        returnValue,
        revertReason: reason,
        error: err,
        logs: [],
        syscalls: [],
        writes: NO_WRITES,
        balanceWrites: [],
      },
    };
  };
  try {
    m.charge(ENTRY.base + ENTRY.perCalldataByte * f.calldata.length);
    creditCallValue(f.journal, f.tx);
    const { selector, args } = splitCall(f.calldata);
    const ex = f.module.exports.get(selectorHex(selector));
    if (!ex) throw new VmError('UnknownFunction', `no function with selector ${selectorHex(selector)}`);
    const isConstructor = f.module.funcs[ex.func].name === CONSTRUCTOR;
    if (isConstructor && !f.constructing)
      throw new VmError('UnknownFunction', `${CONSTRUCTOR} is the constructor: it runs once, at deploy, and cannot be called`);
    if (!isConstructor && f.constructing) throw new VmError('UnknownFunction', `deploy runs only the constructor ${CONSTRUCTOR}`);
    const abiOpts = {
      addressBytes: limits.address_bytes,
      maxIntBits: limits.max_int_bits,
      maxBytesLength: limits.max_bytes_len,
      maxListLength: limits.max_container_len,
    };
    const declared = f.abi?.get(f.module.funcs[ex.func].name);
    const values = decodeArgs(declared ? declared.inputs.map((p) => p.type) : ex.params, args, abiOpts);
    const ret = execute(m, ex.func, values);
    let returnData: Uint8Array;
    try {
      returnData = encodeReturn(m, ex.returns, ret, declared?.outputs, abiOpts, tx.limits.max_memory_bytes);
    } catch (e) {
      // the run's value does not fit the annotation: say which function and what it returned
      // (still an AbiError: the receipt's error code is the same as before the message)
      if (!(e instanceof AbiError)) throw e;
      const shown = declared?.outputs.length ? declared.outputs.map((o) => o.type).join(', ') : ex.returns === 'none' ? 'None' : ex.returns;
      throw new AbiError(`${f.module.funcs[ex.func].name}() is annotated -> ${shown} but returned ${typeName(ret)}: ${e.message}`);
    }
    return done('SUCCESS', null, null, returnData, ex.returns === 'none' ? null : ret);
  } catch (e) {
    const location = m.errFn >= 0 ? locate(f.module, m.errFn, m.errPc) : undefined;
    // only with debug info: without it a traceback would be bare function names
    const tb = m.errFrames && f.module.ir.debug ? { traceback: traceback(f.module, m.errFrames) } : {};
    if (e instanceof OutOfGas) return done('OOG', { code: e.code, message: e.message, location, ...tb }, null);
    if (e instanceof Revert) {
      if (!chargeReason(m, e.reason)) {
        m.gas = 0;
        return done('OOG', { code: 'OOG', message: 'out of gas keeping the revert reason', location, ...tb }, null);
      }
      return done('REVERT', { code: e.code, message: e.message, location, ...tb }, e.reason);
    }
    if (e instanceof VmError) return done('ERROR', { code: e.code, message: e.message, kind: e.kind, location, ...tb }, null);
    // a damaged store is the host's fault, not an outcome of the call: it propagates, and nothing is written
    if (e instanceof StoreError) throw e;
    if (e instanceof VmPyError) return done('ERROR', { code: e.code, message: e.message }, null);
    // Anything else (a RangeError from the host's stack or heap included) is a bug in the VM,
    // not an outcome: every walk counts its own depth (spec/DETERMINISM.md), so it propagates.
    throw e;
  } finally {
    m.release();
  }
}

function traceback(mod: LoadedModule, frames: readonly number[]): TraceFrame[] {
  const out: TraceFrame[] = [];
  for (let i = 0; i < frames.length; i += 2) {
    const location = locate(mod, frames[i], frames[i + 1]);
    out.push({ function: mod.funcs[frames[i]].name, ...(location ? { location } : {}) });
  }
  return out;
}

/**
 * The result's bytes, charged to the frame before they are made (spec/GAS.md §3): as
 * abi.encode prices them, per value and per word, less the one value and one word the entry
 * price covers; at most `cap` bytes (MemoryError past it).
 */
function encodeReturn(m: Machine, type: string, v: Value, outputs: readonly AbiOutput[] | undefined, opts: AbiOptions, cap: number): Uint8Array {
  if (type === 'none') return new Uint8Array(0);
  let types: string[];
  let values: Value[];
  if (type === 'dict') [types, values] = dictReturn(v, outputs);
  else if (!outputs || outputs.length === 0) [types, values] = [[type], [v]];
  // One declared output is the value itself; several are a tuple with the same bytes.
  else [types, values] = [[outputs.length === 1 ? outputs[0].type : `tuple(${outputs.map((o) => o.type).join(',')})`], [v]];
  return encodeCharged(m, types, values, opts, cap, RETURN_PRICES);
}

const RETURN_PRICES = { item: CONSTANTS.RESULT_PER_ITEM, word: CONSTANTS.RESULT_PER_WORD, freeItems: 1, freeWords: 1 };

/**
 * A revert reason enters the receipt as a result does: RESULT_PER_WORD per word past the
 * first, charged when the frame ends (the reason is made and paid for by then; this pays for
 * keeping and hashing it). False when the gas left cannot pay: the frame is then out of gas.
 */
export function chargeReason(m: Machine, reason: Uint8Array | null): boolean {
  const w = reason === null ? 0 : (reason.length + 31) >>> 5;
  if (w <= 1) return true;
  const cost = CONSTANTS.RESULT_PER_WORD * (w - 1);
  if (m.gas < cost) return false;
  m.gas -= cost;
  return true;
}

/** spec/ABI.md §4: values taken by name in declared order; a missing or extra key is a VmError. */
function dictReturn(v: Value, outputs: readonly AbiOutput[] | undefined): [string[], Value[]] {
  if (!(v instanceof PyDict)) throw new VmError('TypeError', `declared to return a dict, returned ${typeName(v)}`);
  if (!outputs || outputs.length === 0 || outputs.some((o) => !o.name)) {
    throw new VmError('TypeError', 'returns a dict, but no manifest ABI names its outputs (pass the manifest to the adapter)');
  }
  const byName = new Map<string, Value>();
  for (const [k, val] of v.map.values()) {
    const name = typeof k === 'string' ? k : k instanceof Uint8Array ? utf8Decode(k) : undefined;
    if (name === undefined) throw new VmError('TypeError', `returned dict has a ${typeName(k)} key; output names are str`);
    if (byName.has(name)) throw new VmError('ValueError', `returned dict names output '${name}' twice (as str and bytes)`);
    byName.set(name, val);
  }
  const values: Value[] = [];
  for (const o of outputs) {
    if (!byName.has(o.name!)) throw new VmError('KeyError', `returned dict lacks the declared output '${o.name}'`);
    values.push(byName.get(o.name!)!);
    byName.delete(o.name!);
  }
  if (byName.size)
    throw new VmError('ValueError', `returned dict has keys that are not declared outputs: ${[...byName.keys()].map((k) => `'${k}'`).join(', ')}`);
  return [outputs.map((o) => o.type), values];
}

/** floor(gasUsed * bp / 10000) in exact integer steps (the product may pass 2**53). */
export function refundCap(gasUsed: number, bp: number): number {
  const r = gasUsed % 10000;
  return ((gasUsed - r) / 10000) * bp + (r * bp - ((r * bp) % 10000)) / 10000;
}
