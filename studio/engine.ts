// The studio's engine, with no DOM: compile a source to diagnostics or code and its ABI, and
// run deploys and calls against an in-page state, returning what the page shows (receipt,
// events, storage diff, trace). It uses only the package's public entry (index.ts), so the
// receipts are the ones the Node adapter gives for the same requests.
import {
  call,
  compileSource,
  defaultBlock,
  defaultTx,
  deploy,
  decodeEventData,
  DiagnosticsError,
  loadCode,
  locate,
  MemoryState,
  OP_BY_CODE,
  signaturesFromModule,
  signaturesFromSource,
  valueToJson,
  VmPyError,
  type AdapterReceipt,
  type BlockEnv,
  type Json,
  type LoadedModule,
  type StateSnapshot,
  type TxEnv,
} from '../index.js';

export const FILE = 'contract.py';
export const CONSTRUCTOR = '__init__';
/**
 * Gas limit of a studio transaction unless the page says otherwise: far above what the
 * examples' calls use (under 10,000), and low enough that a runaway loop, traced, stops
 * within a second or so instead of freezing the page.
 */
export const DEFAULT_GAS_LIMIT = 1_000_000;

export interface Diag {
  code: string;
  message: string;
  /** 1-based, as the validator reports them */
  line: number;
  col: number;
}

export interface Param {
  name: string;
  type: string;
}

export interface FnSpec {
  name: string;
  params: Param[];
  returns: string;
  /** where it is: its def line (from source) or its first statement's (from IR debug info) */
  line: number;
}

export interface Compiled {
  source: string;
  bytes: Uint8Array;
  codeHash: string;
  functions: FnSpec[];
  /** the constructor's parameters, or null when the contract has no __init__ */
  ctor: FnSpec | null;
}

export type CheckResult = { ok: true; compiled: Compiled; diags: [] } | { ok: false; diags: Diag[] };

/** Validate and compile; every diagnostic at once, or the code and its ABI. */
export function check(source: string): CheckResult {
  let c;
  try {
    c = compileSource(source, { file: FILE });
  } catch (e) {
    if (e instanceof DiagnosticsError) return { ok: false, diags: e.diagnostics.map(toDiag) };
    // compile-stage errors without a place (selector collision, code size) are shown at line 1
    if (e instanceof VmPyError) return { ok: false, diags: [toDiag(e)] };
    throw e;
  }
  const functions: FnSpec[] = signaturesFromSource(c.checked).map((s) => ({
    name: s.name,
    params: s.params.map((type, i) => ({ name: s.paramNames?.[i] ?? `arg${i}`, type })),
    returns: s.returns,
    line: Number(s.where.split(':').pop()) || 1,
  }));
  let ctor: FnSpec | null = null;
  const sig = c.checked.signatures.get(CONSTRUCTOR);
  const f = c.checked.funcs.get(CONSTRUCTOR);
  if (sig && f)
    ctor = {
      name: CONSTRUCTOR,
      params: sig.params.map((type, i) => ({ name: f.params[i]?.name ?? `arg${i}`, type })),
      returns: 'none',
      line: c.checked.src.loc(f.at).line,
    };
  return { ok: true, diags: [], compiled: { source, bytes: c.bytes, codeHash: hex(c.codeHash), functions, ctor } };
}

/** Deployed IR and the source it came from -> what the call forms need (names from its debug info). */
export function describeCode(bytes: Uint8Array, source: string): Compiled {
  const mod = loadCode(bytes);
  const functions: FnSpec[] = signaturesFromModule(mod).map((s) => ({
    name: s.name,
    params: s.params.map((type, i) => ({ name: s.paramNames?.[i] ?? `arg${i}`, type })),
    returns: s.returns,
    line: Number(s.where.split(':').pop()) || 1,
  }));
  // in source order, as check() lists them
  functions.sort((a, b) => a.line - b.line || (a.name < b.name ? -1 : 1));
  return { source, bytes, codeHash: hex(mod.codeHash), functions, ctor: null };
}

function toDiag(e: VmPyError): Diag {
  return { code: e.code, message: e.message, line: e.location?.line ?? 1, col: e.location?.col ?? 1 };
}

// ---------------------------------------------------------------- form inputs -> JSON args

/**
 * One form field's text -> the JSON form of spec/ABI.md §6 for its type. Ints stay decimal
 * strings (no precision lost), bytes and addresses 0x-hex, lists and tuples JSON text.
 * Errors name the parameter, so the page can show them by the field.
 */
export function fieldToJson(p: Param, text: string): unknown {
  const t = p.type.trim();
  const s = text.trim();
  if (/^(u?int\d*|int)$/.test(t)) {
    if (!/^-?\d+$/.test(s)) throw new InputError(p.name, `${p.name}: ${t} must be a decimal integer`);
    return s;
  }
  if (t === 'bool') {
    if (s !== 'true' && s !== 'false') throw new InputError(p.name, `${p.name}: bool must be true or false`);
    return s === 'true';
  }
  if (t === 'str') return text;
  if (/^(bytes\d*|address)$/.test(t)) {
    if (!/^0x([0-9a-fA-F]{2})*$/.test(s)) throw new InputError(p.name, `${p.name}: ${t} must be 0x followed by hex byte pairs`);
    return s.toLowerCase();
  }
  try {
    return JSON.parse(s);
  } catch {
    throw new InputError(p.name, `${p.name}: ${t} must be JSON (e.g. [1, 2] or ["0x01"])`);
  }
}

export class InputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

// ---------------------------------------------------------------- the session

export interface TxOptions {
  sender?: string;
  value?: string;
  gasLimit?: number;
}

export interface TraceStep {
  fn: string;
  pc: number;
  op: string;
  line: number;
  col: number;
  /** gas this instruction cost, dynamic surcharges included */
  cost: number;
  gasLeft: number;
}

export interface DiffEntry {
  address: string;
  key: string;
  before: string | null;
  after: string | null;
}

export interface EventView {
  name: string;
  data: Json;
}

export interface Outcome {
  kind: 'deploy' | 'call';
  fn: string;
  args: unknown[];
  status: string;
  gasUsed: number;
  refund: number;
  result: Json | undefined;
  error: string | null;
  events: EventView[];
  diff: DiffEntry[];
  receiptHash: string;
  /** selector || ABI-encoded arguments (a call's); the code's size stands in for a deploy's */
  calldata: string;
  /** the ABI-encoded return data */
  returnData: string;
  /** the environment the transaction ran in, so anyone can replay it */
  env: { sender: string; to: string; nonce: string; value: string; gasLimit: number };
  /** the first MAX_TRACE_STEPS instructions run */
  trace: TraceStep[];
  /** how many instructions ran (more than trace.length when the trace was cut) */
  instructions: number;
  /** gas by source line, over every instruction run */
  gasByLine: Record<number, number>;
}

interface Saved {
  v: 1;
  state: StateSnapshot;
  nonce: string;
  address: string | null;
  compiled: { source: string; codeHash: string } | null;
  history: Omit<Outcome, 'trace' | 'gasByLine' | 'instructions'>[];
}

const SENDER = hex(defaultTx().sender);

/**
 * An in-page chain of one account: a state, the sender's nonce (one per transaction) and the
 * contract last deployed. Each transaction runs in defaultBlock() with tx.hash all zeros, so
 * the Node adapter given the same deploy and calls returns the same receipt hashes.
 */
export class Session {
  state = new MemoryState();
  nonce = 0n;
  address: string | null = null;
  compiled: Compiled | null = null;
  history: Outcome[] = [];

  deploy(compiled: Compiled, args: unknown[], opts: TxOptions = {}): Outcome {
    const { tx, gasLimit } = this.txEnv(opts, new Uint8Array(32));
    const rec = this.run(compiled.bytes, (tracer) =>
      deploy({ contract: { code: compiled.bytes }, args, gasLimit, tx, block: block(), state: this.state, tracer }),
    );
    const out = this.outcome('deploy', CONSTRUCTOR, args, rec, tx, gasLimit);
    if (rec.receipt.status === 'SUCCESS' && rec.receipt.created) {
      this.address = hex(rec.receipt.created.address);
      this.compiled = compiled;
      out.env.to = this.address;
    }
    return out;
  }

  call(fn: string, args: unknown[], opts: TxOptions = {}): Outcome {
    if (!this.address || !this.compiled) throw new Error('deploy the contract first');
    const { tx, gasLimit } = this.txEnv(opts, unhex(this.address));
    const rec = this.run(this.compiled.bytes, (tracer) => call({ input: { fn, args }, gasLimit, tx, block: block(), state: this.state, tracer }));
    return this.outcome('call', fn, args, rec, tx, gasLimit);
  }

  /**
   * Add to an account's balance outside any transaction, as a genesis allocation (the CLI's
   * --balance): value-carrying calls need a funded sender. Not a transaction: no receipt, no nonce.
   */
  fund(address: string, amount: string): bigint {
    const a = address.replace(/^0x/, '');
    if (!/^([0-9a-f]{2}){32}$/i.test(a)) throw new InputError('sender', 'address must be 32 bytes of 0x-hex');
    if (!/^\d+$/.test(amount)) throw new InputError('amount', 'amount must be a non-negative decimal integer');
    const bytes = unhex(a.toLowerCase());
    const v = this.state.getBalance(bytes) + BigInt(amount);
    this.state.setBalance(bytes, v);
    return v;
  }

  balanceOf(address: string): bigint {
    const a = address.replace(/^0x/, '');
    return /^([0-9a-f]{2}){32}$/i.test(a) ? this.state.getBalance(unhex(a.toLowerCase())) : 0n;
  }

  reset(): void {
    this.state = new MemoryState();
    this.nonce = 0n;
    this.address = null;
    this.compiled = null;
    this.history = [];
  }

  private txEnv(opts: TxOptions, to: Uint8Array): { tx: TxEnv; gasLimit: number } {
    const sender = (opts.sender ?? SENDER).replace(/^0x/, '');
    if (!/^([0-9a-f]{2}){32}$/i.test(sender)) throw new InputError('sender', 'sender must be 32 bytes of 0x-hex');
    const value = opts.value ?? '0';
    if (!/^\d+$/.test(value)) throw new InputError('value', 'value must be a non-negative decimal integer');
    const gasLimit = opts.gasLimit ?? DEFAULT_GAS_LIMIT;
    if (!Number.isSafeInteger(gasLimit) || gasLimit <= 0) throw new InputError('gas', 'gas limit must be a positive integer');
    return { tx: { ...defaultTx(), sender: unhex(sender), to, value: BigInt(value), nonce: this.nonce }, gasLimit };
  }

  /** Run one transaction with a tracer; the nonce moves only when a receipt came back. */
  private run(code: Uint8Array, exec: (tracer: (fn: number, pc: number, op: number, cost: number, gasLeft: number) => void) => AdapterReceipt) {
    const recorder = new TraceRecorder(loadCode(code));
    const before = this.state.snapshot();
    const receipt = exec(recorder.tracer);
    this.nonce += 1n;
    return { receipt, recorder, before };
  }

  private outcome(kind: Outcome['kind'], fn: string, args: unknown[], rec: ReturnType<Session['run']>, tx: TxEnv, gasLimit: number): Outcome {
    const r = rec.receipt;
    rec.recorder.finish(r.status === 'OOG' ? 0 : gasLimit - r.gasUsed - r.refund);
    const { steps: trace, gasByLine, instructions } = rec.recorder;
    const out: Outcome = {
      kind,
      fn,
      args,
      status: r.status,
      gasUsed: r.gasUsed,
      refund: r.refund,
      result: r.status === 'SUCCESS' && r.returnValue !== undefined && kind === 'call' ? valueToJson(r.returnValue) : undefined,
      error: r.error
        ? `${r.error.code}${r.error.kind ? ` (${r.error.kind})` : ''}: ${r.error.message}${r.error.location ? ` at line ${r.error.location.line}` : ''}`
        : r.revertReason
          ? `revert: ${latin(r.revertReason)}`
          : null,
      events: r.logs.map((l) => ({ name: new TextDecoder().decode(l.name), data: eventData(l.data) })),
      diff: diffStates(rec.before, this.state.snapshot()),
      receiptHash: hex(r.hash),
      calldata: kind === 'call' ? hex(r.calldata) : '',
      returnData: hex(r.returnData),
      env: { sender: hex(tx.sender), to: hex(tx.to), nonce: tx.nonce.toString(), value: tx.value.toString(), gasLimit },
      trace,
      instructions,
      gasByLine,
    };
    if (kind === 'deploy' && r.created) out.result = hex(r.created.address);
    this.history.push(out);
    return out;
  }

  save(): string {
    const s: Saved = {
      v: 1,
      state: this.state.snapshot(),
      nonce: this.nonce.toString(),
      address: this.address,
      compiled: this.compiled ? { source: this.compiled.source, codeHash: this.compiled.codeHash } : null,
      // traces are large and can be made again by re-running; the page keeps the last 50 results
      history: this.history.slice(-50).map(({ trace: _t, gasByLine: _g, instructions: _i, ...rest }) => rest),
    };
    return JSON.stringify(s);
  }

  /** A saved session, or a fresh one when the text is not one (a stale or edited entry). */
  static load(text: string | null): { session: Session; problem: string | null } {
    const s = new Session();
    if (!text) return { session: s, problem: null };
    try {
      const d = JSON.parse(text) as Saved;
      if (d.v !== 1) throw new Error(`unknown version ${String(d.v)}`);
      s.state = MemoryState.fromSnapshot(d.state);
      s.nonce = BigInt(d.nonce);
      s.address = d.address;
      if (d.compiled && d.address) {
        // from the deployed IR itself, not a recompile: a newer vm-py may compile the same
        // source to other code, and the state holds what was deployed
        const code = s.state.getCode(unhex(d.address));
        if (!code) throw new Error(`no code at the saved contract address 0x${d.address}`);
        s.compiled = describeCode(code, d.compiled.source);
      }
      s.history = d.history.map((h) => ({ ...h, trace: [], instructions: 0, gasByLine: {} }));
      return { session: s, problem: null };
    } catch (e) {
      return { session: new Session(), problem: `saved state ignored: ${(e as Error).message}` };
    }
  }
}

function block(): BlockEnv {
  return defaultBlock();
}

/** Steps kept for stepping through; a 10M-gas loop runs millions of instructions. */
export const MAX_TRACE_STEPS = 50_000;

/**
 * Tracer reports -> steps with their full cost (known when the next instruction starts, or
 * the call ends) and gas by line over every instruction, in constant memory per step.
 */
class TraceRecorder {
  readonly steps: TraceStep[] = [];
  readonly gasByLine: Record<number, number> = {};
  instructions = 0;
  private pending = { fi: -1, pc: 0, op: 0, line: 0, col: 0, gasBefore: 0 };
  /** (function, pc) -> source line and column, looked up once per place */
  private readonly places = new Map<number, [number, number]>();

  constructor(private readonly mod: LoadedModule) {}

  readonly tracer = (fi: number, pc: number, op: number, cost: number, gasLeft: number): void => {
    const gasBefore = gasLeft + cost;
    this.flush(gasBefore);
    const key = fi * 0x1000000 + pc;
    let at = this.places.get(key);
    if (at === undefined) {
      const loc = locate(this.mod, fi, pc);
      at = [loc?.line ?? 0, loc?.col ?? 0];
      this.places.set(key, at);
    }
    const p = this.pending;
    p.fi = fi;
    p.pc = pc;
    p.op = op;
    p.line = at[0];
    p.col = at[1];
    p.gasBefore = gasBefore;
  };

  finish(gasEnd: number): void {
    this.flush(gasEnd);
  }

  private flush(gasNext: number): void {
    const p = this.pending;
    if (p.fi < 0) return;
    const cost = p.gasBefore - gasNext;
    if (p.line > 0) this.gasByLine[p.line] = (this.gasByLine[p.line] ?? 0) + cost;
    if (this.steps.length < MAX_TRACE_STEPS) {
      this.steps.push({ fn: this.mod.funcs[p.fi].name, pc: p.pc, op: OP_BY_CODE[p.op]?.name ?? `op${p.op}`, line: p.line, col: p.col, cost, gasLeft: gasNext });
    }
    this.instructions++;
    p.fi = -1;
  }
}

function eventData(data: Uint8Array): Json {
  try {
    const out: Record<string, Json> = {};
    for (const [k, v] of decodeEventData(data)) out[k] = valueToJson(v);
    return out;
  } catch {
    // events.emit always encodes this way; raw bytes are shown if a future encoding is not
    return hex(data);
  }
}

/** Storage slots that differ between two snapshots, by address then key. */
export function diffStates(a: StateSnapshot, b: StateSnapshot): DiffEntry[] {
  const out: DiffEntry[] = [];
  const addrs = [...new Set([...Object.keys(a.storage), ...Object.keys(b.storage)])].sort();
  for (const addr of addrs) {
    const x = a.storage[addr] ?? {};
    const y = b.storage[addr] ?? {};
    for (const key of [...new Set([...Object.keys(x), ...Object.keys(y)])].sort()) {
      if (x[key] !== y[key]) out.push({ address: addr, key, before: x[key] ?? null, after: y[key] ?? null });
    }
  }
  return out;
}

// ---------------------------------------------------------------- small helpers

export function hex(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += x.toString(16).padStart(2, '0');
  return s;
}

export function unhex(s: string): Uint8Array {
  const h = s.replace(/^0x/, '');
  const out = new Uint8Array(h.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(h.slice(2 * i, 2 * i + 2), 16);
  return out;
}

function latin(b: Uint8Array): string {
  return String.fromCharCode(...b);
}

/** A storage key or value for people: the text when it is printable ASCII, else hex. */
export function showBytes(h: string | null): string {
  if (h === null) return '(empty)';
  const b = unhex(h);
  if (b.length > 0 && b.every((x) => x >= 0x20 && x < 0x7f)) return JSON.stringify(latin(b)).replace(/^"|"$/g, "'");
  return '0x' + h;
}
