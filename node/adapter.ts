// The execution adapter a node embeds (docs/adapter.md): deploy code, call contracts, get
// receipts with canonical bytes and a hash. Everything a call may observe comes in through
// the request (code, calldata, TxEnv, BlockEnv, state, syscall results, limits); nothing is
// read from the environment, so the same request gives the same receipt bytes anywhere.
//
// This file runs IR only: it does not import the compiler, so a node that bundles it ships
// no parser. Source contracts go through a SourceCompiler, which node/source.ts (the package
// root) passes in.
import { sha3_256 } from '@noble/hashes/sha3.js';
import { writeUvarint } from '../compiler/uvarint.js';
import { CONSTRUCTOR } from '../spec/constructor.js';
import { AbiError, ManifestError, OutOfGas, StateError, VmPyError } from '../spec/errors.js';
import { DEFAULT_LIMITS, ENTRY, type Limits } from '../spec/table.js';
import { encodeArgs, encodeValue } from '../core/abi/codec.js';
import { jsonToArgs } from './abi/json.js';
import type { BlockEnv, TxEnv } from '../core/context.js';
import { executeCall, type Receipt } from './execute.js';
import type { Tracer } from '../core/machine.js';
import { bytesToHex } from '../core/hex.js';
import type { LoadedModule } from '../core/load.js';
import { normalizeManifest, type AbiFunction, type NormalizedManifest } from './manifest.js';
import { crossCheckAbi, signaturesFromModule } from './manifest_check.js';
import { loadCode } from './code_cache.js';
export { loadCode } from './code_cache.js';
import { encodeReceipt, logsRoot, receiptHash, type Created } from './receipt.js';
import type { CodeStore, StateAdapter } from './state.js';
import { PyTuple } from '../core/values.js';
import { NO_WRITES } from './writes.js';

/** Contract code: IR bytes, or a manifest (any accepted variant) with the entry's source text. */
export type ContractCode = { code: Uint8Array } | ContractSource;

/** A contract as source: its manifest (any accepted variant) and the entry file's text. */
export interface ContractSource {
  manifest: unknown;
  source: string;
  file?: string;
}

/** Source compiled to IR, with the manifest's ABI checked against it. */
export interface CompiledSource {
  bytes: Uint8Array;
  abi: Map<string, AbiFunction>;
  /** parameter names by function, for {fn, args} given as an object */
  paramNames: Map<string, string[]>;
}

/**
 * Compiles a ContractSource (the manifest normalized and cross-checked against the code).
 * The package root passes one (node/source.ts); the IR-only entry has none.
 */
export type SourceCompiler = (contract: ContractSource, limits: Readonly<Limits>) => CompiledSource;

/** A call's input: raw calldata (selector || args), or a function name with JSON-style or JS values. */
export type CallInput = Uint8Array | { fn: string; args?: unknown[] | Record<string, unknown> };

export interface ExecRequest {
  gasLimit: number;
  tx: TxEnv;
  block: BlockEnv;
  state: StateAdapter;
  /** where deployed code lives; defaults to `state` when it implements CodeStore */
  codes?: CodeStore;
  /** host-supplied syscall results (read_result), by task id hex */
  results?: ReadonlyMap<string, Uint8Array> | Readonly<Record<string, Uint8Array>>;
  limits?: Readonly<Limits>;
  /** index of this call within its transaction (seeds the DRBG) */
  callIndex?: number;
  /** called before each instruction (debuggers, the studio's trace); no effect on gas or the receipt */
  tracer?: Tracer;
}

export interface DeployRequest extends ExecRequest {
  contract: ContractCode;
  /**
   * The constructor's (`__init__`) arguments, JSON-style or JS values as for a call; by name
   * when an object. Omitted: none. Giving any to code without a constructor is an AbiError.
   */
  args?: unknown[] | Record<string, unknown>;
}

export interface CallRequest extends ExecRequest {
  input: CallInput;
  /** the code to run; omitted: the code deployed at tx.to */
  contract?: ContractCode;
  /** a manifest for code given as bytes or taken from the store (dict returns, sized types) */
  manifest?: unknown;
}

export interface AdapterReceipt extends Receipt {
  /** the calldata that ran (encoded from {fn, args} when given that way) */
  calldata: Uint8Array;
  /** set by deploy on success */
  created?: Created;
  logsRoot: Uint8Array;
  /** canonical CBOR of the receipt (spec/RECEIPTS.md) */
  encoded: Uint8Array;
  /** sha3_256(encoded) */
  hash: Uint8Array;
}

interface Prepared {
  module: LoadedModule;
  abi?: Map<string, AbiFunction>;
  /** parameter names by function, for {fn, args} given as an object */
  paramNames: Map<string, string[]>;
}

// ---------------------------------------------------------------- caches

function manifestOf(raw: unknown): NormalizedManifest {
  return normalizeManifest(raw);
}

function prepare(contract: ContractCode, manifest: unknown, limits: Readonly<Limits>, sources: SourceCompiler | undefined): Prepared & { bytes: Uint8Array } {
  if ('code' in contract) {
    if (!(contract.code instanceof Uint8Array)) throw new AbiError('contract.code must be a Uint8Array of IR bytes');
    const module = loadCode(contract.code, limits);
    const p = fromModule(module, manifest);
    return { ...p, bytes: contract.code };
  }
  if (typeof contract.source !== 'string') throw new ManifestError('contract.source must be the text of the manifest entry file');
  if (!sources)
    throw new AbiError(
      "this entry runs IR only: pass contract.code (IR bytes, e.g. compileSource's from 'vm-py/compiler'), or import deploy/call from 'vm-py', which compiles source",
    );
  const compiled = sources(contract, limits);
  return { module: loadCode(compiled.bytes, limits), abi: compiled.abi, paramNames: compiled.paramNames, bytes: compiled.bytes };
}

/** fromModule(module, no manifest) is the same for every call of one module: built once */
const plainPrepared = new WeakMap<LoadedModule, Prepared>();

function fromModule(module: LoadedModule, manifest: unknown): Prepared {
  if (manifest === undefined) {
    let p = plainPrepared.get(module);
    if (p === undefined) plainPrepared.set(module, (p = prepareModule(module, undefined)));
    return p;
  }
  return prepareModule(module, manifest);
}

function prepareModule(module: LoadedModule, manifest: unknown): Prepared {
  const paramNames = new Map<string, string[]>();
  for (const s of signaturesFromModule(module)) if (s.paramNames) paramNames.set(s.name, s.paramNames);
  // the constructor is not in the call ABI, but deploy args may name its parameters too
  const ctor = module.byName.get(CONSTRUCTOR);
  if (ctor && module.ir.debug) paramNames.set(CONSTRUCTOR, module.ir.debug.funcs[ctor.func].locals.slice(0, ctor.params.length));
  if (manifest === undefined) return { module, paramNames };
  const m = manifestOf(manifest);
  const abi = crossCheckAbi(m.abi, signaturesFromModule(module), `code ${bytesToHex(module.codeHash).slice(0, 16)}`);
  for (const f of m.abi.functions)
    if (f.inputs.every((p) => p.name))
      paramNames.set(
        f.name,
        f.inputs.map((p) => p.name),
      );
  return { module, abi, paramNames };
}

function codeStore(req: ExecRequest): CodeStore {
  if (req.codes) return req.codes;
  const s = req.state as Partial<CodeStore>;
  if (typeof s.getCode === 'function' && typeof s.setCode === 'function') return req.state as unknown as CodeStore;
  throw new StateError('no code store: pass `codes`, or a state that implements getCode/setCode');
}

// ---------------------------------------------------------------- inputs

/** JS values a caller may hand over -> the JSON forms of spec/ABI.md §6. */
function toJsonish(v: unknown): unknown {
  if (v instanceof Uint8Array) return '0x' + bytesToHex(v);
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof PyTuple) return v.items.map(toJsonish);
  if (Array.isArray(v)) return v.map(toJsonish);
  return v;
}

function calldataFor(p: Prepared, input: CallInput, limits: Readonly<Limits>, constructing = false): Uint8Array {
  if (input instanceof Uint8Array) return input;
  if (input === null || typeof input !== 'object' || typeof input.fn !== 'string') throw new AbiError('input must be calldata bytes or {fn, args}');
  const ex = p.module.byName.get(input.fn);
  if (input.fn === CONSTRUCTOR && !constructing)
    throw new AbiError(`${CONSTRUCTOR} is the constructor: it runs once, at deploy (pass its arguments as the deploy's args)`);
  if (!ex) throw new AbiError(`no public function ${input.fn} (the contract has: ${[...p.module.byName.keys()].sort().join(', ') || 'none'})`);
  const types = p.abi?.get(input.fn)?.inputs.map((x) => x.type) ?? ex.params;
  let args = input.args ?? [];
  if (!Array.isArray(args)) {
    const names = p.paramNames.get(input.fn);
    if (!names) throw new AbiError(`arguments of ${input.fn} by name need parameter names (debug info or a manifest); pass an array`);
    const obj = args;
    for (const k of Object.keys(obj))
      if (!names.includes(k)) throw new AbiError(`args: ${input.fn} has no parameter '${k}' (parameters: ${names.join(', ') || 'none'})`);
    args = names.map((n) => {
      if (!(n in obj)) throw new AbiError(`args: missing parameter '${n}'`);
      return obj[n];
    });
  }
  const opts = {
    addressBytes: limits.address_bytes,
    maxIntBits: limits.max_int_bits,
    maxBytesLength: limits.max_bytes_len,
    maxListLength: limits.max_container_len,
  };
  const values = jsonToArgs(types, toJsonish(args), opts);
  const enc = encodeArgs(types, values, opts);
  const out = new Uint8Array(ex.selector.length + enc.length);
  out.set(ex.selector);
  out.set(enc, ex.selector.length);
  return out;
}

function resultsMap(r: ExecRequest['results']): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  if (!r) return out;
  const entries = r instanceof Map ? [...r.entries()] : Object.entries(r as Record<string, Uint8Array>);
  for (const [k, v] of entries) {
    if (!(v instanceof Uint8Array)) throw new AbiError(`syscall result for ${k} must be bytes`);
    out.set(k.replace(/^0x/i, '').toLowerCase(), v);
  }
  return out;
}

function checkRequest(req: ExecRequest): Readonly<Limits> {
  if (!Number.isSafeInteger(req.gasLimit) || req.gasLimit < 0) throw new AbiError(`gas limit must be a non-negative safe integer, got ${req.gasLimit}`);
  if (!req.tx || !req.block || !req.state) throw new AbiError('a request needs tx, block and state');
  return req.limits ?? DEFAULT_LIMITS;
}

function finish(r: Receipt, calldata: Uint8Array, created?: Created): AdapterReceipt {
  const root = logsRoot(r.logs);
  const encoded = encodeReceipt(r, created, root);
  // r is ours (executeCall's or outcome's): it becomes the receipt rather than being copied
  const out = r as AdapterReceipt;
  out.calldata = calldata;
  if (created) out.created = created;
  out.logsRoot = root;
  out.encoded = encoded;
  out.hash = receiptHash(encoded);
  return out;
}

// ---------------------------------------------------------------- deploy and call

const DEPLOY_DOMAIN = new TextEncoder().encode('animica:vm:deploy|');

/** sha3_256(b"animica:vm:deploy|" || sender || uvarint(nonce)), first address_bytes bytes. */
export function contractAddress(sender: Uint8Array, nonce: bigint, addressBytes: number = DEFAULT_LIMITS.address_bytes): Uint8Array {
  if (nonce < 0n) throw new AbiError('nonce must be non-negative');
  const n: number[] = [];
  writeUvarint(n, nonce);
  const pre = new Uint8Array(DEPLOY_DOMAIN.length + sender.length + n.length);
  pre.set(DEPLOY_DOMAIN);
  pre.set(sender, DEPLOY_DOMAIN.length);
  pre.set(n, DEPLOY_DOMAIN.length + sender.length);
  const h = sha3_256(pre);
  if (addressBytes > h.length) throw new AbiError(`address_bytes ${addressBytes} is longer than a sha3_256 digest`);
  return h.slice(0, addressBytes);
}

function outcome(
  status: Receipt['status'],
  gasUsed: number,
  err: VmPyError | null,
  returnData: Uint8Array = new Uint8Array(0),
  returnValue: Receipt['returnValue'] = undefined,
): Receipt {
  return {
    status,
    gasUsed,
    refund: 0,
    returnData,
    returnValue,
    revertReason: null,
    error: err ? { code: err.code, message: err.message } : null,
    logs: [],
    syscalls: [],
    writes: NO_WRITES,
    balanceWrites: [],
  };
}

/**
 * Store code at contractAddress(tx.sender, tx.nonce) and run its constructor (`__init__`,
 * spec/CONSTRUCTORS.md) with `args`, as one step: the code is stored and the constructor's
 * writes, events and value kept only if the constructor succeeds. A failed constructor
 * (REVERT, OOG, ERROR) stores nothing and its receipt is returned, with no `created`.
 * Costs the call entry price with the code as its calldata (ENTRY.base +
 * ENTRY.perCalldataByte * len), then what the constructor's call costs (its own entry
 * price on its calldata, and its execution) out of the gas that is left.
 * Bad IR bytes or an occupied address give an ERROR receipt; a bad manifest, source or
 * constructor argument throws, as for a call.
 */
export function deploy(req: DeployRequest, sources?: SourceCompiler): AdapterReceipt {
  const limits = checkRequest(req);
  const codes = codeStore(req);
  let bytes: Uint8Array;
  let module: LoadedModule | undefined;
  let loadError: VmPyError | null = null;
  if ('code' in req.contract) {
    bytes = req.contract.code;
    if (!(bytes instanceof Uint8Array)) throw new AbiError('contract.code must be a Uint8Array of IR bytes');
    try {
      module = prepare(req.contract, undefined, limits, sources).module;
    } catch (e) {
      if (!(e instanceof VmPyError)) throw e;
      loadError = e;
    }
  } else {
    const p = prepare(req.contract, undefined, limits, sources);
    bytes = p.bytes;
    module = p.module;
  }
  const hasArgs = Array.isArray(req.args) ? req.args.length > 0 : req.args !== undefined;
  const ctor = module?.byName.get(CONSTRUCTOR);
  if (module && !ctor && hasArgs) throw new AbiError(`deploy args given, but the code has no constructor (def ${CONSTRUCTOR}(...))`);
  // encoded before any gas is spent: bad arguments are the sender's mistake, like a call's
  const ctorData = module && ctor ? calldataFor(fromModule(module, undefined), { fn: CONSTRUCTOR, args: req.args ?? [] }, limits, true) : undefined;
  const cost = ENTRY.base + ENTRY.perCalldataByte * bytes.length;
  if (cost > req.gasLimit) return finish(outcome('OOG', req.gasLimit, new OutOfGas()), bytes);
  if (loadError || !module) return finish(outcome('ERROR', cost, loadError), bytes);
  const address = contractAddress(req.tx.sender, req.tx.nonce, limits.address_bytes);
  if (codes.getCode(address)) return finish(outcome('ERROR', cost, new StateError(`address ${bytesToHex(address)} already has code`)), bytes);
  const created = { address, codeHash: module.codeHash };
  const addressData = encodeValue('address', address, { addressBytes: limits.address_bytes });
  if (!ctorData) {
    codes.setCode(address, bytes);
    return finish(outcome('SUCCESS', cost, null, addressData, address), bytes, created);
  }
  const r = executeCall({
    module,
    calldata: ctorData,
    gasLimit: req.gasLimit - cost,
    tx: { ...req.tx, to: address },
    block: req.block,
    state: req.state,
    limits,
    results: resultsMap(req.results),
    callIndex: req.callIndex,
    tracer: req.tracer,
    constructing: true,
    codes: req.codes,
  });
  const total = { ...r, gasUsed: r.gasUsed + cost };
  if (r.status !== 'SUCCESS') return finish(total, bytes);
  // the constructor's journal is already committed; storing the code cannot fail after it
  codes.setCode(address, bytes);
  return finish({ ...total, returnData: addressData, returnValue: address }, bytes, created);
}

/**
 * Run one call. The code is `contract` when given, else the code deployed at tx.to. Source
 * contracts need `sources` (the package root's call passes it).
 */
export function call(req: CallRequest, sources?: SourceCompiler): AdapterReceipt {
  const limits = checkRequest(req);
  let p: Prepared;
  if (req.contract) p = prepare(req.contract, req.manifest, limits, sources);
  else {
    const code = codeStore(req).getCode(req.tx.to);
    if (!code) throw new StateError(`no code at ${bytesToHex(req.tx.to)}`);
    p = fromModule(loadCode(code, limits), req.manifest);
  }
  const calldata = calldataFor(p, req.input, limits);
  const r = executeCall({
    module: p.module,
    calldata,
    gasLimit: req.gasLimit,
    tx: req.tx,
    block: req.block,
    state: req.state,
    limits,
    results: resultsMap(req.results),
    callIndex: req.callIndex,
    tracer: req.tracer,
    abi: p.abi,
    codes: req.codes,
  });
  return finish(r, calldata);
}
