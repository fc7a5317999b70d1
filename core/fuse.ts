// Superinstructions: an internal, load-time representation only. The IR, its encoding and
// the YAML are unchanged; the tracer always runs the original code.
//
// Layout ("overlay"): the fused code of a function is a copy of its original Int32Array
// code in which only the first slot of a fused run of instructions is overwritten by a
// fused opcode. Every constituent keeps its operands (and, after the first, its opcode) at
// its original offset, so a fused instruction reads its operands from there, jump targets
// and error offsets are unchanged, and a fused instruction that meets anything but its
// small-int fast path can fall back to the original first instruction ("unfuse") and let
// the rest run one by one. A fused opcode costs the sum of its constituents' base costs;
// when that is more than the gas left, the interpreter runs the original instruction
// instead, so OOG happens at exactly the instruction per-instruction charging gives.
// Runs never extend across a jump target: a fused instruction is only entered at its start.
import { BASE_COST, FUSE_BINOPS, FUSE_COMPARES, METHOD_BY_NAME, Op, OP_BY_CODE } from '../spec/table.js';
import type { Value } from './values.js';

/** Binary operators a fused instruction can carry (index = position in this list): the table's `fuse` entries. */
export const BIN_OPS: readonly number[] = FUSE_BINOPS;
const CMP_OPS: readonly number[] = FUSE_COMPARES;
if (BIN_OPS.length > 32) throw new Error('fuse: a fused opcode holds its operator in 5 bits');
const BIN_INDEX = new Int32Array(256).fill(-1);
BIN_OPS.forEach((o, i) => (BIN_INDEX[o] = i));

export const FUSED_BASE = 0x100;
/** Fused instruction forms; the opcode is FUSED_BASE + form * 32 + binop index. */
export const enum Form {
  /** LOAD a; LOAD b; BIN */
  LLOP = 0,
  /** LOAD a; CONST k; BIN (k a small int) */
  LKOP = 1,
  /** CONST k; BIN */
  KOP = 2,
  /** LOAD a; BIN */
  LOP = 3,
  /** BIN; STORE x */
  OPST = 4,
  /** CMP; JUMP_IF_FALSE t */
  CMPJF = 5,
  /** LOAD a; LOAD b; CMP; JUMP_IF_FALSE t */
  LLCMPJF = 6,
  /** LOAD a; CONST k; CMP; JUMP_IF_FALSE t */
  LKCMPJF = 7,
  /** LOAD a; LOAD b */
  LL = 8,
  /** LOAD a; CONST k */
  LC = 9,
  /** STORE x; LOAD y */
  STLD = 10,
  /** FOR_RANGE l t; STORE x */
  FRST = 11,
  /** JUMP t, where t starts FRST (a for-range loop's back edge) */
  JFRST = 12,
  /** JUMP t, where t starts LLCMPJF (a while loop's back edge) */
  JLLCMPJF = 13,
  /** JUMP t, where t starts LKCMPJF */
  JLKCMPJF = 14,
  /** STORE x; JUMP t, where t starts FRST */
  STJFRST = 15,
  /** BIN; STORE x; JUMP t, where t starts FRST */
  OPSTJFRST = 16,
  /** LOAD a; LOAD b; BIN; RETURN */
  LLOPRET = 17,
  /** LOAD a; LOAD b; CALL f */
  LLCALL = 18,
  /** FOR_ITER l t; STORE x (list, tuple or bytes; dict views unfuse) */
  FIST = 19,
  /** JUMP t, where t starts FIST */
  JFIST = 20,
  /** LOAD l; LOAD v; CALL_METHOD append 1; POP (the statement `l.append(v)`) */
  APPEND = 21,
  /** LOAD a; LOAD b; BIN; STORE x */
  LLOPST = 22,
  /** LOAD a; LOAD b; CONST k; BIN (pushes a, then b BIN k; k a small int) */
  LLKOP = 23,
  /** BIN; RETURN */
  OPRET = 24,
  /** APPEND, then JUMP t, where t starts FRST */
  APPJFRST = 25,
  /** LLOPST, then JUMP t, where t starts FIST */
  LLOPSTJFIST = 26,
  /** LLCALL of a function whose code starts with LLKOP: the call, then that LLKOP */
  LLCALLK = 27,
  /** CALL_METHOD append 1; POP (`l.append(expr)`: list and value on the stack) */
  APPOP = 28,
  /** LLCALL of a two-parameter function whose code is LLOPRET on its parameters: inlined */
  LLCALLR = 29,
  /** CONST a; CONST b; POW (int constants: the power comes from a cache, runtime/fold.ts) */
  KKPOW = 30,
}
export const NFORMS = 31;

/** The method id of list.append and its gas table base (charged by the method wrapper). */
const APPEND_INFO = METHOD_BY_NAME.get('append')!;

export function fusedOp(form: number, bin = 0): number {
  return FUSED_BASE + form * 32 + bin;
}

/** Base cost per opcode, fused ones included (sum of their constituents). */
export const FCOST: Int32Array = (() => {
  const a = new Int32Array(FUSED_BASE + NFORMS * 32);
  a.set(BASE_COST);
  const L = BASE_COST[Op.LOAD];
  const K = BASE_COST[Op.CONST];
  const S = BASE_COST[Op.STORE];
  const J = BASE_COST[Op.JUMP_IF_FALSE];
  BIN_OPS.forEach((o, i) => {
    const b = BASE_COST[o];
    a[fusedOp(Form.LLOP, i)] = L + L + b;
    a[fusedOp(Form.LKOP, i)] = L + K + b;
    a[fusedOp(Form.KOP, i)] = K + b;
    a[fusedOp(Form.LOP, i)] = L + b;
    a[fusedOp(Form.OPST, i)] = b + S;
    a[fusedOp(Form.LLOPRET, i)] = L + L + b + BASE_COST[Op.RETURN];
    a[fusedOp(Form.LLOPST, i)] = L + L + b + S;
    a[fusedOp(Form.LLOPSTJFIST, i)] = L + L + b + S + BASE_COST[Op.JUMP] + BASE_COST[Op.FOR_ITER] + S;
    a[fusedOp(Form.LLKOP, i)] = L + L + K + b;
    a[fusedOp(Form.LLCALLK, i)] = L + L + BASE_COST[Op.CALL] + L + L + K + b;
    a[fusedOp(Form.LLCALLR, i)] = L + L + BASE_COST[Op.CALL] + L + L + b + BASE_COST[Op.RETURN];
    a[fusedOp(Form.OPRET, i)] = b + BASE_COST[Op.RETURN];
    a[fusedOp(Form.OPSTJFRST, i)] = b + S + BASE_COST[Op.JUMP] + BASE_COST[Op.FOR_RANGE] + S;
    a[fusedOp(Form.CMPJF, i)] = b + J;
    a[fusedOp(Form.LLCMPJF, i)] = L + L + b + J;
    a[fusedOp(Form.LKCMPJF, i)] = L + K + b + J;
    a[fusedOp(Form.JLLCMPJF, i)] = BASE_COST[Op.JUMP] + L + L + b + J;
    a[fusedOp(Form.JLKCMPJF, i)] = BASE_COST[Op.JUMP] + L + K + b + J;
  });
  a[fusedOp(Form.LL)] = L + L;
  a[fusedOp(Form.LC)] = L + K;
  a[fusedOp(Form.STLD)] = S + L;
  a[fusedOp(Form.FRST)] = BASE_COST[Op.FOR_RANGE] + S;
  a[fusedOp(Form.LLCALL)] = L + L + BASE_COST[Op.CALL];
  // the method's base is part of the fused cost: the fast path has no error between the
  // charges, so charging them together is exact (anything else unfuses)
  a[fusedOp(Form.APPEND)] = L + L + BASE_COST[Op.CALL_METHOD] + APPEND_INFO.base + BASE_COST[Op.POP];
  a[fusedOp(Form.APPOP)] = BASE_COST[Op.CALL_METHOD] + APPEND_INFO.base + BASE_COST[Op.POP];
  a[fusedOp(Form.APPJFRST)] = a[fusedOp(Form.APPEND)] + BASE_COST[Op.JUMP] + BASE_COST[Op.FOR_RANGE] + S;
  a[fusedOp(Form.FIST)] = BASE_COST[Op.FOR_ITER] + S;
  a[fusedOp(Form.JFIST)] = BASE_COST[Op.JUMP] + BASE_COST[Op.FOR_ITER] + S;
  a[fusedOp(Form.JFRST)] = BASE_COST[Op.JUMP] + BASE_COST[Op.FOR_RANGE] + S;
  a[fusedOp(Form.STJFRST)] = S + BASE_COST[Op.JUMP] + BASE_COST[Op.FOR_RANGE] + S;
  a[fusedOp(Form.KKPOW)] = K + K + BASE_COST[Op.POW];
  return a;
})();

/**
 * Fused copy of `code`. `starts` are the instruction offsets in order, `ops` their opcodes;
 * `isLeader[offset]` marks jump targets; `consts` are the constant values.
 */
export function fuse(code: Int32Array, starts: Int32Array, isLeader: Uint8Array, consts: readonly Value[]): Int32Array {
  const out = code.slice();
  const n = starts.length;
  const opAt = (i: number): number => (i < n ? code[starts[i]] : -1);
  // instruction i can join a run started before it
  const joins = (i: number): boolean => i < n && isLeader[starts[i]] === 0;
  const smallConst = (i: number): boolean => typeof consts[code[starts[i] + 1]] === 'number';
  const intConst = (i: number): boolean => i < n && opAt(i) === Op.CONST && (smallConst(i) || typeof consts[code[starts[i] + 1]] === 'bigint');
  // instruction i starts CONST a; CONST b; POW (Form.KKPOW)
  const kkpow = (i: number): boolean => intConst(i) && joins(i + 1) && intConst(i + 1) && joins(i + 2) && opAt(i + 2) === Op.POW;
  const isBin = (i: number): boolean => i < n && BIN_INDEX[opAt(i)] >= 0;
  const isCmp = (i: number): boolean => i < n && CMP_OPS.includes(opAt(i));
  const isAppend = (i: number): boolean => opAt(i) === Op.CALL_METHOD && code[starts[i] + 1] === APPEND_INFO.id && code[starts[i] + 2] === 1;
  // instruction j is a back edge to a loop head (already fused to `head`) whose loop state
  // slots do not include local x (x = -1: the run stores nothing)
  const backTo = (j: number, x: number, head: number): boolean => {
    if (!joins(j) || opAt(j) !== Op.JUMP) return false;
    const t = code[starts[j] + 1];
    if (!(t < starts[j] && out[t] === fusedOp(head))) return false;
    const base = code[t + 1];
    return x < base || x >= base + OP_BY_CODE[code[t]]!.slots;
  };
  const backToFrst = (j: number, x: number): boolean => backTo(j, x, Form.FRST);
  let i = 0;
  while (i < n) {
    const at = starts[i];
    const op = opAt(i);
    let form = -1;
    let bin = 0;
    let len = 1;
    if (op === Op.LOAD) {
      const op1 = opAt(i + 1);
      if (joins(i + 1) && op1 === Op.LOAD) {
        if (joins(i + 2) && isCmp(i + 2) && joins(i + 3) && opAt(i + 3) === Op.JUMP_IF_FALSE) {
          form = Form.LLCMPJF;
          bin = BIN_INDEX[opAt(i + 2)];
          len = 4;
        } else if (joins(i + 2) && isBin(i + 2) && joins(i + 3) && opAt(i + 3) === Op.RETURN) {
          form = Form.LLOPRET;
          bin = BIN_INDEX[opAt(i + 2)];
          len = 4;
        } else if (joins(i + 2) && opAt(i + 2) === Op.CALL) {
          form = Form.LLCALL;
          len = 3;
        } else if (joins(i + 2) && isAppend(i + 2) && joins(i + 3) && opAt(i + 3) === Op.POP) {
          const j = backToFrst(i + 4, -1);
          form = j ? Form.APPJFRST : Form.APPEND;
          len = j ? 5 : 4;
        } else if (joins(i + 2) && isBin(i + 2) && joins(i + 3) && opAt(i + 3) === Op.STORE) {
          const j = backTo(i + 4, code[starts[i + 3] + 1], Form.FIST);
          form = j ? Form.LLOPSTJFIST : Form.LLOPST;
          bin = BIN_INDEX[opAt(i + 2)];
          len = j ? 5 : 4;
        } else if (joins(i + 2) && isBin(i + 2)) {
          form = Form.LLOP;
          bin = BIN_INDEX[opAt(i + 2)];
          len = 3;
        } else if (joins(i + 2) && opAt(i + 2) === Op.CONST && smallConst(i + 2) && joins(i + 3) && isBin(i + 3)) {
          form = Form.LLKOP;
          bin = BIN_INDEX[opAt(i + 3)];
          len = 4;
        } else {
          form = Form.LL;
          len = 2;
        }
      } else if (joins(i + 1) && op1 === Op.CONST && kkpow(i + 1)) {
        // LOAD x; CONST 2; CONST 256; POW (`x % 2**256`): the constant power folds, so the
        // LOAD stays alone rather than take the CONST into a LC
      } else if (joins(i + 1) && op1 === Op.CONST) {
        if (smallConst(i + 1) && joins(i + 2) && isCmp(i + 2) && joins(i + 3) && opAt(i + 3) === Op.JUMP_IF_FALSE) {
          form = Form.LKCMPJF;
          bin = BIN_INDEX[opAt(i + 2)];
          len = 4;
        } else if (smallConst(i + 1) && joins(i + 2) && isBin(i + 2)) {
          form = Form.LKOP;
          bin = BIN_INDEX[opAt(i + 2)];
          len = 3;
        } else {
          form = Form.LC;
          len = 2;
        }
      } else if (joins(i + 1) && isBin(i + 1)) {
        form = Form.LOP;
        bin = BIN_INDEX[op1];
        len = 2;
      }
    } else if (op === Op.CONST) {
      if (kkpow(i)) {
        form = Form.KKPOW;
        len = 3;
      } else if (smallConst(i) && joins(i + 1) && isBin(i + 1)) {
        form = Form.KOP;
        bin = BIN_INDEX[opAt(i + 1)];
        len = 2;
      }
    } else if (BIN_INDEX[op] >= 0) {
      if (joins(i + 1) && opAt(i + 1) === Op.STORE && backToFrst(i + 2, code[starts[i + 1] + 1])) {
        form = Form.OPSTJFRST;
        bin = BIN_INDEX[op];
        len = 3;
      } else if (joins(i + 1) && opAt(i + 1) === Op.RETURN) {
        form = Form.OPRET;
        bin = BIN_INDEX[op];
        len = 2;
      } else if (CMP_OPS.includes(op) && joins(i + 1) && opAt(i + 1) === Op.JUMP_IF_FALSE) {
        form = Form.CMPJF;
        bin = BIN_INDEX[op];
        len = 2;
      } else if (joins(i + 1) && opAt(i + 1) === Op.STORE) {
        form = Form.OPST;
        bin = BIN_INDEX[op];
        len = 2;
      }
    } else if (op === Op.STORE) {
      if (backToFrst(i + 1, code[at + 1])) {
        form = Form.STJFRST;
        len = 2;
      } else if (
        joins(i + 1) &&
        opAt(i + 1) === Op.LOAD &&
        !(joins(i + 2) && opAt(i + 2) === Op.LOAD && joins(i + 3) && (isAppend(i + 3) || opAt(i + 3) === Op.CALL))
      ) {
        // (a LOAD that starts `l.append(v)` or a two-argument call is left to APPEND or
        // LLCALL, which save more)
        form = Form.STLD;
        len = 2;
      }
    } else if (op === Op.JUMP) {
      // back edges: the loop head before us is already fused; run it in the same dispatch
      const t = code[at + 1];
      const head = t < at ? out[t] : -1;
      if (head === fusedOp(Form.FRST)) form = Form.JFRST;
      else if (head === fusedOp(Form.FIST)) form = Form.JFIST;
      else if (head >= fusedOp(Form.LLCMPJF) && head < fusedOp(Form.LLCMPJF) + 32) {
        form = Form.JLLCMPJF;
        bin = head - fusedOp(Form.LLCMPJF);
      } else if (head >= fusedOp(Form.LKCMPJF) && head < fusedOp(Form.LKCMPJF) + 32) {
        form = Form.JLKCMPJF;
        bin = head - fusedOp(Form.LKCMPJF);
      }
    } else if (op === Op.CALL_METHOD) {
      if (isAppend(i) && joins(i + 1) && opAt(i + 1) === Op.POP) {
        form = Form.APPOP;
        len = 2;
      }
    } else if (op === Op.FOR_ITER) {
      if (joins(i + 1) && opAt(i + 1) === Op.STORE) {
        form = Form.FIST;
        len = 2;
      }
    } else if (op === Op.FOR_RANGE) {
      if (joins(i + 1) && opAt(i + 1) === Op.STORE) {
        form = Form.FRST;
        len = 2;
      }
    }
    if (form >= 0) out[at] = fusedOp(form, bin);
    i += len;
  }
  return out;
}

/**
 * Second pass, over all functions of a module once each is fused: a LLCALL whose callee's
 * code starts with LLKOP becomes LLCALLK, which runs the callee's first instruction in the
 * same dispatch (its fused cost includes it; if that LLKOP takes its slow path, only its own
 * cost is given back and it runs unfused). A LLCALL of `return x op y` becomes LLCALLR,
 * which computes the result without a frame (anything but the small-int path unfuses).
 */
export function fuseCalls(funcs: readonly { code: Int32Array; fast: Int32Array; offsets: Int32Array; nparams: number; frameCharge: number }[]): void {
  const llcall = fusedOp(Form.LLCALL);
  const llkop = fusedOp(Form.LLKOP);
  const llopret = fusedOp(Form.LLOPRET);
  for (const f of funcs) {
    for (const o of f.offsets) {
      if (f.fast[o] !== llcall) continue;
      const g = funcs[f.fast[o + 5]];
      // a call that pays for its frame's slots takes the plain CALL, which charges them (as the
      // compiling tier does): the fused forms enter frames without it
      if (g.frameCharge !== 0) {
        f.fast[o] = f.code[o];
        continue;
      }
      const entry = g.fast[0];
      if (entry >= llkop && entry < llkop + 32) f.fast[o] = fusedOp(Form.LLCALLK, entry - llkop);
      // `return x op y` on its two parameters: the call needs no frame when the op is small
      else if (entry >= llopret && entry < llopret + 32 && g.nparams === 2 && g.fast[1] < 2 && g.fast[3] < 2) {
        f.fast[o] = fusedOp(Form.LLCALLR, entry - llopret);
      }
    }
  }
}
