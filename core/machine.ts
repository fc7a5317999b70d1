// The state of one call in progress: gas, limits, loaded code, the operand stack and the
// host services stdlib functions reach through. One Machine per top-level call.
import { OutOfGas, VmError } from '../spec/errors.js';
import type { Limits } from '../spec/table.js';
import type { Host } from './host.js';
import type { LoadedModule } from './load.js';
import type { Value } from './values.js';

/** What a stdlib function sees: arguments at a[base .. base+arity). */
export type StdImpl = (m: Machine, a: Value[], base: number) => Value;
/** Called before each instruction; sp and bp locate the frame's operands and locals in `stack`. */
export type Tracer = (fn: number, instr: number, op: number, cost: number, gasLeft: number, sp: number, bp: number, stack: readonly Value[]) => void;

/**
 * What a call needs in proportion to the limits, reused by the next call once this one is
 * over (Machine.release): the operand stack and the frame arrays. Allocating them per call
 * was ~6-12% of a token transfer's CPU (the stack) plus four arrays of max_call_depth + 1.
 * What a reused set still holds is never read: a frame writes its locals and slots, and a
 * call its frame entries, before reading them (core/interpreter.ts).
 */
interface CallArrays {
  stack: Value[];
  frameFn: Int32Array;
  framePc: Int32Array;
  frameBp: Int32Array;
  frameCode: Int32Array[];
}
const POOL: CallArrays[] = [];
const POOL_MAX = 16;
const NO_CODE = new Int32Array(0);

function takeArrays(nStack: number, nFrames: number): CallArrays {
  for (let i = POOL.length - 1; i >= 0; i--) {
    const a = POOL[i];
    if (a.stack.length === nStack && a.frameFn.length === nFrames) {
      POOL[i] = POOL[POOL.length - 1];
      POOL.pop();
      return a;
    }
  }
  return {
    stack: Array.from({ length: nStack }, () => null),
    frameFn: new Int32Array(nFrames),
    framePc: new Int32Array(nFrames),
    frameBp: new Int32Array(nFrames),
    frameCode: Array.from({ length: nFrames }, () => NO_CODE),
  };
}

export class Machine {
  /**
   * Initialized here, not only in the constructor: an ES2022 class field without an
   * initializer starts as undefined, V8 then keeps the field "tagged", and every store of a
   * gas value past 2^31 (large limits) allocated a new heap number: ~100 bytes per
   * CALL_STD/CALL_METHOD/CALL_BUILTIN, 8 MB per W4 call (bench/NOTES.md section 4a).
   */
  gas = 0;
  refund = 0;
  readonly stack: Value[];
  /** call frames: caller function, return offset, caller bp, caller's code array */
  readonly frameFn: Int32Array;
  readonly framePc: Int32Array;
  readonly frameBp: Int32Array;
  readonly frameCode: Int32Array[];
  private arrays: CallArrays | null;
  tracer: Tracer | null = null;
  /** where the last error happened (function index, code offset) for source mapping */
  errFn = -1;
  errPc = -1;
  /** the call stack at the last error: (function index, code offset) pairs, outermost first */
  errFrames: number[] | null = null;
  /** arguments per stdlib id when a tool adds host modules (spec/host_std.ts); null: the table's */
  stdArity: Int32Array | null = null;
  /**
   * Bytes of contract values made since the last live-set measurement, plus the live size
   * it found (runtime/memory.ts). Not gas. Past memCap the interpreter measures the live set.
   */
  mem = 0;
  readonly memCap: number;
  /** what a big-int result adds to `mem`: the most a big int can take */
  readonly bigIntBytes: number;
  /**
   * The limb gas of the last mid-path big-int result (core/arith_mid.ts midOp): set by midOp,
   * debited by its caller. Gas flows through the machine, never a module variable.
   */
  midCharge = 0;
  /** midOp's last divisor and, when it is 2^k, k (else -1): a cache for `x % 2**256` loops */
  lastDiv = 1n;
  lastShift = 0;
  lastShiftBig = 0n;

  constructor(
    readonly mod: LoadedModule,
    readonly limits: Readonly<Limits>,
    gasLimit: number,
    readonly std: readonly (StdImpl | undefined)[],
    readonly host: Host,
  ) {
    this.gas = gasLimit;
    this.memCap = limits.max_memory_bytes;
    this.bigIntBytes = (limits.max_int_bits + 7) >>> 3;
    const a = takeArrays(limits.max_stack, limits.max_call_depth + 1);
    this.arrays = a;
    this.stack = a.stack;
    this.frameFn = a.frameFn;
    this.framePc = a.framePc;
    this.frameBp = a.frameBp;
    this.frameCode = a.frameCode;
  }

  /**
   * Hand the call's arrays back for the next call (node/execute.ts, when the call is over);
   * this machine keeps an empty stack, so a stray late use fails instead of sharing one.
   */
  release(): void {
    const a = this.arrays;
    if (a === null) return;
    this.arrays = null;
    if (POOL.length < POOL_MAX) POOL.push(a);
    const self = this as { stack: Value[]; frameFn: Int32Array; framePc: Int32Array; frameBp: Int32Array; frameCode: Int32Array[] };
    self.stack = [];
    self.frameFn = self.framePc = self.frameBp = NO_CODE;
    self.frameCode = [];
  }

  /** Debit gas before an effect. */
  charge(n: number): void {
    if ((this.gas -= n) < 0) throw new OutOfGas();
  }

  /** Enforce the int bit-length cap (values past it are an error, never computed further). */
  capBits(bits: number): void {
    if (bits > this.limits.max_int_bits) throw new VmError('OverflowError', `integer result exceeds the ${this.limits.max_int_bits}-bit limit`);
  }

  capLen(n: number, what: 'bytes' | 'str' | 'list' | 'dict' | 'tuple'): void {
    const cap = what === 'bytes' || what === 'str' ? this.limits.max_bytes_len : this.limits.max_container_len;
    if (n > cap) throw new VmError('MemoryError', `${what} of length ${n} exceeds the limit of ${cap}`);
  }
}
