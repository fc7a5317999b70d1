// The metered interpreter. One loop, one switch over compact Int32Array code; locals and
// operands share one preallocated value stack; small ints stay JS numbers and only fall to
// the exact slow paths (bigint, bool, sequences) when an operand or result needs it.
// Gas is debited before each instruction's effect; dynamic costs are charged by the slow
// paths before they allocate. Nothing here allocates per instruction on the fast paths.
import { OutOfGas, Revert, VmError } from '../spec/errors.js';
import { Op, STDLIB_BY_ID } from '../spec/table.js';
import { OP_PRICE } from './pricing.js';
import { binarySlow, unarySlow } from './arith.js';
import { midAllowed, midOp } from './arith_mid.js';
import { BUILTIN_IMPLS } from './builtins.js';
import { contains, eqCharged, pyCompare } from './compare.js';
import { foldedPow } from './fold.js';
import { BIN_OPS, FCOST, Form, FUSED_BASE } from './fuse.js';
import { buildDict, checkDictIter, delSubscr, iterInit, rangeInit, slice, storeSubscr, subscr, unpack } from './containers.js';
import type { Machine } from './machine.js';
import { countInt, countResult, memCheck, seqBytes } from './memory.js';
import { checkMethod, METHOD_IMPLS } from './methods.js';
import { normBig, PyDict, pyEq, PyTuple, truthy, type Value } from './values.js';

const MAX = Number.MAX_SAFE_INTEGER;
const MIN = -MAX;
// the BUILD_* opcodes' `items` prices (their table formulas)
const LIST_ITEM = OP_PRICE.items[Op.BUILD_LIST];
const TUPLE_ITEM = OP_PRICE.items[Op.BUILD_TUPLE];
const DICT_ITEM = OP_PRICE.items[Op.BUILD_DICT];
const GAS_CHUNK = 1 << 29;
const utf8 = new TextEncoder();

/** Arguments each stdlib id takes; a tool's host modules (spec/host_std.ts) bring their own (Machine.stdArity). */
export const STD_ARITY: Int32Array = (() => {
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
  const arity = m.stdArity ?? STD_ARITY;
  const stackLimit = stack.length;
  const maxDepth = m.limits.max_call_depth;
  const COST = FCOST;
  const tracer = m.tracer;
  // the tracer sees every original instruction: it runs the unfused code
  const fused = tracer === null;
  const frameFn = m.frameFn;
  const framePc = m.framePc;
  const frameBp = m.frameBp;
  const S_COST = COST[Op.STORE];
  const memCap = m.memCap;
  const bigIntBytes = m.bigIntBytes;
  const midOk = midAllowed(m.limits.max_int_bits);
  const maxLen = m.limits.max_container_len;

  const fn = funcs[fi];
  let code = fused ? fn.fast : fn.code;
  // the caller's code array per frame (a return needs no lookup through funcs)
  const frameCode: Int32Array[] = Array.from({ length: maxDepth + 1 }, () => code);
  let bp = 0;
  let pc = 0;
  let depth = 0;
  for (let i = 0; i < args.length; i++) stack[i] = args[i];
  for (let i = args.length; i < fn.nlocals; i++) stack[i] = undefined as unknown as Value;
  let sp = fn.nlocals;
  if (sp + fn.maxStack > stackLimit) throw new VmError('MemoryError', 'operand stack limit exceeded');
  // the arguments are the first live set: measured once, they start the running count
  memCheck(m, args.length);
  // Gas left = gas + reserve. The hot counter `gas` stays below GAS_CHUNK so that it is a
  // small integer for the JIT (a double counter is boxed and slows every instruction);
  // it is topped up from `reserve` when it runs out.
  let reserve = m.gas > GAS_CHUNK ? m.gas - GAS_CHUNK : 0;
  let gas = (m.gas - reserve) | 0;
  // >= 0 while a fused instruction hands over to its original first instruction (see below)
  let stash = -1;

  try {
    for (;;) {
      let op = code[pc];
      if ((gas -= COST[op]) < 0) {
        // Not enough gas for a whole fused instruction, or a fused instruction unfusing
        // itself: run the original instruction at this offset, charged on its own.
        gas = stash >= 0 ? stash : gas + COST[op];
        stash = -1;
        if (reserve > 0) {
          const t = gas + reserve;
          reserve = t > GAS_CHUNK ? t - GAS_CHUNK : 0;
          gas = (t - reserve) | 0;
        }
        op = funcs[fi].code[pc];
        if ((gas -= COST[op]) < 0) {
          gas = 0;
          throw new OutOfGas();
        }
      }
      if (tracer !== null) tracer(fi, pc, op, COST[op], gas + reserve, sp, bp, stack);
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
          if ((typeof a === 'bigint' || typeof b === 'bigint') && midOk) {
            // big ints below 2^512: limb gas from comparisons, charged here (arith_mid.ts)
            const r = midOp(m, op, a, b);
            if (r !== undefined && m.midCharge <= gas) {
              gas -= m.midCharge;
              stack[sp - 1] = r;
              if (typeof r === 'bigint') m.mem += bigIntBytes;
              if (m.mem > memCap) memCheck(m, sp);
              pc += 1;
              break;
            }
          }
          m.gas = gas + reserve;
          stack[sp - 1] = binarySlow(m, op, a, b);
          reserve = m.gas > GAS_CHUNK ? m.gas - GAS_CHUNK : 0;
          gas = (m.gas - reserve) | 0;
          if (m.mem > memCap) memCheck(m, sp);
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
          if ((typeof a === 'bigint' || typeof b === 'bigint') && midOk) {
            // big ints below 2^512: limb gas from comparisons, charged here (arith_mid.ts)
            const r = midOp(m, op, a, b);
            if (r !== undefined && m.midCharge <= gas) {
              gas -= m.midCharge;
              stack[sp - 1] = r;
              if (typeof r === 'bigint') m.mem += bigIntBytes;
              if (m.mem > memCap) memCheck(m, sp);
              pc += 1;
              break;
            }
          }
          m.gas = gas + reserve;
          stack[sp - 1] = binarySlow(m, op, a, b);
          reserve = m.gas > GAS_CHUNK ? m.gas - GAS_CHUNK : 0;
          gas = (m.gas - reserve) | 0;
          if (m.mem > memCap) memCheck(m, sp);
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
          if ((typeof a === 'bigint' || typeof b === 'bigint') && midOk) {
            // big ints below 2^512: limb gas from comparisons, charged here (arith_mid.ts)
            const r = midOp(m, op, a, b);
            if (r !== undefined && m.midCharge <= gas) {
              gas -= m.midCharge;
              stack[sp - 1] = r;
              if (typeof r === 'bigint') m.mem += bigIntBytes;
              if (m.mem > memCap) memCheck(m, sp);
              pc += 1;
              break;
            }
          }
          m.gas = gas + reserve;
          stack[sp - 1] = binarySlow(m, op, a, b);
          reserve = m.gas > GAS_CHUNK ? m.gas - GAS_CHUNK : 0;
          gas = (m.gas - reserve) | 0;
          if (m.mem > memCap) memCheck(m, sp);
          pc += 1;
          break;
        }
        case Op.INPLACE_MUL: {
          // `xs *= n` repeats the list itself (aliases see it); anything else is MUL
          const b = stack[--sp];
          const a = stack[sp - 1];
          if (typeof a === 'number' && typeof b === 'number') {
            const r = a * b;
            if (r <= MAX && r >= MIN) {
              stack[sp - 1] = r + 0;
              pc += 1;
              break;
            }
          }
          m.gas = gas + reserve;
          const r = binarySlow(m, Op.MUL, a, b);
          if (Array.isArray(a) && Array.isArray(r)) {
            a.length = r.length;
            for (let i = 0; i < r.length; i++) a[i] = r[i];
          } else stack[sp - 1] = r;
          reserve = m.gas > GAS_CHUNK ? m.gas - GAS_CHUNK : 0;
          gas = (m.gas - reserve) | 0;
          if (m.mem > memCap) memCheck(m, sp);
          pc += 1;
          break;
        }
        case Op.FLOORDIV:
        case Op.MOD: {
          const b = stack[--sp];
          const a = stack[sp - 1];
          if (typeof a === 'number' && typeof b === 'number' && b !== 0) {
            if ((a | 0) === a && (b | 0) === b && b !== -1) {
              // int32 operands: integer % and / (a double % is a libm call)
              let r = (a % b) | 0;
              if (r !== 0 && (r ^ b) < 0) r += b;
              stack[sp - 1] = op === Op.MOD ? r : ((a - r) / b) | 0;
              pc += 1;
              break;
            }
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
          if ((typeof a === 'bigint' || typeof b === 'bigint') && midOk) {
            // big ints below 2^512: limb gas from comparisons, charged here (arith_mid.ts)
            const r = midOp(m, op, a, b);
            if (r !== undefined && m.midCharge <= gas) {
              gas -= m.midCharge;
              stack[sp - 1] = r;
              if (typeof r === 'bigint') m.mem += bigIntBytes;
              if (m.mem > memCap) memCheck(m, sp);
              pc += 1;
              break;
            }
          }
          m.gas = gas + reserve;
          stack[sp - 1] = binarySlow(m, op, a, b);
          reserve = m.gas > GAS_CHUNK ? m.gas - GAS_CHUNK : 0;
          gas = (m.gas - reserve) | 0;
          if (m.mem > memCap) memCheck(m, sp);
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
          if ((typeof a === 'bigint' || typeof b === 'bigint') && midOk) {
            // big ints below 2^512: limb gas from comparisons, charged here (arith_mid.ts)
            const r = midOp(m, op, a, b);
            if (r !== undefined && m.midCharge <= gas) {
              gas -= m.midCharge;
              stack[sp - 1] = r;
              if (typeof r === 'bigint') m.mem += bigIntBytes;
              if (m.mem > memCap) memCheck(m, sp);
              pc += 1;
              break;
            }
          }
          m.gas = gas + reserve;
          stack[sp - 1] = binarySlow(m, op, a, b);
          reserve = m.gas > GAS_CHUNK ? m.gas - GAS_CHUNK : 0;
          gas = (m.gas - reserve) | 0;
          if (m.mem > memCap) memCheck(m, sp);
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
          m.gas = gas + reserve;
          stack[sp - 1] = binarySlow(m, op, a, b);
          reserve = m.gas > GAS_CHUNK ? m.gas - GAS_CHUNK : 0;
          gas = (m.gas - reserve) | 0;
          if (m.mem > memCap) memCheck(m, sp);
          pc += 1;
          break;
        }
        case Op.POW:
        case Op.LSHIFT: {
          const b = stack[--sp];
          const a = stack[sp - 1];
          m.gas = gas + reserve;
          stack[sp - 1] = binarySlow(m, op, a, b);
          reserve = m.gas > GAS_CHUNK ? m.gas - GAS_CHUNK : 0;
          gas = (m.gas - reserve) | 0;
          if (m.mem > memCap) memCheck(m, sp);
          pc += 1;
          break;
        }
        case Op.NEG: {
          const a = stack[sp - 1];
          if (typeof a === 'number') stack[sp - 1] = 0 - a;
          else {
            m.gas = gas + reserve;
            stack[sp - 1] = unarySlow(m, op, a);
            reserve = m.gas > GAS_CHUNK ? m.gas - GAS_CHUNK : 0;
            gas = (m.gas - reserve) | 0;
            if (m.mem > memCap) memCheck(m, sp);
          }
          pc += 1;
          break;
        }
        case Op.POS:
        case Op.INVERT: {
          const a = stack[sp - 1];
          if (typeof a === 'number' && (op === Op.POS || (a | 0) === a)) stack[sp - 1] = op === Op.POS ? a : ~a;
          else {
            m.gas = gas + reserve;
            stack[sp - 1] = unarySlow(m, op, a);
            reserve = m.gas > GAS_CHUNK ? m.gas - GAS_CHUNK : 0;
            gas = (m.gas - reserve) | 0;
            if (m.mem > memCap) memCheck(m, sp);
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
            m.gas = gas + reserve;
            eq = eqCharged(m, a, b);
            reserve = m.gas > GAS_CHUNK ? m.gas - GAS_CHUNK : 0;
            gas = (m.gas - reserve) | 0;
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
            m.gas = gas + reserve;
            c = pyCompare(m, a, b, op === Op.LT ? '<' : op === Op.LE ? '<=' : op === Op.GT ? '>' : '>=');
            reserve = m.gas > GAS_CHUNK ? m.gas - GAS_CHUNK : 0;
          gas = (m.gas - reserve) | 0;
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
          m.gas = gas + reserve;
          const r = contains(m, c, stack[sp - 1]);
          reserve = m.gas > GAS_CHUNK ? m.gas - GAS_CHUNK : 0;
          gas = (m.gas - reserve) | 0;
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
            m.gas = gas + reserve;
            return v;
          }
          depth--;
          sp = bp;
          stack[sp++] = v;
          fi = frameFn[depth];
          pc = framePc[depth];
          bp = frameBp[depth];
          code = frameCode[depth];
          break;
        }
        case Op.CALL: {
          const callee = funcs[code[pc + 1]];
          if (depth >= maxDepth) throw new VmError('RecursionError', `maximum call depth of ${maxDepth} exceeded`);
          const nbp = sp - callee.nparams;
          if (nbp + callee.nlocals + callee.maxStack > stackLimit) throw new VmError('MemoryError', 'operand stack limit exceeded');
          frameFn[depth] = fi;
          framePc[depth] = pc + 2;
          frameBp[depth] = bp;
          frameCode[depth] = code;
          depth++;
          fi = code[pc + 1];
          code = fused ? callee.fast : callee.code;
          bp = nbp;
          sp = nbp + callee.nlocals;
          for (let i = nbp + callee.nparams; i < sp; i++) stack[i] = undefined as unknown as Value;
          pc = 0;
          break;
        }
        case Op.CALL_STD: {
          const id = code[pc + 1];
          sp -= arity[id];
          m.gas = gas + reserve;
          const r = std[id]!(m, stack, sp);
          countResult(m, r, stack, sp, arity[id]);
          stack[sp] = r;
          reserve = m.gas > GAS_CHUNK ? m.gas - GAS_CHUNK : 0;
          gas = (m.gas - reserve) | 0;
          sp++;
          if (m.mem > memCap) memCheck(m, sp);
          pc += 2;
          break;
        }
        case Op.CALL_BUILTIN: {
          const n = code[pc + 2];
          sp -= n;
          m.gas = gas + reserve;
          stack[sp] = BUILTIN_IMPLS[code[pc + 1]](m, stack, sp, n);
          reserve = m.gas > GAS_CHUNK ? m.gas - GAS_CHUNK : 0;
          gas = (m.gas - reserve) | 0;
          sp++;
          if (m.mem > memCap) memCheck(m, sp);
          pc += 3;
          break;
        }
        case Op.CALL_METHOD: {
          const n = code[pc + 2];
          sp -= n + 1;
          m.gas = gas + reserve;
          stack[sp] = METHOD_IMPLS[code[pc + 1]](m, stack, sp, n);
          reserve = m.gas > GAS_CHUNK ? m.gas - GAS_CHUNK : 0;
          gas = (m.gas - reserve) | 0;
          sp++;
          if (m.mem > memCap) memCheck(m, sp);
          pc += 3;
          break;
        }
        case Op.CHECK_METHOD: {
          // IR is untrusted: an id the table lacks has no receiver types and always raises
          checkMethod(stack[sp - 1], code[pc + 1]);
          pc += 2;
          break;
        }
        case Op.REVERT: {
          const r = stack[--sp];
          throw new Revert(r instanceof Uint8Array ? r : utf8.encode(typeof r === 'string' ? r : reasonText(r)));
        }

        case Op.BUILD_LIST: {
          const n = code[pc + 1];
          gas -= n * LIST_ITEM;
          if (gas + reserve < 0) throw new OutOfGas();
          sp -= n;
          stack[sp] = stack.slice(sp, sp + n);
          sp++;
          if ((m.mem += seqBytes(n)) > memCap) memCheck(m, sp);
          pc += 2;
          break;
        }
        case Op.BUILD_TUPLE: {
          const n = code[pc + 1];
          gas -= n * TUPLE_ITEM;
          if (gas + reserve < 0) throw new OutOfGas();
          sp -= n;
          stack[sp] = new PyTuple(stack.slice(sp, sp + n));
          sp++;
          if ((m.mem += seqBytes(n)) > memCap) memCheck(m, sp);
          pc += 2;
          break;
        }
        case Op.BUILD_DICT: {
          const n = code[pc + 1];
          gas -= n * DICT_ITEM;
          if (gas + reserve < 0) throw new OutOfGas();
          sp -= 2 * n;
          m.gas = gas + reserve;
          stack[sp] = buildDict(m, stack, sp, n);
          reserve = m.gas > GAS_CHUNK ? m.gas - GAS_CHUNK : 0;
          gas = (m.gas - reserve) | 0;
          sp++;
          if (m.mem > memCap) memCheck(m, sp);
          pc += 2;
          break;
        }
        case Op.SUBSCR: {
          const i = stack[--sp];
          const o = stack[sp - 1];
          if (Array.isArray(o) && typeof i === 'number' && i >= 0 && i < o.length) stack[sp - 1] = o[i];
          else {
            m.gas = gas + reserve;
            const v = subscr(o, i, m);
            reserve = m.gas > GAS_CHUNK ? m.gas - GAS_CHUNK : 0;
            gas = (m.gas - reserve) | 0;
            stack[sp - 1] = v;
            // a str item is a new str of one code point
            if (typeof v === 'string' && (m.mem += v.length) > memCap) memCheck(m, sp);
          }
          pc += 1;
          break;
        }
        case Op.STORE_SUBSCR: {
          const i = stack[--sp];
          const o = stack[--sp];
          const v = stack[--sp];
          if (Array.isArray(o) && typeof i === 'number' && i >= 0 && i < o.length) o[i] = v;
          else {
            m.gas = gas + reserve;
            storeSubscr(m, o, i, v);
            reserve = m.gas > GAS_CHUNK ? m.gas - GAS_CHUNK : 0;
            gas = (m.gas - reserve) | 0;
            if (m.mem > memCap) memCheck(m, sp);
          }
          pc += 1;
          break;
        }
        case Op.DEL_SUBSCR: {
          const i = stack[--sp];
          m.gas = gas + reserve;
          delSubscr(stack[--sp], i, m);
          reserve = m.gas > GAS_CHUNK ? m.gas - GAS_CHUNK : 0;
          gas = (m.gas - reserve) | 0;
          pc += 1;
          break;
        }
        case Op.SLICE: {
          const hi = stack[--sp];
          const lo = stack[--sp];
          m.gas = gas + reserve;
          stack[sp - 1] = slice(m, stack[sp - 1], lo, hi);
          reserve = m.gas > GAS_CHUNK ? m.gas - GAS_CHUNK : 0;
          gas = (m.gas - reserve) | 0;
          if (m.mem > memCap) memCheck(m, sp);
          pc += 1;
          break;
        }
        case Op.UNPACK: {
          const v = stack[--sp];
          sp = unpack(stack, sp, v, code[pc + 1]);
          // unpacking a str makes one new str per code point
          if (typeof v === 'string' && (m.mem += v.length) > memCap) memCheck(m, sp);
          pc += 2;
          break;
        }
        case Op.LIST_APPEND: {
          const l = stack[bp + code[pc + 1]] as Value[];
          if (!Array.isArray(l)) throw invalidProgram('LIST_APPEND to a slot that holds no list');
          if (l.length >= m.limits.max_container_len) m.capLen(l.length + 1, 'list');
          l.push(stack[--sp]);
          if ((m.mem += 8) > memCap) memCheck(m, sp);
          pc += 2;
          break;
        }
        case Op.ITER_INIT: {
          const v = stack[--sp];
          m.gas = gas + reserve;
          iterInit(m, stack, bp + code[pc + 1], v);
          reserve = m.gas > GAS_CHUNK ? m.gas - GAS_CHUNK : 0;
          gas = (m.gas - reserve) | 0;
          if (m.mem > memCap) memCheck(m, sp);
          pc += 2;
          break;
        }
        case Op.FOR_ITER: {
          const at = bp + code[pc + 1];
          const src = stack[at] as Value[] | Uint8Array;
          const i = stack[at + 1] as number;
          // IR is untrusted: a FOR_ITER whose slots ITER_INIT did not fill is refused, not crashed on
          if (typeof i !== 'number' || !(Array.isArray(src) || src instanceof Uint8Array)) throw invalidProgram('FOR_ITER without ITER_INIT');
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
            if (!isIntLike(cur) || !isIntLike(stop) || !isIntLike(step)) throw invalidProgram('FOR_RANGE without RANGE_INIT');
            const c = BigInt(cur as number | bigint);
            const s = BigInt(step as number | bigint);
            const e = BigInt(stop as number | bigint);
            if (s > 0n ? c < e : c > e) {
              stack[sp++] = normBig(c);
              stack[at] = countInt(m, normBig(c + s));
              if (m.mem > memCap) memCheck(m, sp);
              pc += 3;
            } else pc = code[pc + 2];
          }
          break;
        }
        default: {
          // Superinstructions (runtime/fuse.ts): small-int fast paths only. Anything else
          // unfuses: the fused charge is given back and the original instructions run.
          if (op < FUSED_BASE) throw new VmError('InvalidOpcode', `opcode ${op} is not executable`);
          const form = (op - FUSED_BASE) >> 5;
          switch (form) {
            case Form.LL: {
              const a = stack[bp + code[pc + 1]];
              const b = stack[bp + code[pc + 3]];
              if (a !== undefined && b !== undefined) {
                stack[sp] = a;
                stack[sp + 1] = b;
                sp += 2;
                pc += 4;
                continue;
              }
              break;
            }
            case Form.LC: {
              const a = stack[bp + code[pc + 1]];
              if (a !== undefined) {
                stack[sp] = a;
                stack[sp + 1] = consts[code[pc + 3]];
                sp += 2;
                pc += 4;
                continue;
              }
              break;
            }
            case Form.STLD: {
              const v = stack[sp - 1];
              const y = stack[bp + code[pc + 3]];
              const at = bp + code[pc + 1];
              if (y !== undefined || at === bp + code[pc + 3]) {
                stack[at] = v;
                stack[sp - 1] = stack[bp + code[pc + 3]];
                pc += 4;
                continue;
              }
              break;
            }
            case Form.FRST: {
              const at = bp + code[pc + 1];
              const cur = stack[at];
              const stop = stack[at + 1];
              const step = stack[at + 2];
              if (typeof cur === 'number' && typeof stop === 'number' && typeof step === 'number') {
                if (step > 0 ? cur < stop : cur > stop) {
                  const nx = cur + step;
                  if (nx <= MAX && nx >= MIN) {
                    stack[at] = nx; // before the STORE, which may name a loop slot in hand-written IR
                    stack[bp + code[pc + 4]] = cur;
                    pc += 5;
                    continue;
                  }
                } else {
                  gas += S_COST; // the STORE does not run
                  pc = code[pc + 2];
                  continue;
                }
              }
              break;
            }
            case Form.JFRST: {
              const t = code[pc + 1];
              const at = bp + code[t + 1];
              const cur = stack[at];
              const stop = stack[at + 1];
              const step = stack[at + 2];
              if (typeof cur === 'number' && typeof stop === 'number' && typeof step === 'number') {
                if (step > 0 ? cur < stop : cur > stop) {
                  const nx = cur + step;
                  if (nx <= MAX && nx >= MIN) {
                    stack[at] = nx;
                    stack[bp + code[t + 4]] = cur;
                    pc = t + 5;
                    continue;
                  }
                } else {
                  gas += S_COST; // the STORE does not run
                  pc = code[t + 2];
                  continue;
                }
              }
              break;
            }
            case Form.STJFRST: {
              // STORE x; JUMP t; t: FOR_RANGE; STORE i  (x is not a loop state slot)
              const t = code[pc + 3];
              const at = bp + code[t + 1];
              const cur = stack[at];
              const stop = stack[at + 1];
              const step = stack[at + 2];
              if (typeof cur === 'number' && typeof stop === 'number' && typeof step === 'number') {
                if (step > 0 ? cur < stop : cur > stop) {
                  const nx = cur + step;
                  if (nx <= MAX && nx >= MIN) {
                    stack[bp + code[pc + 1]] = stack[--sp];
                    stack[at] = nx;
                    stack[bp + code[t + 4]] = cur;
                    pc = t + 5;
                    continue;
                  }
                } else {
                  stack[bp + code[pc + 1]] = stack[--sp];
                  gas += S_COST; // the loop's STORE does not run
                  pc = code[t + 2];
                  continue;
                }
              }
              break;
            }
            case Form.OPSTJFRST: {
              // BIN; STORE x; JUMP t; t: FOR_RANGE; STORE i  (x is not a loop state slot)
              const a = stack[sp - 2];
              const b = stack[sp - 1];
              const bop = BIN_OPS[op & 31];
              let r: Value | undefined;
              let extra = 0; // a big-int BIN's limb gas
              let bytes = 0; // and memory
              if (typeof a === 'number' && typeof b === 'number') {
                if (bop === Op.ADD || bop === Op.INPLACE_ADD) {
                  const x = a + b;
                  r = x <= MAX && x >= MIN ? x : undefined;
                } else r = binSmall(bop, a, b);
              } else if (midOk && (typeof a === 'bigint' || typeof b === 'bigint')) {
                // `x = (...) % 2**256` closing a loop body (arith_mid.ts); a gas shortfall, or
                // memory past the cap (a live-set walk after BIN), is left to the original code
                r = midOp(m, bop, a, b);
                extra = m.midCharge;
                bytes = typeof r === 'bigint' ? bigIntBytes : 0;
                if (extra > gas || m.mem + bytes > memCap) r = undefined;
              }
              if (r !== undefined) {
                const t = code[pc + 4];
                const at = bp + code[t + 1];
                const cur = stack[at];
                const stop = stack[at + 1];
                const step = stack[at + 2];
                if (typeof cur === 'number' && typeof stop === 'number' && typeof step === 'number') {
                  if (step > 0 ? cur < stop : cur > stop) {
                    const nx = cur + step;
                    if (nx <= MAX && nx >= MIN) {
                      gas -= extra;
                      if (bytes !== 0) m.mem += bytes;
                      stack[bp + code[pc + 2]] = r;
                      sp -= 2;
                      stack[at] = nx;
                      stack[bp + code[t + 4]] = cur;
                      pc = t + 5;
                      continue;
                    }
                  } else {
                    gas -= extra;
                    if (bytes !== 0) m.mem += bytes;
                    stack[bp + code[pc + 2]] = r;
                    sp -= 2;
                    gas += S_COST; // the loop's STORE does not run
                    pc = code[t + 2];
                    continue;
                  }
                }
              }
              break;
            }
            case Form.LLOPRET: {
              // LOAD a; LOAD b; BIN; RETURN from a private call (depth > 0)
              const a = stack[bp + code[pc + 1]];
              const b = stack[bp + code[pc + 3]];
              if (depth > 0 && typeof a === 'number' && typeof b === 'number') {
                const bop = code[pc + 4];
                let r: Value | undefined;
                if (bop === Op.ADD || bop === Op.INPLACE_ADD) {
                  const x = a + b;
                  r = x <= MAX && x >= MIN ? x : undefined;
                } else r = binSmall(bop, a, b);
                if (r !== undefined) {
                  depth--;
                  sp = bp;
                  stack[sp++] = r;
                  fi = frameFn[depth];
                  pc = framePc[depth];
                  bp = frameBp[depth];
                  code = frameCode[depth];
                  continue;
                }
              }
              break;
            }
            case Form.LLCALL: {
              // LOAD a; LOAD b; CALL f
              const a = stack[bp + code[pc + 1]];
              const b = stack[bp + code[pc + 3]];
              const callee = funcs[code[pc + 5]];
              const nbp = sp + 2 - callee.nparams;
              if (a !== undefined && b !== undefined && depth < maxDepth && nbp + callee.nlocals + callee.maxStack <= stackLimit) {
                stack[sp] = a;
                stack[sp + 1] = b;
                frameFn[depth] = fi;
                framePc[depth] = pc + 6;
                frameBp[depth] = bp;
                frameCode[depth] = code;
                depth++;
                fi = code[pc + 5];
                code = callee.fast;
                bp = nbp;
                sp = nbp + callee.nlocals;
                for (let i = nbp + callee.nparams; i < sp; i++) stack[i] = undefined as unknown as Value;
                pc = 0;
                continue;
              }
              break;
            }
            case Form.APPEND: {
              // LOAD l; LOAD v; CALL_METHOD append 1; POP: the method's base is in the fused
              // cost. Only when none of the unfused path's errors or its memory check can
              // happen; otherwise unfuse.
              const l = stack[bp + code[pc + 1]];
              const v = stack[bp + code[pc + 3]];
              if (Array.isArray(l) && v !== undefined && l.length < maxLen && m.mem + 8 <= memCap) {
                m.mem += 8;
                l.push(v);
                pc += 8;
                continue;
              }
              break;
            }
            case Form.LLCALLR: {
              // LOAD a; LOAD b; CALL f, where f is `return x op y` on its two parameters
              // (checked at load): the call's checks, then the callee's result, no frame
              const a = stack[bp + code[pc + 1]];
              const b = stack[bp + code[pc + 3]];
              const callee = funcs[code[pc + 5]];
              if (typeof a === 'number' && typeof b === 'number' && depth < maxDepth && sp + callee.nlocals + callee.maxStack <= stackLimit) {
                const g = callee.fast;
                const x = g[1] === 0 ? a : b;
                const y = g[3] === 0 ? a : b;
                const bop = g[4];
                let r: Value | undefined;
                if (bop === Op.ADD || bop === Op.INPLACE_ADD) {
                  const t = x + y;
                  r = t <= MAX && t >= MIN ? t : undefined;
                } else if (bop === Op.SUB) {
                  const t = x - y;
                  r = t <= MAX && t >= MIN ? t : undefined;
                } else r = binSmall(bop, x, y);
                if (r !== undefined) {
                  stack[sp++] = r;
                  pc += 6;
                  continue;
                }
              }
              break;
            }
            case Form.APPOP: {
              // CALL_METHOD append 1; POP with the list and the value on the stack
              const l = stack[sp - 2];
              if (Array.isArray(l) && l.length < maxLen && m.mem + 8 <= memCap) {
                m.mem += 8;
                l.push(stack[sp - 1]);
                sp -= 2;
                pc += 4;
                continue;
              }
              break;
            }
            case Form.APPJFRST: {
              // APPEND; JUMP t; t: FOR_RANGE l e; STORE i: the append, then the loop's next step
              const l = stack[bp + code[pc + 1]];
              const v = stack[bp + code[pc + 3]];
              const t = code[pc + 9];
              const at = bp + code[t + 1];
              const cur = stack[at];
              const stop = stack[at + 1];
              const step = stack[at + 2];
              if (Array.isArray(l) && v !== undefined && l.length < maxLen && m.mem + 8 <= memCap &&
                typeof cur === 'number' && typeof stop === 'number' && typeof step === 'number') {
                if (step > 0 ? cur < stop : cur > stop) {
                  const nx = cur + step;
                  if (nx <= MAX && nx >= MIN) {
                    m.mem += 8;
                    l.push(v);
                    stack[at] = nx;
                    stack[bp + code[t + 4]] = cur;
                    pc = t + 5;
                    continue;
                  }
                } else {
                  m.mem += 8;
                  l.push(v);
                  gas += S_COST; // the loop's STORE does not run
                  pc = code[t + 2];
                  continue;
                }
              }
              break;
            }
            case Form.LLOPSTJFIST: {
              // LOAD a; LOAD b; BIN; STORE x; JUMP t; t: FOR_ITER l e; STORE y (x is not a loop state slot)
              const a = stack[bp + code[pc + 1]];
              const b = stack[bp + code[pc + 3]];
              const t = code[pc + 8];
              const at = bp + code[t + 1];
              const src = stack[at] as Value[] | Uint8Array;
              const i = stack[at + 1] as number;
              if (typeof a === 'number' && typeof b === 'number' && stack[at + 2] === null && typeof i === 'number' && (Array.isArray(src) || src instanceof Uint8Array)) {
                const bop = code[pc + 4];
                let r: Value | undefined;
                if (bop === Op.ADD || bop === Op.INPLACE_ADD) {
                  const x = a + b;
                  r = x <= MAX && x >= MIN ? x : undefined;
                } else if (bop === Op.SUB) {
                  const x = a - b;
                  r = x <= MAX && x >= MIN ? x : undefined;
                } else r = binSmall(bop, a, b);
                if (r !== undefined) {
                  stack[bp + code[pc + 6]] = r;
                  if (i < src.length) {
                    const y = src[i];
                    stack[at + 1] = i + 1;
                    stack[bp + code[t + 4]] = y;
                    pc = t + 5;
                  } else {
                    gas += S_COST; // the loop's STORE does not run
                    pc = code[t + 2];
                  }
                  continue;
                }
              }
              break;
            }
            case Form.LLOPST: {
              // LOAD a; LOAD b; BIN; STORE x
              const a = stack[bp + code[pc + 1]];
              const b = stack[bp + code[pc + 3]];
              if (typeof a === 'number' && typeof b === 'number') {
                const bop = code[pc + 4];
                let r: Value | undefined;
                if (bop === Op.ADD || bop === Op.INPLACE_ADD) {
                  const x = a + b;
                  r = x <= MAX && x >= MIN ? x : undefined;
                } else if (bop === Op.SUB) {
                  const x = a - b;
                  r = x <= MAX && x >= MIN ? x : undefined;
                } else r = binSmall(bop, a, b);
                if (r !== undefined) {
                  stack[bp + code[pc + 6]] = r;
                  pc += 7;
                  continue;
                }
              }
              break;
            }
            case Form.LLCALLK:
            case Form.LLKOP: {
              if (form === Form.LLCALLK) {
                // LOAD a; LOAD b; CALL f, where f starts with LLKOP: make the call, then run
                // that LLKOP below in this dispatch (its cost is in ours; if it unfuses, the
                // unfuse below gives back only its own cost, read from the callee's code)
                const x = stack[bp + code[pc + 1]];
                const y = stack[bp + code[pc + 3]];
                const callee = funcs[code[pc + 5]];
                const nbp = sp + 2 - callee.nparams;
                if (!(x !== undefined && y !== undefined && depth < maxDepth && nbp + callee.nlocals + callee.maxStack <= stackLimit)) break;
                stack[sp] = x;
                stack[sp + 1] = y;
                frameFn[depth] = fi;
                framePc[depth] = pc + 6;
                frameBp[depth] = bp;
                frameCode[depth] = code;
                depth++;
                fi = code[pc + 5];
                code = callee.fast;
                bp = nbp;
                sp = nbp + callee.nlocals;
                for (let i = nbp + callee.nparams; i < sp; i++) stack[i] = undefined as unknown as Value;
                pc = 0;
              }
              // LOAD a; LOAD b; CONST k; BIN: pushes a and b BIN k
              const a = stack[bp + code[pc + 1]];
              const b = stack[bp + code[pc + 3]];
              if (a !== undefined && typeof b === 'number') {
                const k = consts[code[pc + 5]] as number;
                const bop = code[pc + 6];
                let r: Value | undefined;
                if (bop === Op.BITAND && (b | 0) === b && (k | 0) === k) r = b & k;
                else if (bop === Op.ADD || bop === Op.INPLACE_ADD) {
                  const x = b + k;
                  r = x <= MAX && x >= MIN ? x : undefined;
                } else if (bop === Op.MUL) {
                  const x = b * k;
                  r = x <= MAX && x >= MIN ? x + 0 : undefined;
                } else r = binSmall(bop, b, k);
                if (r !== undefined) {
                  stack[sp] = a;
                  stack[sp + 1] = r;
                  sp += 2;
                  pc += 7;
                  continue;
                }
              }
              break;
            }
            case Form.OPRET: {
              // BIN; RETURN from a private call (depth > 0)
              const a = stack[sp - 2];
              const b = stack[sp - 1];
              if (depth > 0 && typeof a === 'number' && typeof b === 'number') {
                const bop = BIN_OPS[op & 31];
                let r: Value | undefined;
                if (bop === Op.ADD || bop === Op.INPLACE_ADD) {
                  const x = a + b;
                  r = x <= MAX && x >= MIN ? x : undefined;
                } else r = binSmall(bop, a, b);
                if (r !== undefined) {
                  depth--;
                  sp = bp;
                  stack[sp++] = r;
                  fi = frameFn[depth];
                  pc = framePc[depth];
                  bp = frameBp[depth];
                  code = frameCode[depth];
                  continue;
                }
              }
              break;
            }
            case Form.FIST:
            case Form.JFIST: {
              // [JUMP t;] t: FOR_ITER l e; STORE x over a list, tuple or bytes
              const t = form === Form.FIST ? pc : code[pc + 1];
              const at = bp + code[t + 1];
              const src = stack[at] as Value[] | Uint8Array;
              const i = stack[at + 1] as number;
              // only loop state ITER_INIT made (IR is untrusted); anything else takes the checked path
              if (stack[at + 2] === null && typeof i === 'number' && (Array.isArray(src) || src instanceof Uint8Array)) {
                if (i < src.length) {
                  const v = src[i];
                  stack[at + 1] = i + 1; // before the STORE, as the original order
                  stack[bp + code[t + 4]] = v;
                  pc = t + 5;
                } else {
                  gas += S_COST; // the STORE does not run
                  pc = code[t + 2];
                }
                continue;
              }
              break;
            }
            case Form.JLLCMPJF: {
              const t = code[pc + 1];
              const a = stack[bp + code[t + 1]];
              const b = stack[bp + code[t + 3]];
              if (typeof a === 'number' && typeof b === 'number') {
                pc = cmpSmall(code[t + 4], a, b) ? t + 7 : code[t + 6];
                continue;
              }
              break;
            }
            case Form.JLKCMPJF: {
              const t = code[pc + 1];
              const a = stack[bp + code[t + 1]];
              if (typeof a === 'number') {
                pc = cmpSmall(code[t + 4], a, consts[code[t + 3]] as number) ? t + 7 : code[t + 6];
                continue;
              }
              break;
            }
            case Form.LLOP: {
              const a = stack[bp + code[pc + 1]];
              const b = stack[bp + code[pc + 3]];
              if (typeof a === 'number' && typeof b === 'number') {
                const bop = code[pc + 4];
                // the commonest operators inline (a call here is not inlined by the JIT)
                let r: Value | undefined;
                if (bop === Op.ADD || bop === Op.INPLACE_ADD) {
                  const x = a + b;
                  r = x <= MAX && x >= MIN ? x : undefined;
                } else if (bop === Op.SUB) {
                  const x = a - b;
                  r = x <= MAX && x >= MIN ? x : undefined;
                } else if (bop === Op.MUL) {
                  const x = a * b; // inexact only beyond 2^53, which the range check refuses
                  r = x <= MAX && x >= MIN ? x + 0 : undefined;
                } else if (bop === Op.MOD && (a | 0) === a && (b | 0) === b && b > 0) {
                  let x = (a % b) | 0;
                  if (x < 0) x += b;
                  r = x;
                } else if (bop === Op.LT) r = a < b;
                else r = binSmall(bop, a, b);
                if (r !== undefined) {
                  stack[sp++] = r;
                  pc += 5;
                  continue;
                }
              }
              break;
            }
            case Form.LKOP: {
              const a = stack[bp + code[pc + 1]];
              if (typeof a === 'number') {
                const b = consts[code[pc + 3]] as number;
                const bop = code[pc + 4];
                // the commonest operators inline (a call here is not inlined by the JIT)
                let r: Value | undefined;
                if (bop === Op.ADD || bop === Op.INPLACE_ADD) {
                  const x = a + b;
                  r = x <= MAX && x >= MIN ? x : undefined;
                } else if (bop === Op.SUB) {
                  const x = a - b;
                  r = x <= MAX && x >= MIN ? x : undefined;
                } else if (bop === Op.MUL) {
                  const x = a * b; // inexact only beyond 2^53, which the range check refuses
                  r = x <= MAX && x >= MIN ? x + 0 : undefined;
                } else if (bop === Op.MOD && (a | 0) === a && (b | 0) === b && b > 0) {
                  let x = (a % b) | 0;
                  if (x < 0) x += b;
                  r = x;
                } else if (bop === Op.LT) r = a < b;
                else r = binSmall(bop, a, b);
                if (r !== undefined) {
                  stack[sp++] = r;
                  pc += 5;
                  continue;
                }
              }
              break;
            }
            case Form.KOP: {
              const a = stack[sp - 1];
              if (typeof a === 'number') {
                const b = consts[code[pc + 1]] as number;
                const bop = code[pc + 2];
                // the commonest operators inline (a call here is not inlined by the JIT)
                let r: Value | undefined;
                if (bop === Op.ADD || bop === Op.INPLACE_ADD) {
                  const x = a + b;
                  r = x <= MAX && x >= MIN ? x : undefined;
                } else if (bop === Op.SUB) {
                  const x = a - b;
                  r = x <= MAX && x >= MIN ? x : undefined;
                } else if (bop === Op.MUL) {
                  const x = a * b; // inexact only beyond 2^53, which the range check refuses
                  r = x <= MAX && x >= MIN ? x + 0 : undefined;
                } else if (bop === Op.MOD && (a | 0) === a && (b | 0) === b && b > 0) {
                  let x = (a % b) | 0;
                  if (x < 0) x += b;
                  r = x;
                } else if (bop === Op.LT) r = a < b;
                else r = binSmall(bop, a, b);
                if (r !== undefined) {
                  stack[sp - 1] = r;
                  pc += 3;
                  continue;
                }
              }
              break;
            }
            case Form.LOP: {
              const a = stack[sp - 1];
              const b = stack[bp + code[pc + 1]];
              if (typeof a === 'number' && typeof b === 'number') {
                const bop = code[pc + 2];
                // the commonest operators inline (a call here is not inlined by the JIT)
                let r: Value | undefined;
                if (bop === Op.ADD || bop === Op.INPLACE_ADD) {
                  const x = a + b;
                  r = x <= MAX && x >= MIN ? x : undefined;
                } else if (bop === Op.SUB) {
                  const x = a - b;
                  r = x <= MAX && x >= MIN ? x : undefined;
                } else if (bop === Op.MUL) {
                  const x = a * b; // inexact only beyond 2^53, which the range check refuses
                  r = x <= MAX && x >= MIN ? x + 0 : undefined;
                } else if (bop === Op.MOD && (a | 0) === a && (b | 0) === b && b > 0) {
                  let x = (a % b) | 0;
                  if (x < 0) x += b;
                  r = x;
                } else if (bop === Op.LT) r = a < b;
                else r = binSmall(bop, a, b);
                if (r !== undefined) {
                  stack[sp - 1] = r;
                  pc += 3;
                  continue;
                }
              }
              break;
            }
            case Form.OPST: {
              const a = stack[sp - 2];
              const b = stack[sp - 1];
              if (typeof a === 'number' && typeof b === 'number') {
                const bop = BIN_OPS[op & 31];
                // the commonest operators inline (a call here is not inlined by the JIT)
                let r: Value | undefined;
                if (bop === Op.ADD || bop === Op.INPLACE_ADD) {
                  const x = a + b;
                  r = x <= MAX && x >= MIN ? x : undefined;
                } else if (bop === Op.SUB) {
                  const x = a - b;
                  r = x <= MAX && x >= MIN ? x : undefined;
                } else if (bop === Op.MUL) {
                  const x = a * b; // inexact only beyond 2^53, which the range check refuses
                  r = x <= MAX && x >= MIN ? x + 0 : undefined;
                } else if (bop === Op.MOD && (a | 0) === a && (b | 0) === b && b > 0) {
                  let x = (a % b) | 0;
                  if (x < 0) x += b;
                  r = x;
                } else if (bop === Op.LT) r = a < b;
                else r = binSmall(bop, a, b);
                if (r !== undefined) {
                  stack[bp + code[pc + 2]] = r;
                  sp -= 2;
                  pc += 3;
                  continue;
                }
              }
              break;
            }
            case Form.CMPJF: {
              const a = stack[sp - 2];
              const b = stack[sp - 1];
              if (typeof a === 'number' && typeof b === 'number') {
                sp -= 2;
                pc = cmpSmall(BIN_OPS[op & 31], a, b) ? pc + 3 : code[pc + 2];
                continue;
              }
              break;
            }
            case Form.LLCMPJF: {
              const a = stack[bp + code[pc + 1]];
              const b = stack[bp + code[pc + 3]];
              if (typeof a === 'number' && typeof b === 'number') {
                pc = cmpSmall(code[pc + 4], a, b) ? pc + 7 : code[pc + 6];
                continue;
              }
              break;
            }
            case Form.LKCMPJF: {
              const a = stack[bp + code[pc + 1]];
              if (typeof a === 'number') {
                pc = cmpSmall(code[pc + 4], a, consts[code[pc + 3]] as number) ? pc + 7 : code[pc + 6];
                continue;
              }
              break;
            }
            case Form.KKPOW: {
              // a power of two constants (runtime/fold.ts): its limb gas and memory count as
              // POW's; a shortfall of either, or an error, leaves it to the original code
              const f = foldedPow(consts[code[pc + 1]], consts[code[pc + 3]], m.limits.max_int_bits);
              if (f !== undefined && gas >= f.charge) {
                const add = typeof f.value === 'bigint' ? m.bigIntBytes : 0;
                if (m.mem + add <= memCap) {
                  gas -= f.charge;
                  m.mem += add;
                  stack[sp++] = f.value;
                  pc += 5;
                  continue;
                }
              }
              break;
            }
            default:
              throw new VmError('InvalidOpcode', `opcode ${op} is not executable`);
          }
          // unfuse: give the fused charge back; the loop head runs the original instruction
          // (code[pc] is op, or after LLCALLK the callee's first instruction)
          stash = gas + COST[code[pc]];
          gas = -1;
          break;
        }
      }
    }
  } catch (e) {
    // a slow path (stdlib, builtin, slice) may have charged its dynamic cost into m.gas
    // before throwing; an error raised in the loop itself leaves m.gas stale (higher)
    const left = Math.min(gas + reserve, m.gas);
    m.gas = left < 0 ? 0 : left;
    m.errFn = fi;
    m.errPc = pc;
    // the call stack, outermost first, for a traceback: each caller at its call instruction
    // (one before the return offset), then the failing instruction
    const frames: number[] = [];
    for (let d = 0; d < depth; d++) frames.push(frameFn[d], framePc[d] - 1);
    frames.push(fi, pc);
    m.errFrames = frames;
    throw e;
  }
}

function invalidProgram(msg: string): VmError {
  return new VmError('InvalidProgram', msg);
}

function isIntLike(v: Value): boolean {
  return typeof v === 'number' || typeof v === 'bigint';
}

/**
 * A binary operator on two small ints when the result is a small int or a bool; undefined
 * when the exact slow path must decide (overflow, division by zero, shifts, wide bit ops).
 */
function binSmall(op: number, a: number, b: number): Value | undefined {
  switch (op) {
    case Op.ADD:
    case Op.INPLACE_ADD: {
      const r = a + b;
      return r <= MAX && r >= MIN ? r : undefined;
    }
    case Op.SUB: {
      const r = a - b;
      return r <= MAX && r >= MIN ? r : undefined;
    }
    case Op.MUL: {
      const r = a * b;
      return r <= MAX && r >= MIN ? r + 0 : undefined;
    }
    case Op.FLOORDIV:
    case Op.MOD: {
      if (b === 0) return undefined;
      if ((a | 0) === a && (b | 0) === b && b !== -1) {
        let r = (a % b) | 0;
        if (r !== 0 && (r ^ b) < 0) r += b;
        return op === Op.MOD ? r : ((a - r) / b) | 0;
      }
      let r = a % b;
      if (r !== 0 && (r < 0) !== (b < 0)) r += b;
      if (op === Op.MOD) return r + 0;
      const t = a - r; // past 2**53 the subtraction may round: let the exact path decide
      return t <= MAX && t >= MIN ? t / b + 0 : undefined;
    }
    case Op.BITAND:
      return (a | 0) === a && (b | 0) === b ? a & b : undefined;
    case Op.BITOR:
      return (a | 0) === a && (b | 0) === b ? a | b : undefined;
    case Op.BITXOR:
      return (a | 0) === a && (b | 0) === b ? a ^ b : undefined;
    case Op.RSHIFT:
      return (a | 0) === a && b >= 0 && b < 32 ? a >> b : undefined;
    case Op.LT:
      return a < b;
    case Op.LE:
      return a <= b;
    case Op.GT:
      return a > b;
    case Op.GE:
      return a >= b;
    case Op.EQ:
      return a === b;
    case Op.NE:
      return a !== b;
  }
  return undefined;
}

function cmpSmall(op: number, a: number, b: number): boolean {
  switch (op) {
    case Op.LT:
      return a < b;
    case Op.LE:
      return a <= b;
    case Op.GT:
      return a > b;
    case Op.GE:
      return a >= b;
    case Op.EQ:
      return a === b;
    default:
      return a !== b;
  }
}

function reasonText(v: Value): string {
  if (v === null) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'number' || typeof v === 'bigint') return v.toString();
  return `<${Array.isArray(v) ? 'list' : v instanceof PyTuple ? 'tuple' : v instanceof PyDict ? 'dict' : 'value'}>`;
}
