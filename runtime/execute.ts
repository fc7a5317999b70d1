// One contract call, start to receipt: pick the function by selector, decode the arguments,
// charge the entry cost, run, encode the return, then commit the journal on success or
// drop it. Every outcome is a Receipt; nothing a contract or its input does escapes as a
// JS exception.
import { selectorHex } from '../compiler/selector.js';
import { AbiError, OutOfGas, Revert, VmError, VmPyError, type Location } from '../spec/errors.js';
import { DEFAULT_LIMITS, ENTRY, REFUNDS, type Limits } from '../spec/table.js';
import { STD_IMPLS } from '../stdlib/index.js';
import { creditCallValue } from '../stdlib/treasury.js';
import { decodeArgs, encodeValue, splitCall } from './abi/codec.js';
import type { BlockEnv, TxEnv } from './context.js';
import type { Log, SyscallRequest } from './host.js';
import { run } from './interpreter.js';
import { Journal, type BalanceWrite, type StorageWrite } from './journal.js';
import { locate, type LoadedModule } from './load.js';
import { Machine, type Tracer } from './machine.js';
import type { StateAdapter } from './state.js';
import { PyDict, type Value } from './values.js';

export type Status = 'SUCCESS' | 'REVERT' | 'OOG' | 'ERROR';

export interface CallError {
  code: string;
  message: string;
  /** Python exception kind or cap for VmError */
  kind?: string;
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
  /** names of the declared outputs, for functions that return a dict (from the manifest) */
  outputNames?: Map<string, string[]>;
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
  const m = new Machine(req.module, limits, req.gasLimit, STD_IMPLS, host);
  m.tracer = req.tracer ?? null;
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
    const abiOpts = { addressBytes: limits.address_bytes, maxIntBits: limits.max_int_bits, maxBytesLength: limits.max_bytes_len, maxListLength: limits.max_container_len };
    const values = decodeArgs(ex.params, args, abiOpts);
    const ret = run(m, ex.func, values);
    const fnName = req.module.funcs[ex.func].name;
    const returnData = encodeReturn(ex.returns, ret, req.outputNames?.get(fnName), abiOpts);
    const gasUsed = req.gasLimit - m.gas;
    const refund = Math.min(m.refund, Math.floor((gasUsed * REFUNDS.capBasisPoints) / 10000));
    const writes = journal.storageWrites();
    const balanceWrites = journal.balanceWrites();
    journal.commit();
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
    if (e instanceof OutOfGas) return fail('OOG', { code: e.code, message: e.message, location }, null);
    if (e instanceof Revert) return fail('REVERT', { code: e.code, message: e.message, location }, e.reason);
    if (e instanceof VmError) return fail('ERROR', { code: e.code, message: e.message, kind: e.kind, location }, null);
    if (e instanceof VmPyError) return fail('ERROR', { code: e.code, message: e.message }, null);
    if (e instanceof RangeError) return fail('ERROR', { code: 'E-VM', kind: 'RecursionError', message: 'host stack exhausted', location }, null);
    throw e;
  }
}

function encodeReturn(type: string, v: Value, names: string[] | undefined, opts: object): Uint8Array {
  if (type === 'none') return new Uint8Array(0);
  if (type === 'dict' || v instanceof PyDict) {
    if (!(v instanceof PyDict)) throw new VmError('TypeError', 'declared to return a dict');
    if (!names) throw new VmError('TypeError', 'returns a dict but the manifest declares no named outputs');
    throw new VmError('NotImplementedError', 'dict returns are encoded by the manifest-aware adapter');
  }
  return encodeValue(type, v, opts);
}
