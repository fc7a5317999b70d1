// A local chain for testing contracts: deploy, call as any sender, move the block, seed
// balances, snapshot and revert, and look at what each call did (status, gas, events,
// return value, the traceback of a failure). `vm-py test` drives it from Python test files
// (testing/host.ts); JS users get it as `vm-py/testing` (testing/index.ts).
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { sha3_256 } from '@noble/hashes/sha3.js';
import { compileSource } from '../compiler/index.js';
import { encodeArgs } from '../core/abi/codec.js';
import { defaultBlock, defaultTx } from '../core/context.js';
import { bytesToHex, hexToBytes } from '../core/hex.js';
import { loadModule, type LoadedModule } from '../core/load.js';
import { utf8Decode } from '../core/abi/codec.js';
import type { Value } from '../core/values.js';
import { jsonToArgs } from '../node/abi/json.js';
import { deploy as adapterDeploy } from '../node/adapter.js';
import { executeCall, type CallError, type Receipt, type Status } from '../node/execute.js';
import { normalizeManifest, type AbiFunction, type NormalizedManifest } from '../node/manifest.js';
import { crossCheckAbi, signaturesFromSource } from '../node/manifest_check.js';
import { MemoryState } from '../node/state.js';
import { AbiError, ManifestError } from '../spec/errors.js';
import { CONSTRUCTOR } from '../spec/constructor.js';
import { DEFAULT_LIMITS, type Limits } from '../spec/table.js';
import { formatTraceback, framesOf, type Frame } from './traceback.js';

export { formatTraceback, framesOf, type Frame };
import { decodeEventData } from '../stdlib/event_codec.js';

/** An address as bytes or 0x-hex. */
export type AddressLike = Uint8Array | string;

export interface CallOptions {
  /** the caller (default: the chain's sender, see setSender) */
  sender?: AddressLike;
  /** value moved from the sender to the contract */
  value?: bigint | number | string;
  /** gas limit of this call (default: the chain's gasLimit) */
  gasLimit?: number;
}

export interface Event {
  /** the contract that emitted it */
  address: Uint8Array;
  name: string;
  /** the event's fields, in the order emitted */
  fields: Record<string, Value>;
}

export interface CallResult {
  status: Status;
  /** contract (manifest name or file stem) and function */
  contract: string;
  fn: string;
  gasUsed: number;
  returnValue: Value | undefined;
  /** the revert reason as text (UTF-8) when it is text, else 0x-hex; null unless REVERT */
  revertReason: string | null;
  /** the raw revert reason bytes */
  revertData: Uint8Array | null;
  error: CallError | null;
  events: Event[];
  /** where it failed: the call stack into the contract, with source lines */
  traceback: Frame[];
  receipt: Receipt;
}

export interface Deployed {
  address: Uint8Array;
  /** the manifest's name, or the source file's stem */
  name: string;
  module: LoadedModule;
  /** the manifest ABI, cross-checked against the code (absent for a bare source file) */
  abi?: Map<string, AbiFunction>;
  manifest?: NormalizedManifest;
  /** the display path the debug info names */
  file: string;
}

export interface ContractSource {
  /** the contract's source text */
  source: string;
  /** the file name messages and tracebacks show */
  file?: string;
  /** a manifest (any accepted variant); without one the ABI comes from the annotations */
  manifest?: unknown;
}

export interface ChainOptions {
  /** default gas limit per call and deploy (10,000,000) */
  gasLimit?: number;
  limits?: Readonly<Limits>;
}

/** A failed expectation or call: the message reads as an assertion, with the traceback. */
export class TestFailure extends Error {
  constructor(
    message: string,
    readonly result?: CallResult,
  ) {
    super(result && result.traceback.length ? `${message}\n${formatTraceback(result.traceback)}` : message);
  }
  get name(): string {
    return 'TestFailure';
  }
}

interface Snapshot {
  state: ReturnType<MemoryState['snapshot']>;
  height: bigint;
  timestamp: bigint;
  sender: Uint8Array;
  nonces: Map<string, bigint>;
}

const enc = new TextEncoder();

/** A deterministic address for a label: sha3_256("vm-py:test-account|" + label), address-sized. */
export function account(label: string, addressBytes: number = DEFAULT_LIMITS.address_bytes): Uint8Array {
  return sha3_256(enc.encode(`vm-py:test-account|${label}`)).slice(0, addressBytes);
}

export class Chain {
  state = new MemoryState();
  height = 1n;
  timestamp = 1_700_000_000n;
  chainId = 1n;
  /** the default caller of calls and deploys */
  sender: Uint8Array;
  gasLimit: number;
  readonly limits: Readonly<Limits>;
  /** the last call's or deploy's result */
  last: CallResult | null = null;
  /** every call and deploy made, for gas reports */
  readonly history: CallResult[] = [];
  private nonces = new Map<string, bigint>();
  private readonly contracts = new Map<string, Deployed>();
  /** display path -> source text, for the source lines of tracebacks */
  readonly sources = new Map<string, string>();
  private readonly snapshots: Snapshot[] = [];

  constructor(opts: ChainOptions = {}) {
    this.limits = opts.limits ?? DEFAULT_LIMITS;
    this.gasLimit = opts.gasLimit ?? 10_000_000;
    this.sender = defaultTx(this.limits.address_bytes).sender;
  }

  // ------------------------------------------------------------ environment

  account(label: string): Uint8Array {
    return account(label, this.limits.address_bytes);
  }
  setSender(a: AddressLike): void {
    this.sender = this.address(a);
  }
  /** block height (forge: roll) */
  setHeight(h: bigint | number): void {
    this.height = BigInt(h);
  }
  /** block timestamp (forge: warp) */
  setTimestamp(t: bigint | number): void {
    this.timestamp = BigInt(t);
  }
  setBalance(a: AddressLike, amount: bigint | number | string): void {
    const v = BigInt(amount);
    if (v < 0n) throw new AbiError(`balance must be non-negative, got ${v}`);
    this.state.setBalance(this.address(a), v);
  }
  balance(a: AddressLike): bigint {
    return this.state.getBalance(this.address(a));
  }
  /** the raw bytes of a storage slot, or null when it is empty */
  storage(a: AddressLike, key: Uint8Array | string): Uint8Array | null {
    const k = typeof key === 'string' ? enc.encode(key) : key;
    return this.state.getStorage(this.address(a), k);
  }
  /** gas used by the last call or deploy */
  get lastGas(): number {
    return this.last?.gasUsed ?? 0;
  }

  /** Save everything (state, block, sender, nonces); revert(id) goes back to it. */
  snapshot(): number {
    this.snapshots.push({ state: this.state.snapshot(), height: this.height, timestamp: this.timestamp, sender: this.sender, nonces: new Map(this.nonces) });
    return this.snapshots.length - 1;
  }
  /** Back to snapshot `id`; it and later snapshots are gone afterwards (as in forge). */
  revert(id: number): void {
    const s = this.snapshots[id];
    if (!Number.isInteger(id) || !s) throw new AbiError(`no snapshot ${id} (taken: ${this.snapshots.length})`);
    this.state = MemoryState.fromSnapshot(s.state);
    this.height = s.height;
    this.timestamp = s.timestamp;
    this.sender = s.sender;
    this.nonces = new Map(s.nonces);
    this.snapshots.length = id;
  }

  // ------------------------------------------------------------ contracts

  /**
   * Compile and deploy a contract: a path to a manifest (.json) or a source file (.py), or
   * the source text itself. Runs the constructor (`__init__`) with `args`. Throws a
   * TestFailure if the constructor fails; the result is in `last` either way.
   */
  deploy(contract: string | ContractSource, args: unknown[] | Record<string, unknown> = [], opts: CallOptions = {}): Deployed {
    const c = typeof contract === 'string' ? readContract(contract) : contract;
    const file = c.file ?? 'contract.py';
    const m = c.manifest === undefined ? undefined : normalizeManifest(c.manifest);
    const compiled = compileSource(c.source, { file, limits: this.limits });
    const abi = m ? crossCheckAbi(m.abi, signaturesFromSource(compiled.checked), file) : undefined;
    const module = loadModule(compiled.module, this.limits);
    this.sources.set(file, c.source);
    const sender = opts.sender === undefined ? this.sender : this.address(opts.sender);
    const nonce = this.nonces.get(bytesToHex(sender)) ?? 0n;
    const name = m?.name ?? file.replace(/^.*\//, '').replace(/\.py$/, '');
    const r = adapterDeploy({
      contract: { code: compiled.bytes },
      args: Array.isArray(args) ? args.map(toJsonish) : Object.fromEntries(Object.entries(args).map(([k, v]) => [k, toJsonish(v)])),
      gasLimit: opts.gasLimit ?? this.gasLimit,
      tx: this.tx(sender, sender, opts.value, nonce),
      block: this.block(),
      state: this.state,
      codes: this.state,
      limits: this.limits,
    });
    this.nonces.set(bytesToHex(sender), nonce + 1n);
    const result = this.record(r, name, CONSTRUCTOR);
    if (r.status !== 'SUCCESS') throw new TestFailure(`deploy of ${name} ${describeFailure(result)}`, result);
    const d: Deployed = { address: r.created!.address, name, module, ...(abi ? { abi } : {}), ...(m ? { manifest: m } : {}), file };
    this.contracts.set(bytesToHex(d.address), d);
    return d;
  }

  /** The deployed contract at an address. */
  contract(a: AddressLike): Deployed {
    const d = this.contracts.get(bytesToHex(this.address(a)));
    if (!d) throw new AbiError(`no contract deployed at 0x${bytesToHex(this.address(a))}`);
    return d;
  }

  /**
   * Call `fn` with JS or JSON-style arguments (numbers, bigints, 0x-hex or Uint8Array bytes,
   * strings, arrays); commits on success. Never throws for a failed call: look at `status`.
   */
  tryCall(to: AddressLike | Deployed, fn: string, args: unknown[] | Record<string, unknown> = [], opts: CallOptions = {}): CallResult {
    const d = this.target(to);
    const types = this.paramTypes(d, fn);
    let list = args;
    if (!Array.isArray(list)) {
      const obj = list;
      const names = d.abi?.get(fn)?.inputs.map((p) => p.name) ?? d.module.ir.debug?.funcs[d.module.byName.get(fn)!.func].locals.slice(0, types.length) ?? [];
      for (const k of Object.keys(obj)) if (!names.includes(k)) throw new AbiError(`${fn} has no parameter '${k}' (parameters: ${names.join(', ') || 'none'})`);
      list = names.map((n) => obj[n]);
    }
    const opt = this.abiOpts();
    return this.callData(d, fn, encodeArgs(types, jsonToArgs(types, list.map(toJsonish), opt), opt), opts);
  }

  /** Call with arguments that are already VM values (the Python test runner's path). */
  tryCallValues(to: AddressLike | Deployed, fn: string, values: readonly Value[], opts: CallOptions = {}): CallResult {
    const d = this.target(to);
    const types = this.paramTypes(d, fn);
    if (values.length !== types.length) throw new AbiError(`${fn}() takes ${types.length} argument${types.length === 1 ? '' : 's'}, got ${values.length}`);
    return this.callData(d, fn, encodeArgs(types, values, this.abiOpts()), opts);
  }

  /** Call and return the return value; a failed call throws a TestFailure with its traceback. */
  call(to: AddressLike | Deployed, fn: string, args: unknown[] | Record<string, unknown> = [], opts: CallOptions = {}): Value | undefined {
    const r = this.tryCall(to, fn, args, opts);
    if (r.status !== 'SUCCESS') throw new TestFailure(`${r.contract}.${fn}() ${describeFailure(r)}`, r);
    return r.returnValue;
  }

  /** The call must revert; with `reason`, with that reason (text or bytes). Returns the result. */
  expectRevert(
    to: AddressLike | Deployed,
    fn: string,
    args: unknown[] | Record<string, unknown> = [],
    reason?: string | Uint8Array,
    opts: CallOptions = {},
  ): CallResult {
    const r = this.tryCall(to, fn, args, opts);
    const problem = revertMismatch(r, reason);
    if (problem) throw new TestFailure(problem, r.status === 'SUCCESS' ? undefined : r);
    return r;
  }

  /**
   * Deploying must revert in the constructor; with `reason`, with that reason. Returns the
   * constructor's result (nothing is deployed).
   */
  expectDeployRevert(
    contract: string | ContractSource,
    args: unknown[] | Record<string, unknown> = [],
    reason?: string | Uint8Array,
    opts: CallOptions = {},
  ): CallResult {
    try {
      this.deploy(contract, args, opts);
    } catch (e) {
      // a constructor that failed; anything else (a source that does not compile) is not that
      if (!(e instanceof TestFailure) || this.last?.fn !== CONSTRUCTOR) throw e;
    }
    const r = this.last!;
    const problem = revertMismatch(r, reason);
    if (problem) throw new TestFailure(problem, r.status === 'SUCCESS' ? undefined : r);
    return r;
  }

  /** The call must fail with this error kind (ZeroDivisionError, ..., or OOG / REVERT). */
  expectError(to: AddressLike | Deployed, fn: string, args: unknown[] | Record<string, unknown> = [], kind: string, opts: CallOptions = {}): CallResult {
    const r = this.tryCall(to, fn, args, opts);
    const problem = errorMismatch(r, kind);
    if (problem) throw new TestFailure(problem, r.status === 'SUCCESS' ? undefined : r);
    return r;
  }

  /** The last call must have emitted `name`, with at least these fields equal. Returns it. */
  expectEvent(name: string, fields?: Record<string, unknown>): Event {
    const problem = eventMismatch(this.last, name, fields, (v, want) => sameJs(v, want));
    if (typeof problem === 'string') throw new TestFailure(problem);
    return problem;
  }

  // ------------------------------------------------------------ internals

  address(a: AddressLike): Uint8Array {
    const b = typeof a === 'string' ? hexToBytes(a.replace(/^0x/i, '')) : a;
    if (!(b instanceof Uint8Array) || b.length !== this.limits.address_bytes)
      throw new AbiError(`an address is ${this.limits.address_bytes} bytes, got ${b instanceof Uint8Array ? b.length : typeof b}`);
    return b;
  }

  private target(to: AddressLike | Deployed): Deployed {
    return typeof to === 'object' && !(to instanceof Uint8Array) ? to : this.contract(to);
  }

  private paramTypes(d: Deployed, fn: string): string[] {
    const ex = d.module.byName.get(fn);
    if (!ex || fn === CONSTRUCTOR)
      throw new AbiError(
        `${d.name} has no public function '${fn}' (it has: ${
          [...d.module.byName.keys()]
            .filter((n) => n !== CONSTRUCTOR)
            .sort()
            .join(', ') || 'none'
        })`,
      );
    return d.abi?.get(fn)?.inputs.map((p) => p.type) ?? ex.params;
  }

  private abiOpts() {
    const L = this.limits;
    return { addressBytes: L.address_bytes, maxIntBits: L.max_int_bits, maxBytesLength: L.max_bytes_len, maxListLength: L.max_container_len };
  }

  private callData(d: Deployed, fn: string, args: Uint8Array, opts: CallOptions): CallResult {
    const ex = d.module.byName.get(fn)!;
    const calldata = new Uint8Array(ex.selector.length + args.length);
    calldata.set(ex.selector);
    calldata.set(args, ex.selector.length);
    const sender = opts.sender === undefined ? this.sender : this.address(opts.sender);
    const r = executeCall({
      module: d.module,
      calldata,
      gasLimit: opts.gasLimit ?? this.gasLimit,
      tx: this.tx(sender, d.address, opts.value, this.nonces.get(bytesToHex(sender)) ?? 0n, calldata),
      block: this.block(),
      state: this.state,
      limits: this.limits,
      abi: d.abi,
    });
    return this.record(r, d.name, fn);
  }

  private tx(sender: Uint8Array, to: Uint8Array, value: CallOptions['value'], nonce: bigint, calldata?: Uint8Array) {
    const v = BigInt(value ?? 0);
    if (v < 0n) throw new AbiError(`call value must be non-negative, got ${v}`);
    // a distinct, reproducible hash per call: the history index and the call's inputs
    const hash = sha3_256(
      enc.encode(`vm-py:test-tx|${this.history.length}|${bytesToHex(sender)}|${bytesToHex(to)}|${bytesToHex(calldata ?? new Uint8Array(0))}`),
    );
    return { ...defaultTx(this.limits.address_bytes), hash, sender, to, value: v, nonce };
  }

  private block() {
    return { ...defaultBlock(this.limits.address_bytes), height: this.height, timestamp: this.timestamp, chainId: this.chainId };
  }

  private record(r: Receipt, contract: string, fn: string): CallResult {
    const events: Event[] = r.logs.map((l) => ({
      address: l.address,
      name: utf8Decode(l.name) ?? '0x' + bytesToHex(l.name),
      fields: Object.fromEntries(decodeEventData(l.data)),
    }));
    const reason = r.revertReason;
    const result: CallResult = {
      status: r.status,
      contract,
      fn,
      gasUsed: r.gasUsed,
      returnValue: r.returnValue,
      revertReason: reason === null ? null : (utf8Decode(reason) ?? '0x' + bytesToHex(reason)),
      revertData: reason,
      error: r.error,
      events,
      traceback: framesOf(r.error, this.sources),
      receipt: r,
    };
    this.last = result;
    this.history.push(result);
    return result;
  }
}

// ------------------------------------------------------------ shared by the JS and Python APIs

/** "reverted: reason" / "failed: ZeroDivisionError: ..." / "ran out of gas" */
export function describeFailure(r: CallResult): string {
  if (r.status === 'SUCCESS') return 'succeeded';
  if (r.status === 'REVERT') return `reverted: ${r.revertReason === '' ? '(no reason)' : r.revertReason}`;
  if (r.status === 'OOG') return `ran out of gas (${r.gasUsed} gas)`;
  return `failed: ${r.error?.message ?? 'error'}`;
}

/** Why `r` is not a revert with `reason` (undefined: it is). */
export function revertMismatch(r: CallResult, reason?: string | Uint8Array): string | undefined {
  const what = `${r.contract}.${r.fn}()`;
  if (r.status !== 'REVERT') return `expected ${what} to revert, but it ${describeFailure(r)}`;
  if (reason === undefined) return undefined;
  const want = typeof reason === 'string' ? enc.encode(reason) : reason;
  const got = r.revertData ?? new Uint8Array(0);
  if (got.length === want.length && got.every((b, i) => b === want[i])) return undefined;
  const shown = typeof reason === 'string' ? JSON.stringify(reason) : '0x' + bytesToHex(reason);
  return `expected ${what} to revert with ${shown}, but it reverted with ${JSON.stringify(r.revertReason)}`;
}

/** Why `r` did not fail with `kind` (a Python exception kind, or OOG / REVERT / ERROR). */
export function errorMismatch(r: CallResult, kind: string): string | undefined {
  const what = `${r.contract}.${r.fn}()`;
  const got = r.status === 'ERROR' ? (r.error?.kind ?? 'ERROR') : r.status;
  if (got === kind || (kind === 'ERROR' && r.status === 'ERROR')) return undefined;
  return `expected ${what} to fail with ${kind}, but it ${describeFailure(r)}`;
}

/** The matching event of the last call, or why there is none. */
export function eventMismatch<T>(
  last: CallResult | null,
  name: string,
  fields: Record<string, T> | undefined,
  eq: (v: Value, want: T) => boolean,
): Event | string {
  if (!last) return `expected event ${name}, but nothing has been called yet`;
  const named = last.events.filter((e) => e.name === name);
  for (const e of named) {
    if (!fields || Object.entries(fields).every(([k, v]) => k in e.fields && eq(e.fields[k], v))) return e;
  }
  const seen = last.events.map((e) => `${e.name}(${Object.keys(e.fields).join(', ')})`).join(', ') || 'none';
  if (!named.length) return `expected ${last.contract}.${last.fn}() to emit ${name}; it emitted: ${seen}`;
  return `expected ${last.contract}.${last.fn}() to emit ${name} with ${Object.keys(fields ?? {}).join(', ')} as given; it emitted ${named.length} ${name} event${named.length === 1 ? '' : 's'} with other values`;
}

/** JS values a test may hand over -> the JSON forms node/abi/json.ts reads. */
export function toJsonish(v: unknown): unknown {
  if (v instanceof Uint8Array) return '0x' + bytesToHex(v);
  if (typeof v === 'bigint') return v.toString();
  if (Array.isArray(v)) return v.map(toJsonish);
  if (v !== null && typeof v === 'object' && 'items' in v && Array.isArray((v as { items: unknown }).items))
    return (v as { items: unknown[] }).items.map(toJsonish);
  return v;
}

function sameJs(v: Value, want: unknown): boolean {
  if (typeof want === 'bigint' || typeof want === 'number') return (typeof v === 'number' || typeof v === 'bigint') && BigInt(v) === BigInt(want);
  if (want instanceof Uint8Array) return v instanceof Uint8Array && v.length === want.length && v.every((b, i) => b === want[i]);
  if (typeof want === 'string' && v instanceof Uint8Array) return want.startsWith('0x') && '0x' + bytesToHex(v) === want.toLowerCase();
  if (Array.isArray(want)) return Array.isArray(v) && v.length === want.length && v.every((x, i) => sameJs(x, want[i]));
  return v === want;
}

/** A contract from a manifest (.json) or a source file (.py) on disk. */
export function readContract(path: string): ContractSource {
  const text = readFile(path);
  if (!path.endsWith('.json')) return { source: text, file: displayPath(path) };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new ManifestError(`${path} is not valid JSON: ${(e as Error).message}`);
  }
  const m = normalizeManifest(raw);
  const sourcePath = resolve(dirname(path), m.entry);
  return { source: readFile(sourcePath), file: displayPath(sourcePath), manifest: raw };
}

function readFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new AbiError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

function displayPath(p: string): string {
  const abs = resolve(p);
  const cwd = process.cwd();
  return abs.startsWith(cwd + '/') ? abs.slice(cwd.length + 1) : abs;
}
