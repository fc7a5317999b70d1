// The metered interpreter. One loop, one switch over compact Int32Array code; locals and
// operands share one preallocated value stack; small ints stay JS numbers and only fall to
// the exact slow paths (bigint, bool, sequences) when an operand or result needs it.
// Gas is debited before each instruction's effect; dynamic costs are charged by the slow
// paths before they allocate. Nothing here allocates per instruction on the fast paths.
import { OutOfGas, Revert, VmError } from '../spec/errors.js';
import { BASE_COST, CONSTANTS, Op, STDLIB_BY_ID } from '../spec/table.js';
import { binarySlow, unarySlow } from './arith.js';
import { BUILTIN_IMPLS } from './builtins.js';
import { contains, eqCharged, pyCompare } from './compare.js';
import { buildDict, checkDictIter, delSubscr, iterInit, rangeInit, slice, storeSubscr, subscr, unpack } from './containers.js';
import type { Machine } from './machine.js';
import { METHOD_IMPLS } from './methods.js';
import { normBig, PyDict, pyEq, PyTuple, truthy, type Value } from './values.js';

const MAX = Number.MAX_SAFE_INTEGER;
const MIN = -MAX;
const G_ITEM = CONSTANTS.G_ITEM;
const utf8 = new TextEncoder();

const STD_ARITY: Int32Array = (() => {
  const a = new Int32Array(65536);
  for (const [id, s] of STDLIB_BY_ID) a[id] = s.params.length;
  return a;
})();

/** Run function `fi` with `args`; returns its return value. Throws OutOfGas, Revert, VmError. */
export function run(m: Machine, fi: number, args: Value[]): Value {
  const stack = m.stack;
  const funcs = m.mod.funcs;
  const consts = m.mod.consts;
  const std = m.std;
  const stackLimit = stack.length;
  const maxDepth = m.limits.max_call_depth;
  const COST = BASE_COST;
  const tracer = m.tracer;

  let fn = funcs[fi];
  let code = fn.code;
  let bp = 0;
  let pc = 0;
  let depth = 0;
  for (let i = 0; i < args.length; i++) stack[i] = args[i];
  for (let i = args.length; i < fn.nlocals; i++) stack[i] = undefined as unknown as Value;
  let sp = fn.nlocals;
  if (sp + fn.maxStack > stackLimit) throw new VmError('MemoryError', 'operand stack limit exceeded');
  let gas = m.gas;

  try {
    for (;;) {
      const op = code[pc];
      if ((gas -= COST[op]) < 0) {
        gas = 0;
        throw new OutOfGas();
      }
      if (tracer !== null) tracer(fi, pc, op, COST[op], gas);
      switch (op) {
        case Op.NOP:
          pc += 1;
          break;
        case Op.CONST:
          stack[sp++] = consts[code[pc + 1]];
          pc += 2;
          break;
        case Op.POP:
          sp--;
          pc += 1;
          break;
        case Op.DUP:
          stack[sp] = stack[sp - 1];
          sp++;
          pc += 1;
          break;
        case Op.DUP2:
          stack[sp] = stack[sp - 2];
          stack[sp + 1] = stack[sp - 1];
          sp += 2;
          pc += 1;
          break;
        case Op.SWAP: {
          const t = stack[sp - 1];
          stack[sp - 1] = stack[sp - 2];
          stack[sp - 2] = t;
          pc += 1;
          break;
        }
        case Op.ROT3: {
          // a b c -> c a b
          const c = stack[sp - 1];
          stack[sp - 1] = stack[sp - 2];
          stack[sp - 2] = stack[sp - 3];
          stack[sp - 3] = c;
          pc += 1;
          break;
        }
        case Op.LOAD: {
          const v = stack[bp + code[pc + 1]];
          if (v === undefined) throw new VmError('UnboundLocalError', 'local variable referenced before assignment');
          stack[sp++] = v;
          pc += 2;
          break;
        }
        case Op.STORE:
          stack[bp + code[pc + 1]] = stack[--sp];
          pc += 2;
          break;

        case Op.ADD:
        case Op.INPLACE_ADD: {
          const b = stack[--sp];
          const a = stack[sp - 1];
          if (typeof a === 'number' && typeof b === 'number') {
            const r = a + b;
            if (r <= MAX && r >= MIN) {
              stack[sp - 1] = r;
              pc += 1;
              break;
            }
          }
          m.gas = gas;
          stack[sp - 1] = binarySlow(m, op, a, b);
          gas = m.gas;
          pc += 1;
          break;
        }
        case Op.SUB: {
          const b = stack[--sp];
          const a = stack[sp - 1];
          if (typeof a === 'number' && typeof b === 'number') {
            const r = a - b;
            if (r <= MAX && r >= MIN) {
              stack[sp - 1] = r;
              pc += 1;
              break;
            }
          }
          m.gas = gas;
          stack[sp - 1] = binarySlow(m, op, a, b);
          gas = m.gas;
          pc += 1;
          break;
        }
        case Op.MUL: {
          const b = stack[--sp];
          const a = stack[sp - 1];
          if (typeof a === 'number' && typeof b === 'number') {
            const r = a * b;
            if (r <= MAX && r >= MIN) {
              stack[sp - 1] = r + 0; // + 0 turns -0 into 0
              pc += 1;
              break;
            }
          }
          m.gas = gas;
          stack[sp - 1] = binarySlow(m, op, a, b);
          gas = m.gas;
          pc += 1;
          break;
        }
        case Op.FLOORDIV:
        case Op.MOD: {
          const b = stack[--sp];
          const a = stack[sp - 1];
          if (typeof a === 'number' && typeof b === 'number' && b !== 0) {
            let r = a % b;
            if (r !== 0 && (r < 0) !== (b < 0)) r += b;
            // (a - r) / b is exact when a - r is safe (a multiple of b); past 2**53 it may have
            // been rounded, so that rare case takes the exact path
            const t = a - r;
            if (t <= MAX && t >= MIN) {
              stack[sp - 1] = op === Op.MOD ? r + 0 : t / b + 0;
              pc += 1;
              break;
            }
          }
          m.gas = gas;
          stack[sp - 1] = binarySlow(m, op, a, b);
          gas = m.gas;
          pc += 1;
          break;
        }
        case Op.BITAND:
        case Op.BITOR:
        case Op.BITXOR: {
          const b = stack[--sp];
          const a = stack[sp - 1];
          if (typeof a === 'number' && typeof b === 'number' && (a | 0) === a && (b | 0) === b) {
            stack[sp - 1] = op === Op.BITAND ? a & b : op === Op.BITOR ? a | b : a ^ b;
            pc += 1;
            break;
          }
          m.gas = gas;
          stack[sp - 1] = binarySlow(m, op, a, b);
          gas = m.gas;
          pc += 1;
          break;
        }
        case Op.RSHIFT: {
          const b = stack[--sp];
          const a = stack[sp - 1];
          if (typeof a === 'number' && typeof b === 'number' && (a | 0) === a && b >= 0 && b < 32) {
            stack[sp - 1] = a >> b;
            pc += 1;
            break;
          }
          m.gas = gas;
          stack[sp - 1] = binarySlow(m, op, a, b);
          gas = m.gas;
          pc += 1;
          break;
        }
        case Op.POW:
        case Op.LSHIFT: {
          const b = stack[--sp];
          const a = stack[sp - 1];
          m.gas = gas;
          stack[sp - 1] = binarySlow(m, op, a, b);
          gas = m.gas;
          pc += 1;
          break;
        }
        case Op.NEG: {
          const a = stack[sp - 1];
          if (typeof a === 'number') stack[sp - 1] = 0 - a;
          else {
            m.gas = gas;
            stack[sp - 1] = unarySlow(m, op, a);
            gas = m.gas;
          }
          pc += 1;
          break;
        }
        case Op.POS:
        case Op.INVERT: {
          const a = stack[sp - 1];
          if (typeof a === 'number' && (op === Op.POS || (a | 0) === a)) stack[sp - 1] = op === Op.POS ? a : ~a;
          else {
            m.gas = gas;
            stack[sp - 1] = unarySlow(m, op, a);
            gas = m.gas;
          }
          pc += 1;
          break;
        }
        case Op.NOT: {
          const a = stack[sp - 1];
          stack[sp - 1] = a === true ? false : a === false ? true : !truthy(a);
          pc += 1;
          break;
        }

        case Op.EQ:
        case Op.NE: {
          const b = stack[--sp];
          const a = stack[sp - 1];
          let eq: boolean;
          if (typeof a === 'number' && typeof b === 'number') eq = a === b;
          else if (a === null || b === null || typeof a === 'boolean' || typeof b === 'boolean') eq = pyEq(a, b);
          else {
            m.gas = gas;
            eq = eqCharged(m, a, b);
            gas = m.gas;
          }
          stack[sp - 1] = op === Op.EQ ? eq : !eq;
          pc += 1;
          break;
        }
        case Op.LT:
        case Op.LE:
        case Op.GT:
        case Op.GE: {
          const b = stack[--sp];
          const a = stack[sp - 1];
          let c: number;
          if (typeof a === 'number' && typeof b === 'number') c = a < b ? -1 : a > b ? 1 : 0;
          else {
            m.gas = gas;
            c = pyCompare(m, a, b, op === Op.LT ? '<' : op === Op.LE ? '<=' : op === Op.GT ? '>' : '>=');
            gas = m.gas;
          }
          stack[sp - 1] = op === Op.LT ? c < 0 : op === Op.LE ? c <= 0 : op === Op.GT ? c > 0 : c >= 0;
          pc += 1;
          break;
        }
        case Op.IS:
        case Op.IS_NOT: {
          const b = stack[--sp];
          const same = stack[sp - 1] === b;
          stack[sp - 1] = op === Op.IS ? same : !same;
          pc += 1;
          break;
        }
        case Op.IN:
        case Op.NOT_IN: {
          const c = stack[--sp];
          m.gas = gas;
          const r = contains(m, c, stack[sp - 1]);
          gas = m.gas;
          stack[sp - 1] = op === Op.IN ? r : !r;
          pc += 1;
          break;
        }

        case Op.JUMP:
          pc = code[pc + 1];
          break;
        case Op.JUMP_IF_FALSE: {
          const v = stack[--sp];
          if (v === false || (v !== true && !truthy(v))) pc = code[pc + 1];
          else pc += 2;
          break;
        }
        case Op.JUMP_IF_TRUE: {
          const v = stack[--sp];
          if (v === true || (v !== false && truthy(v))) pc = code[pc + 1];
          else pc += 2;
          break;
        }
        case Op.JUMP_IF_FALSE_OR_POP: {
          const v = stack[sp - 1];
          if (v === false || (v !== true && !truthy(v))) pc = code[pc + 1];
          else {
            sp--;
            pc += 2;
          }
          break;
        }
        case Op.JUMP_IF_TRUE_OR_POP: {
          const v = stack[sp - 1];
          if (v === true || (v !== false && truthy(v))) pc = code[pc + 1];
          else {
            sp--;
            pc += 2;
          }
          break;
        }
        case Op.RETURN: {
          const v = stack[sp - 1];
          if (depth === 0) {
            m.gas = gas;
            return v;
          }
          depth--;
          sp = bp;
          stack[sp++] = v;
          fi = m.frameFn[depth];
          pc = m.framePc[depth];
          bp = m.frameBp[depth];
          fn = funcs[fi];
          code = fn.code;
          break;
        }
        case Op.CALL: {
          const callee = funcs[code[pc + 1]];
          if (depth >= maxDepth) throw new VmError('RecursionError', `maximum call depth of ${maxDepth} exceeded`);
          const nbp = sp - callee.nparams;
          if (nbp + callee.nlocals + callee.maxStack > stackLimit) throw new VmError('MemoryError', 'operand stack limit exceeded');
          m.frameFn[depth] = fi;
          m.framePc[depth] = pc + 2;
          m.frameBp[depth] = bp;
          depth++;
          fi = code[pc + 1];
          fn = callee;
          code = fn.code;
          bp = nbp;
          sp = nbp + fn.nlocals;
          for (let i = nbp + fn.nparams; i < sp; i++) stack[i] = undefined as unknown as Value;
          pc = 0;
          break;
        }
        case Op.CALL_STD: {
          const id = code[pc + 1];
          sp -= STD_ARITY[id];
          m.gas = gas;
          stack[sp] = std[id]!(m, stack, sp);
          gas = m.gas;
          sp++;
          pc += 2;
          break;
        }
        case Op.CALL_BUILTIN: {
          const n = code[pc + 2];
          sp -= n;
          m.gas = gas;
          stack[sp] = BUILTIN_IMPLS[code[pc + 1]](m, stack, sp, n);
          gas = m.gas;
          sp++;
          pc += 3;
          break;
        }
        case Op.CALL_METHOD: {
          const n = code[pc + 2];
          sp -= n + 1;
          m.gas = gas;
          stack[sp] = METHOD_IMPLS[code[pc + 1]](m, stack, sp, n);
          gas = m.gas;
          sp++;
          pc += 3;
          break;
        }
        case Op.REVERT: {
          const r = stack[--sp];
          throw new Revert(r instanceof Uint8Array ? r : utf8.encode(typeof r === 'string' ? r : reasonText(r)));
        }

        case Op.BUILD_LIST: {
          const n = code[pc + 1];
          gas -= n * G_ITEM;
          if (gas < 0) throw new OutOfGas();
          sp -= n;
          stack[sp] = stack.slice(sp, sp + n);
          sp++;
          pc += 2;
          break;
        }
        case Op.BUILD_TUPLE: {
          const n = code[pc + 1];
          gas -= n * G_ITEM;
          if (gas < 0) throw new OutOfGas();
          sp -= n;
          stack[sp] = new PyTuple(stack.slice(sp, sp + n));
          sp++;
          pc += 2;
          break;
        }
        case Op.BUILD_DICT: {
          const n = code[pc + 1];
          gas -= n * G_ITEM;
          if (gas < 0) throw new OutOfGas();
          sp -= 2 * n;
          m.gas = gas;
          stack[sp] = buildDict(m, stack, sp, n);
          sp++;
          pc += 2;
          break;
        }
        case Op.SUBSCR: {
          const i = stack[--sp];
          const o = stack[sp - 1];
          if (Array.isArray(o) && typeof i === 'number' && i >= 0 && i < o.length) stack[sp - 1] = o[i];
          else stack[sp - 1] = subscr(o, i);
          pc += 1;
          break;
        }
        case Op.STORE_SUBSCR: {
          const i = stack[--sp];
          const o = stack[--sp];
          const v = stack[--sp];
          if (Array.isArray(o) && typeof i === 'number' && i >= 0 && i < o.length) o[i] = v;
          else {
            m.gas = gas;
            storeSubscr(m, o, i, v);
          }
          pc += 1;
          break;
        }
        case Op.DEL_SUBSCR: {
          const i = stack[--sp];
          delSubscr(stack[--sp], i);
          pc += 1;
          break;
        }
        case Op.SLICE: {
          const hi = stack[--sp];
          const lo = stack[--sp];
          m.gas = gas;
          stack[sp - 1] = slice(m, stack[sp - 1], lo, hi);
          gas = m.gas;
          pc += 1;
          break;
        }
        case Op.UNPACK: {
          const v = stack[--sp];
          sp = unpack(stack, sp, v, code[pc + 1]);
          pc += 2;
          break;
        }
        case Op.LIST_APPEND: {
          const l = stack[bp + code[pc + 1]] as Value[];
          if (l.length >= m.limits.max_container_len) m.capLen(l.length + 1, 'list');
          l.push(stack[--sp]);
          pc += 2;
          break;
        }
        case Op.ITER_INIT: {
          const v = stack[--sp];
          iterInit(stack, bp + code[pc + 1], v);
          pc += 2;
          break;
        }
        case Op.FOR_ITER: {
          const at = bp + code[pc + 1];
          const src = stack[at] as Value[] | Uint8Array;
          const i = stack[at + 1] as number;
          const d = stack[at + 2];
          // Python checks the dict's size on every next(), also the one that ends the loop
          if (d !== null) checkDictIter(d as PyDict, src.length);
          if (i < src.length) {
            stack[sp++] = src[i];
            stack[at + 1] = i + 1;
            pc += 3;
          } else pc = code[pc + 2];
          break;
        }
        case Op.RANGE_INIT: {
          const n = code[pc + 2];
          sp -= n;
          rangeInit(stack, bp + code[pc + 1], stack, sp, n);
          pc += 3;
          break;
        }
        case Op.FOR_RANGE: {
          const at = bp + code[pc + 1];
          const cur = stack[at];
          const stop = stack[at + 1];
          const step = stack[at + 2];
          if (typeof cur === 'number' && typeof stop === 'number' && typeof step === 'number') {
            if (step > 0 ? cur < stop : cur > stop) {
              stack[sp++] = cur;
              const nx = cur + step;
              stack[at] = nx <= MAX && nx >= MIN ? nx : normBig(BigInt(cur) + BigInt(step));
              pc += 3;
            } else pc = code[pc + 2];
          } else {
            const c = BigInt(cur as number | bigint);
            const s = BigInt(step as number | bigint);
            const e = BigInt(stop as number | bigint);
            if (s > 0n ? c < e : c > e) {
              stack[sp++] = normBig(c);
              stack[at] = normBig(c + s);
              pc += 3;
            } else pc = code[pc + 2];
          }
          break;
        }
        default:
          throw new VmError('InvalidOpcode', `opcode ${op} is not executable`);
      }
    }
  } catch (e) {
    m.gas = gas < 0 ? 0 : gas;
    m.errFn = fi;
    m.errPc = pc;
    throw e;
  }
}

function reasonText(v: Value): string {
  if (v === null) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'number' || typeof v === 'bigint') return v.toString();
  return `<${Array.isArray(v) ? 'list' : v instanceof PyTuple ? 'tuple' : v instanceof PyDict ? 'dict' : 'value'}>`;
}
