// What compiled code calls: the interpreter's own slow paths (reused, never forked), the
// errors it raises, and the bookkeeping of where a failure happened. Compiled functions
// reach all of it through this one object, by name, so no host function is spliced into text.
import { OutOfGas, Revert, VmError } from '../../spec/errors.js';
import { binarySlow, unarySlow } from '../arith.js';
import { midAllowed, midOp } from '../arith_mid.js';
import { foldedPow } from '../fold.js';
import { floorDivBig, floorModBig } from '../bigint.js';
import { BUILTIN_IMPLS } from '../builtins.js';
import { contains, eqCharged, pyCompare } from '../compare.js';
import { buildDict, delSubscr, iterInit, rangeInit, slice, storeSubscr, subscr, unpack } from '../containers.js';
import { DictIter } from '../dict_iter.js';
import type { Machine } from '../machine.js';
import { countInt, countResult, memCheck, seqBytes } from '../memory.js';
import { OP_PRICE } from '../pricing.js';
import { checkMethod, METHOD_IMPLS } from '../methods.js';
import { checkReturn } from '../return_check.js';
import { normBig, PyDict, PyTuple, scalarEq, truthy, type Value } from '../values.js';
import { Op } from '../../spec/table.js';
import { run } from '../interpreter.js';
import { CROSS } from './frame_budget.js';

/**
 * What the tier did that tests must be able to see (never read by consensus code):
 * private calls handed to the interpreter for want of native stack, the deepest call depth
 * at which that happened (the compiled frames below it ran compiled), and frames handed to
 * the interpreter because the gas left did not cover a block.
 */
export const JIT_PROBE = { fallbacks: 0, deepestFallback: 0, resumes: 0 };
const NO_ARGS: Value[] = [];

const utf8 = new TextEncoder();
const TUPLE_PAIR_GAS = 2 * OP_PRICE.items[Op.BUILD_TUPLE];

/** The text of a non-bytes, non-str REVERT reason, as the interpreter writes it. */
function reasonText(v: Value): string {
  if (v === null) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'number' || typeof v === 'bigint') return v.toString();
  return `<${Array.isArray(v) ? 'list' : v instanceof PyTuple ? 'tuple' : v instanceof PyDict ? 'dict' : 'value'}>`;
}

const P255 = 1n << 255n;
const N255 = -P255;
const P256 = 1n << 256n;
const N256 = -P256;

/**
 * An int operand as a bigint, or null for anything else (bool included: the exact path
 * decides). The last two numbers converted are kept: a ledger's amount meets a big balance
 * twice in a row (debit, credit), a constant factor on every turn of a loop.
 */
let n0 = 0;
let b0 = 0n;
let n1 = 0;
let b1 = 0n;
function big(v: Value): bigint | null {
  if (typeof v === 'bigint') return v;
  if (typeof v !== 'number') return null;
  if (v === n0) return b0;
  if (v === n1) return b1;
  n1 = n0;
  b1 = b0;
  n0 = v;
  b0 = BigInt(v);
  return b0;
}

export const HELPERS = {
  /** two big ints compare inline when either is within +-2^256 (LT's limbs are 0 then) */
  P256,
  N256,
  OutOfGas,
  PyTuple,
  binarySlow,
  unarySlow,
  foldedPow,
  midAllowed,
  midOp,
  contains,
  eqCharged,
  pyCompare,
  scalarEq,
  truthy,
  normBig,
  countInt,
  countResult,
  memCheck,
  checkMethod,
  checkReturn,
  buildDict,
  DictIter,
  delSubscr,
  iterInit,
  rangeInit,
  slice,
  storeSubscr,
  subscr,
  unpack,
  /**
   * A binary operator's slow path as the interpreter takes it: big ints below 2^512 by
   * arith_mid when their limb gas is covered (charged here), else the exact path.
   */
  arith(m: Machine, op: number, a: Value, b: Value): Value {
    if ((typeof a === 'bigint' || typeof b === 'bigint') && midAllowed(m.limits.max_int_bits)) {
      const r = midOp(m, op, a, b);
      if (r !== undefined && m.midCharge <= m.gas) {
        m.gas -= m.midCharge;
        if (typeof r === 'bigint') m.mem += m.bigIntBytes;
        return r;
      }
    }
    return binarySlow(m, op, a, b);
  },
  /**
   * The cases of arith_mid's midOp that charge no limb gas (compiled code calls these only
   * where midAllowed holds, as H.arith does): ADD/SUB of operands within +-2^255, MUL whose
   * product is, MOD/FLOORDIV of operands within +-2^256 (divisor not 0). Same value as midOp;
   * undefined leaves the operation to H.arith. The caller counts a big result's memory as
   * H.arith does.
   */
  addFree(a: Value, b: Value): Value | undefined {
    const x = big(a);
    const y = big(b);
    if (x === null || y === null || x >= P255 || x <= N255 || y >= P255 || y <= N255) return undefined;
    return normBig(x + y);
  },
  subFree(a: Value, b: Value): Value | undefined {
    const x = big(a);
    const y = big(b);
    if (x === null || y === null || x >= P255 || x <= N255 || y >= P255 || y <= N255) return undefined;
    return normBig(x - y);
  },
  mulFree(a: Value, b: Value): Value | undefined {
    const x = big(a);
    const y = big(b);
    if (x === null || y === null || x >= P255 || x <= N255 || y >= P255 || y <= N255) return undefined;
    const r = x * y;
    return r < P255 && r > N255 ? normBig(r) : undefined;
  },
  modFree(a: Value, b: Value): Value | undefined {
    const x = big(a);
    const y = big(b);
    if (x === null || y === null || y === 0n || x >= P256 || x <= N256 || y >= P256 || y <= N256) return undefined;
    return normBig(floorModBig(x, y));
  },
  divFree(a: Value, b: Value): Value | undefined {
    const x = big(a);
    const y = big(b);
    if (x === null || y === null || y === 0n || x >= P256 || x <= N256 || y >= P256 || y <= N256) return undefined;
    return normBig(floorDivBig(x, y));
  },
  /** Locals and operands of a compiled frame written back to the stack (vals from bp on). */
  sync(stack: Value[], bp: number, ...vals: Value[]): void {
    for (let i = 0; i < vals.length; i++) stack[bp + i] = vals[i];
  },
  /**
   * FOR_ITER over a dict (core/dict_iter.ts) as the interpreter steps it: the next key, value
   * or item; an item is a new (key, value) tuple, priced and counted as BUILD_TUPLE's.
   */
  dictStep(m: Machine, it: DictIter): Value | undefined {
    const v = it.next();
    if (v !== undefined && it.kind === 2) {
      m.charge(TUPLE_PAIR_GAS);
      m.mem += seqBytes(2);
    }
    return v;
  },
  isIntLike: (v: Value): boolean => typeof v === 'number' || typeof v === 'bigint',
  /** `xs *= n` repeats the list itself (aliases see it); anything else is MUL */
  inplaceMul(m: Machine, a: Value, b: Value): Value {
    const r = binarySlow(m, Op.MUL, a, b);
    if (Array.isArray(a) && Array.isArray(r)) {
      a.length = r.length;
      for (let i = 0; i < r.length; i++) a[i] = r[i];
      return a;
    }
    return r;
  },
  /** out of gas at the instruction the caller names (in its P): no gas is left */
  oog(m: Machine, _pc: number): OutOfGas {
    m.gas = 0;
    return new OutOfGas();
  },
  /**
   * A private call whose callee's frame does not fit the native stack budget left
   * (frame_budget.ts): the callee, and all it calls, in the interpreter from its frame at `bp`
   * at call depth `depth`. The interpreter keeps its frames in arrays, so this takes one
   * host frame however deep the calls go. A failure comes back with the interpreter's frames,
   * to which the compiled callers add theirs.
   */
  interp(m: Machine, fi: number, bp: number, depth: number, budget: number): Value {
    JIT_PROBE.fallbacks++;
    if (depth > JIT_PROBE.deepestFallback) JIT_PROBE.deepestFallback = depth;
    const args = m.stack.slice(bp, bp + m.mod.funcs[fi].nparams);
    const saved = CROSS.left;
    CROSS.left = budget;
    try {
      return run(m, fi, args, bp, depth);
    } finally {
      CROSS.left = saved;
    }
  },
  /**
   * The rest of compiled frame `fi` at `bp` in the interpreter, from offset `pc` with the
   * operand stack up to `sp` (the frame's locals and operands already written back): where
   * the gas left does not cover a block, the interpreter charges instruction by instruction
   * to the instruction that runs out. Returns the frame's return value; a failure comes back
   * with the interpreter's frames (the compiled frame adds none of its own: it passes P = -1).
   */
  resume(m: Machine, fi: number, bp: number, pc: number, sp: number, depth: number, budget: number): Value {
    JIT_PROBE.resumes++;
    const saved = CROSS.left;
    CROSS.left = budget;
    try {
      return run(m, fi, NO_ARGS, bp, depth, pc, sp);
    } finally {
      CROSS.left = saved;
    }
  },
  unbound: (): VmError => new VmError('UnboundLocalError', 'local variable referenced before assignment'),
  invalid: (msg: string): VmError => new VmError('InvalidProgram', msg),
  recursion: (maxDepth: number): VmError => new VmError('RecursionError', `maximum call depth of ${maxDepth} exceeded`),
  stackLimit: (): VmError => new VmError('MemoryError', 'operand stack limit exceeded'),
  fellOff: (): Error => new Error('jit: control left the compiled function'),
  revert: (r: Value): Revert => new Revert(r instanceof Uint8Array ? r : utf8.encode(typeof r === 'string' ? r : reasonText(r))),
  /**
   * A failure passing through compiled frame `fi` at offset `pc`: the innermost frame names
   * the failing instruction, each caller its call instruction as the interpreter's frame
   * record does (return offset - 1, inside the CALL).
   */
  onThrow(m: Machine, fi: number, pc: number): void {
    if (pc < 0) return; // the frame was handed to the interpreter, which recorded it
    if (m.errFrames === null) {
      m.errFn = fi;
      m.errPc = pc;
      m.errFrames = [fi, pc];
    } else m.errFrames.unshift(fi, pc + 1);
  },
};

export type Helpers = typeof HELPERS;
export const BUILTINS = BUILTIN_IMPLS;
export const METHODS = METHOD_IMPLS;
