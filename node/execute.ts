// One contract call, start to receipt: pick the function by selector, decode the arguments,
// charge the entry cost, run, encode the return, then commit the journal on success or
// drop it. Every outcome is a Receipt; nothing a contract or its input does escapes as a
// JS exception.
import { selectorHex } from '../compiler/selector.js';
import { CONSTRUCTOR } from '../spec/constructor.js';
import { AbiError, OutOfGas, Revert, VmError, VmPyError, type Location } from '../spec/errors.js';
import { DEFAULT_LIMITS, ENTRY, REFUNDS, type Limits } from '../spec/table.js';
import { STD_IMPLS } from '../stdlib/index.js';
import { creditCallValue } from '../stdlib/treasury.js';
import { decodeArgs, encodeArgs, encodeValue, splitCall, utf8Decode, type AbiOptions } from '../core/abi/codec.js';
import type { BlockEnv, TxEnv } from '../core/context.js';
import type { Log, SyscallRequest } from '../core/host.js';
import { run } from '../core/interpreter.js';
import { Journal, type BalanceWrite, type StorageWrite } from './journal.js';
import { locate, type LoadedModule } from '../core/load.js';
import { Machine, type StdImpl, type Tracer } from '../core/machine.js';
import type { AbiFunction, AbiOutput } from './manifest.js';
import type { StateAdapter } from './state.js';
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
  writes: StorageWrite[];
  balanceWrites: BalanceWrite[];
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
  /** a tool's host modules (spec/host_std.ts), for modules loaded with them: implementations by id and arities */
  host?: { std: readonly (StdImpl | undefined)[]; arity: Int32Array };
}

export function executeCall(req: CallRequest): Receipt {
  const limits = req.limits ?? DEFAULT_LIMITS;
  const journal = new Journal(req.state);
  const host = {
    address: req.tx.to,
    tx: req.tx,
    block: req.block,
    journal,
    logs: [] as Log[],
    syscalls: [] as SyscallRequest[],
    results: req.results ?? new Map<string, Uint8Array>(),
    callIndex: req.callIndex ?? 0,
    randomDrawn: 0,
  };
  if (!Number.isSafeInteger(req.gasLimit) || req.gasLimit < 0) throw new AbiError(`gas limit must be a non-negative safe integer, got ${req.gasLimit}`);
  const m = new Machine(req.module, limits, req.gasLimit, req.host?.std ?? STD_IMPLS, host);
  m.tracer = req.tracer ?? null;
  if (req.host) m.stdArity = req.host.arity;
  const fail = (status: Status, err: CallError | null, reason: Uint8Array | null): Receipt => ({
    status,
    gasUsed: status === 'OOG' ? req.gasLimit : req.gasLimit - m.gas,
    refund: 0,
    returnData: new Uint8Array(0),
    returnValue: undefined,
    revertReason: reason,
    error: err,
    logs: [],
    syscalls: [],
    writes: [],
    balanceWrites: [],
  });
  try {
    m.charge(ENTRY.base + ENTRY.perCalldataByte * req.calldata.length);
    creditCallValue(journal, req.tx);
    const { selector, args } = splitCall(req.calldata);
    const ex = req.module.exports.get(selectorHex(selector));
    if (!ex) throw new VmError('UnknownFunction', `no function with selector ${selectorHex(selector)}`);
    const isConstructor = req.module.funcs[ex.func].name === CONSTRUCTOR;
    if (isConstructor && !req.constructing) throw new VmError('UnknownFunction', `${CONSTRUCTOR} is the constructor: it runs once, at deploy, and cannot be called`);
    if (!isConstructor && req.constructing) throw new VmError('UnknownFunction', `deploy runs only the constructor ${CONSTRUCTOR}`);
    const abiOpts = { addressBytes: limits.address_bytes, maxIntBits: limits.max_int_bits, maxBytesLength: limits.max_bytes_len, maxListLength: limits.max_container_len };
    const declared = req.abi?.get(req.module.funcs[ex.func].name);
    const values = decodeArgs(declared ? declared.inputs.map((p) => p.type) : ex.params, args, abiOpts);
    const ret = run(m, ex.func, values);
    let returnData: Uint8Array;
    try {
      returnData = encodeReturn(ex.returns, ret, declared?.outputs, abiOpts);
    } catch (e) {
      // the run's value does not fit the annotation: say which function and what it returned
      // (still an AbiError: the receipt's error code is the same as before the message)
      if (!(e instanceof AbiError)) throw e;
      const shown = declared?.outputs.length ? declared.outputs.map((o) => o.type).join(', ') : ex.returns === 'none' ? 'None' : ex.returns;
      throw new AbiError(`${req.module.funcs[ex.func].name}() is annotated -> ${shown} but returned ${typeName(ret)}: ${e.message}`);
    }
    const gasUsed = req.gasLimit - m.gas;
    const refund = Math.min(m.refund, refundCap(gasUsed, REFUNDS.capBasisPoints));
    const writes = journal.storageWrites();
    const balanceWrites = journal.balanceWrites();
    journal.commit(writes, balanceWrites);
    return {
      status: 'SUCCESS',
      gasUsed: gasUsed - refund,
      refund,
      returnData,
      returnValue: ex.returns === 'none' ? null : ret,
      revertReason: null,
      error: null,
      logs: host.logs,
      syscalls: host.syscalls,
      writes,
      balanceWrites,
    };
  } catch (e) {
    const location = m.errFn >= 0 ? locate(req.module, m.errFn, m.errPc) : undefined;
    // only with debug info: without it a traceback would be bare function names
    const tb = m.errFrames && req.module.ir.debug ? { traceback: traceback(req.module, m.errFrames) } : {};
    if (e instanceof OutOfGas) return fail('OOG', { code: e.code, message: e.message, location, ...tb }, null);
    if (e instanceof Revert) return fail('REVERT', { code: e.code, message: e.message, location, ...tb }, e.reason);
    if (e instanceof VmError) return fail('ERROR', { code: e.code, message: e.message, kind: e.kind, location, ...tb }, null);
    if (e instanceof VmPyError) return fail('ERROR', { code: e.code, message: e.message }, null);
    // Anything else (a RangeError from the host's stack or heap included) is a bug in the VM,
    // not an outcome: every walk counts its own depth (spec/DETERMINISM.md), so it propagates.
    throw e;
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

function encodeReturn(type: string, v: Value, outputs: readonly AbiOutput[] | undefined, opts: AbiOptions): Uint8Array {
  if (type === 'dict') return encodeDictReturn(v, outputs, opts);
  if (type === 'none') return new Uint8Array(0);
  if (!outputs || outputs.length === 0) return encodeValue(type, v, opts);
  // One declared output is the value itself; several are a tuple with the same bytes.
  return encodeValue(outputs.length === 1 ? outputs[0].type : `tuple(${outputs.map((o) => o.type).join(',')})`, v, opts);
}

/** spec/ABI.md §4: values taken by name in declared order; a missing or extra key is a VmError. */
function encodeDictReturn(v: Value, outputs: readonly AbiOutput[] | undefined, opts: AbiOptions): Uint8Array {
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
  if (byName.size) throw new VmError('ValueError', `returned dict has keys that are not declared outputs: ${[...byName.keys()].map((k) => `'${k}'`).join(', ')}`);
  return encodeArgs(outputs.map((o) => o.type), values, opts);
}

/** floor(gasUsed * bp / 10000) in exact integer steps (the product may pass 2**53). */
export function refundCap(gasUsed: number, bp: number): number {
  const r = gasUsed % 10000;
  return ((gasUsed - r) / 10000) * bp + (r * bp - ((r * bp) % 10000)) / 10000;
}
