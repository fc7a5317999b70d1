// JavaScript source for one function of a loaded module. Locals and operand stack slots
// become JS variables (l0.., s0..), written back to the machine's stack only where it is
// read: before a private call (the callee's memory walk sees every frame), before a stdlib,
// builtin or method call (they read their arguments there) and before a memory walk.
// The text is made only of fixed templates, numbers the compiler computed and indexes:
// nothing from the contract (names, strings, constants other than safe integers) is spliced.
//
// Gas: a block whose base cost the gas left covers is charged once at its entry ("fast"
// code). An instruction that can charge more (a slow path, a call) first gives back the
// base cost of the block's later instructions (R), so it sees the gas the interpreter
// would; if afterwards that rest is no longer covered, the interpreter takes the frame over
// from the next instruction (its locals and operands written back to the stack), charging
// each instruction before it runs. A block the gas left does not cover is handed over from
// its start. Either way the call cannot get past the end of that block (its base cost is
// not covered), so the hand-over only decides where it stops: at the same instruction, with
// the same gas, as the interpreter, because it is the interpreter.
import { Op, OP_BY_CODE, OPCODES } from '../../spec/table.js';
import { OP_PRICE } from '../pricing.js';
import { seqBytes } from '../memory.js';
import type { LoadedModule } from '../load.js';
import type { Cfg } from './cfg.js';
import { safeLoads } from './defined.js';
import { frameEstimate } from './frame_budget.js';

const MAX = '9007199254740991';
/**
 * frames with more locals than this keep them in the stack array: every private call writes
 * the locals kept in variables back first, so a frame that calls keeps fewer in variables
 */
const LOCALS_IN_VARS = 24;
const LOCALS_IN_VARS_NO_CALLS = 80;
/**
 * Gas left is gas + reserve: the counter the code decrements stays a small integer (below
 * 2^29), as in the interpreter (a double counter is boxed in V8 and slows every block);
 * it is topped up from reserve when it does not cover a block. Elsewhere it may go below
 * zero while reserve covers it: gas + reserve < 0 is what runs out.
 */
const GAS_CHUNK = 1 << 29;
const REFILL = `if (reserve > 0) { gt = gas + reserve; reserve = gt > ${GAS_CHUNK} ? gt - ${GAS_CHUNK} : 0; gas = (gt - reserve) | 0; }`;
/** join blocks of at most this many instructions are copied to each place that jumps to them ... */
const INLINE_BLOCK = 6;
/** ... up to this many instructions per chain */
const INLINE_BUDGET = 12;
const MIN = '-9007199254740991';

const BIN_SYM: Record<number, string> = {
  [Op.ADD]: '+',
  [Op.INPLACE_ADD]: '+',
  [Op.SUB]: '-',
  [Op.MUL]: '*',
};
const CMP_SYM: Record<number, string> = { [Op.LT]: '<', [Op.LE]: '<=', [Op.GT]: '>', [Op.GE]: '>=' };

export interface FuncInfo {
  nparams: number;
  nlocals: number;
  maxStack: number;
}

/**
 * Opcodes of the table the tier leaves to the interpreter (none today): a function holding one
 * runs interpreted. Every other opcode has a template in genFunction (tests/jit_opcodes.test.ts);
 * an opcode added to the table without one is refused when met (NoTemplate), so it too runs
 * in the interpreter.
 */
const EXCLUDED: ReadonlySet<number> = new Set<number>([]);

/** Opcodes the tier compiles: the opcode table less EXCLUDED. */
export const SUPPORTED: ReadonlySet<number> = new Set<number>(OPCODES.map((o) => o.code).filter((c) => !EXCLUDED.has(c)));

/** An opcode with no template: the function is not compiled. */
class NoTemplate extends Error {}

/** Generated code of one function: the body of `function (m, bp, depth, budget)` and the native stack one frame of it may take. */
export interface GenResult {
  body: string;
  frame: number;
}

/** The code for function `fi`; null when the tier does not compile it. */
export function genFunction(mod: LoadedModule, fi: number, cfg: Cfg, info: readonly FuncInfo[], stdArity: Int32Array, inline = true): GenResult | null {
  try {
    return genBody(mod, fi, cfg, info, stdArity, inline);
  } catch (e) {
    if (e instanceof NoTemplate) return null;
    throw e;
  }
}

function genBody(mod: LoadedModule, fi: number, cfg: Cfg, info: readonly FuncInfo[], stdArity: Int32Array, inline: boolean): GenResult | null {
  const fn = info[fi];
  const nl = fn.nlocals;
  const { instrs, blocks } = cfg;
  const NB = blocks.length;
  for (const ins of instrs) {
    if (!SUPPORTED.has(ins.op)) return null;
    // local operands must name slots of this frame (the verifier checks; the tier relies on it)
    if (ins.op === Op.LOAD || ins.op === Op.STORE || ins.op === Op.LIST_APPEND) {
      if (ins.args[0] < 0 || ins.args[0] >= nl) return null;
    }
    if (ins.op === Op.ITER_INIT || ins.op === Op.FOR_ITER || ins.op === Op.RANGE_INIT || ins.op === Op.FOR_RANGE) {
      if (ins.args[0] < 0 || ins.args[0] + 3 > nl) return null;
    }
  }
  const consts = mod.consts;
  const S = (p: number): string => `s${p}`;
  // a frame with many locals keeps them in the machine's stack (no write-back code at each
  // call and memory walk); otherwise in JS variables
  const inStack = nl > (instrs.some((ins) => ins.op === Op.CALL) ? LOCALS_IN_VARS : LOCALS_IN_VARS_NO_CALLS);
  const L = (i: number): string => (inStack ? `stack[bp + ${i}]` : `l${i}`);
  const at = (p: number): string => `bp + ${nl + p}`;
  const blockOf = (off: number): number => instrs[cfg.byOff[off]].block;
  /** the case that hands the frame to the interpreter at offset RS with Q operands */
  const RESUME = NB;
  const toResume = (i: number): string => `RS = ${instrs[i].off}; Q = ${instrs[i].height}; st = ${RESUME}; continue D;`;
  const safe = safeLoads(cfg, fn.nparams, nl);
  const constExpr = (k: number): string => {
    const v = consts[k];
    return typeof v === 'number' && Number.isSafeInteger(v) ? `(${String(v)})` : `K[${k}]`;
  };
  /** stack writes of locals and the operands below `top` (before a private call) */
  const flush = (top: number): string => {
    const w: string[] = [];
    if (!inStack) for (let i = 0; i < nl; i++) w.push(`stack[bp + ${i}] = ${L(i)};`);
    for (let p = 0; p < top; p++) w.push(`stack[${at(p)}] = ${S(p)};`);
    return w.join(' ');
  };
  /** locals and every operand variable as one call, for the rare memory walk (smaller code) */
  const sync = (top: number): string => {
    const vals: string[] = [];
    if (!inStack) for (let i = 0; i < nl; i++) vals.push(L(i));
    for (let p = 0; p < top; p++) vals.push(S(p));
    if (vals.length === 0) return '';
    return `H.sync(stack, ${inStack ? at(0) : 'bp'}, ${vals.join(', ')});`;
  };
  /** loop state a helper wrote into the stack, back into the JS variables */
  const reloadSlots = (s: number): string =>
    inStack ? '' : `${L(s)} = stack[bp + ${s}]; ${L(s + 1)} = stack[bp + ${s + 1}]; ${L(s + 2)} = stack[bp + ${s + 2}];`;
  const writeArgs = (from: number, to: number): string => {
    const w: string[] = [];
    for (let p = from; p < to; p++) w.push(`stack[${at(p)}] = ${S(p)};`);
    return w.join(' ');
  };

  const out: string[] = [];
  // base cost of the instructions after each one in its block
  const restCost = new Float64Array(instrs.length);
  for (const blk of blocks) {
    let r = 0;
    for (let i = blk.end - 1; i >= blk.first; i--) {
      restCost[i] = r;
      r += instrs[i].cost;
    }
  }

  // one instruction; R: base cost of the block's later instructions already charged
  const emit = (i: number, R: number, edge: (b: number) => string): string => {
    const ins = instrs[i];
    const d = ins.height;
    const off = ins.off;
    const a0 = ins.args[0];
    const G = R === 0 ? 'gas + reserve' : `gas + reserve + ${R}`;
    const spill = `P = ${off}; m.gas = ${G};`;
    const reload = R === 0 ? 'gas = m.gas - reserve;' : `gas = m.gas - reserve - ${R};`;
    // after a slow path that may have charged: the interpreter goes on from the next instruction when the rest is no longer covered
    const deopt = (): string => {
      if (R === 0) return '';
      return `if (gas < 0 && gas + reserve < 0) { gas += ${R}; ${toResume(i + 1)} }`;
    };
    const fail = (expr: string): string => `{ ${spill} throw ${expr}; }`;
    // the memory walk when the running count passed the cap, with `top` operands live: the
    // locals and those operands written back first, so it measures what the interpreter would
    // (the walk charges gas per reference it follows: the counter goes back and forth as
    // around any slow path, and the rest of the block may no longer be covered after it)
    // (a template whose walk is not followed by deopt() asks for it: walkEnd)
    const walk = (top: number): string => `{ P = ${off}; m.gas = ${G}; ${sync(top)} H.memCheck(m, ${at(top)}); ${reload} }`;
    const walkEnd = (top: number): string => `{ P = ${off}; m.gas = ${G}; ${sync(top)} H.memCheck(m, ${at(top)}); ${reload} ${deopt()} }`;
    const memChk = (top: number): string => `if (m.mem > memCap) ${walk(top)}`;
    // a big int result counts as H.arith counts it
    const bigCount = (top: number): string => `if (typeof r === 'bigint' && (m.mem += bigIntBytes) > memCap) ${walkEnd(top)}`;
    const nextBlock = (): string => (i + 1 < instrs.length ? edge(instrs[i + 1].block) : 'throw H.fellOff();');
    const op = ins.op;
    const binSlow = (o: number, target: string, a: string, b: string, mid: boolean, top: number): string =>
      `${spill} ${target} = H.${mid ? 'arith' : 'binarySlow'}(m, ${o}, ${a}, ${b}); ${reload} ${memChk(top)} ${deopt()}`;
    switch (op) {
      case Op.NOP:
        return '';
      case Op.CONST:
        return `${S(d)} = ${constExpr(a0)};`;
      case Op.POP:
        return '';
      case Op.DUP:
        return `${S(d)} = ${S(d - 1)};`;
      case Op.DUP2:
        return `${S(d)} = ${S(d - 2)}; ${S(d + 1)} = ${S(d - 1)};`;
      case Op.SWAP:
        return `t = ${S(d - 1)}; ${S(d - 1)} = ${S(d - 2)}; ${S(d - 2)} = t;`;
      case Op.ROT3:
        return `t = ${S(d - 1)}; ${S(d - 1)} = ${S(d - 2)}; ${S(d - 2)} = ${S(d - 3)}; ${S(d - 3)} = t;`;
      case Op.LOAD:
        return safe[i] ? `${S(d)} = ${L(a0)};` : `${S(d)} = ${L(a0)}; if (${S(d)} === undefined) ${fail('H.unbound()')}`;
      case Op.STORE:
        return `${L(a0)} = ${S(d - 1)};`;
      case Op.ADD:
      case Op.INPLACE_ADD:
      case Op.SUB:
      case Op.MUL: {
        const a = S(d - 2);
        const b = S(d - 1);
        const z = op === Op.MUL ? ' + 0' : '';
        const free = op === Op.MUL ? 'mulFree' : op === Op.SUB ? 'subFree' : 'addFree';
        return `if (typeof ${a} === 'number' && typeof ${b} === 'number' && (r = ${a} ${BIN_SYM[op]} ${b}) <= ${MAX} && r >= ${MIN}) ${a} = r${z};
          else if (midOK && (r = H.${free}(${a}, ${b})) !== undefined) { ${a} = r; ${bigCount(d - 1)} }
          else { ${binSlow(op, a, a, b, true, d - 1)} }`;
      }
      case Op.INPLACE_MUL: {
        const a = S(d - 2);
        const b = S(d - 1);
        return `if (typeof ${a} === 'number' && typeof ${b} === 'number' && (r = ${a} * ${b}) <= ${MAX} && r >= ${MIN}) ${a} = r + 0; else { ${spill} ${a} = H.inplaceMul(m, ${a}, ${b}); ${reload} ${memChk(d - 1)} ${deopt()} }`;
      }
      case Op.FLOORDIV:
      case Op.MOD: {
        const a = S(d - 2);
        const b = S(d - 1);
        const isMod = op === Op.MOD;
        return `x${i}: { if (typeof ${a} === 'number' && typeof ${b} === 'number' && ${b} !== 0) {
          if ((${a} | 0) === ${a} && (${b} | 0) === ${b} && ${b} !== -1) { r = (${a} % ${b}) | 0; if (r !== 0 && (r ^ ${b}) < 0) r += ${b}; ${a} = ${isMod ? 'r' : `((${a} - r) / ${b}) | 0`}; break x${i}; }
          r = ${a} % ${b}; if (r !== 0 && (r < 0) !== (${b} < 0)) r += ${b}; t = ${a} - r;
          if (t <= ${MAX} && t >= ${MIN}) { ${a} = ${isMod ? 'r + 0' : `t / ${b} + 0`}; break x${i}; } }
          if (midOK && (r = H.${isMod ? 'modFree' : 'divFree'}(${a}, ${b})) !== undefined) { ${a} = r; ${bigCount(d - 1)} break x${i}; }
          ${binSlow(op, a, a, b, true, d - 1)} }`;
      }
      case Op.BITAND:
      case Op.BITOR:
      case Op.BITXOR: {
        const a = S(d - 2);
        const b = S(d - 1);
        const sym = op === Op.BITAND ? '&' : op === Op.BITOR ? '|' : '^';
        return `if (typeof ${a} === 'number' && typeof ${b} === 'number' && (${a} | 0) === ${a} && (${b} | 0) === ${b}) ${a} = ${a} ${sym} ${b}; else { ${binSlow(op, a, a, b, true, d - 1)} }`;
      }
      case Op.RSHIFT: {
        const a = S(d - 2);
        const b = S(d - 1);
        return `if (typeof ${a} === 'number' && typeof ${b} === 'number' && (${a} | 0) === ${a} && ${b} >= 0 && ${b} < 32) ${a} = ${a} >> ${b}; else { ${binSlow(op, a, a, b, false, d - 1)} }`;
      }
      case Op.POW: {
        // CONST a; CONST b; POW in one block: the power comes from the interpreter's cache
        // (core/fold.ts), with the limb gas and memory the exact path would charge; a
        // shortfall of either takes the exact path, as the interpreter's fused form does
        const k1 = instrs[i - 2];
        const k2 = instrs[i - 1];
        const folds = i >= 2 && k1.op === Op.CONST && k2.op === Op.CONST && k1.block === ins.block && k2.block === ins.block;
        const slow = binSlow(op, S(d - 2), S(d - 2), S(d - 1), false, d - 1);
        if (!folds) return slow;
        return `if ((v = H.foldedPow(${S(d - 2)}, ${S(d - 1)}, m.limits.max_int_bits)) !== undefined && v.charge <= ${G} && m.mem + (typeof v.value === 'bigint' ? m.bigIntBytes : 0) <= memCap) { gas -= v.charge; if (typeof v.value === 'bigint') m.mem += m.bigIntBytes; ${S(d - 2)} = v.value; ${deopt()} } else { ${slow} }`;
      }
      case Op.LSHIFT:
        return binSlow(op, S(d - 2), S(d - 2), S(d - 1), false, d - 1);
      case Op.NEG:
      case Op.POS:
      case Op.INVERT: {
        const a = S(d - 1);
        const cond = op === Op.INVERT ? `typeof ${a} === 'number' && (${a} | 0) === ${a}` : `typeof ${a} === 'number'`;
        const fast = op === Op.NEG ? `0 - ${a}` : op === Op.POS ? a : `~${a}`;
        return `if (${cond}) ${a} = ${fast}; else { ${spill} ${a} = H.unarySlow(m, ${op}, ${a}); ${reload} ${memChk(d)} ${deopt()} }`;
      }
      case Op.NOT: {
        const a = S(d - 1);
        return `${a} = ${a} === true ? false : ${a} === false ? true : !H.truthy(${a});`;
      }
      case Op.EQ:
      case Op.NE: {
        const a = S(d - 2);
        const b = S(d - 1);
        const neg = op === Op.NE ? '!' : '';
        return `if (typeof ${a} === 'number' && typeof ${b} === 'number') ${a} = ${a} ${op === Op.EQ ? '===' : '!=='} ${b};
          else if (${a} === null || ${b} === null || typeof ${a} === 'boolean' || typeof ${b} === 'boolean') { P = ${off}; m.gas = ${G}; ${a} = ${neg}H.scalarEq(${a}, ${b}); }
          else { ${spill} ${a} = ${neg}H.eqCharged(m, ${a}, ${b}); ${reload} ${deopt()} }`;
      }
      case Op.LT:
      case Op.LE:
      case Op.GT:
      case Op.GE: {
        const a = S(d - 2);
        const b = S(d - 1);
        const sym = CMP_SYM[op];
        // two ints, one of them below 2^256: what pyCompare answers, free there (two wider
        // big ints owe LT's limbs: pyCompare charges them)
        return `if (typeof ${a} === 'number' ? typeof ${b} === 'number' || typeof ${b} === 'bigint' : typeof ${a} === 'bigint' && (typeof ${b} === 'number' || (typeof ${b} === 'bigint' && ((${a} < H.P256 && ${a} > H.N256) || (${b} < H.P256 && ${b} > H.N256))))) ${a} = ${a} ${sym} ${b};
          else { ${spill} ${a} = H.pyCompare(m, ${a}, ${b}, '${sym}') ${sym} 0; ${reload} ${deopt()} }`;
      }
      case Op.IS:
        return `${S(d - 2)} = ${S(d - 2)} === ${S(d - 1)};`;
      case Op.IS_NOT:
        return `${S(d - 2)} = ${S(d - 2)} !== ${S(d - 1)};`;
      case Op.IN:
      case Op.NOT_IN:
        return `${spill} ${S(d - 2)} = ${op === Op.NOT_IN ? '!' : ''}H.contains(m, ${S(d - 1)}, ${S(d - 2)}); ${reload} ${deopt()}`;
      case Op.JUMP:
        return edge(blockOf(a0));
      case Op.JUMP_IF_FALSE:
      case Op.JUMP_IF_FALSE_OR_POP: {
        const v = S(d - 1);
        return `if (${v} === false || (${v} !== true && !H.truthy(${v}))) { ${edge(blockOf(a0))} } ${nextBlock()}`;
      }
      case Op.JUMP_IF_TRUE:
      case Op.JUMP_IF_TRUE_OR_POP: {
        const v = S(d - 1);
        return `if (${v} === true || (${v} !== false && H.truthy(${v}))) { ${edge(blockOf(a0))} } ${nextBlock()}`;
      }
      case Op.RETURN:
        return `m.gas = ${G}; return ${S(d - 1)};`;
      case Op.CALL: {
        const callee = info[a0];
        // the callee's slots past FRAME_FREE_SLOTS (priced once at load), after the checks, as the interpreter charges them
        const frame = mod.funcs[a0].frameCharge;
        const base = d - callee.nparams;
        return `${spill} ${flush(d)}
          if (depth >= maxDepth) throw H.recursion(maxDepth);
          if (${at(base)} + ${callee.nlocals + callee.maxStack} > stackLimit) throw H.stackLimit();
          ${frame === 0 ? '' : `m.charge(${frame});`}
          ${S(base)} = (nb = budget - E[${a0}]) >= 0 ? F[${a0}](m, ${at(base)}, depth + 1, nb) : H.interp(m, ${a0}, ${at(base)}, depth + 1, budget); ${reload} ${deopt()}`;
      }
      case Op.CALL_STD: {
        const n = stdArity[a0];
        const base = d - n;
        return `${writeArgs(base, d)} ${spill} CROSS.left = budget; r = std[${a0}](m, stack, ${at(base)}); H.countResult(m, r, stack, ${at(base)}, ${n}); ${S(base)} = r; ${reload} ${memChk(base + 1)} ${deopt()}`;
      }
      case Op.CALL_BUILTIN:
      case Op.CALL_METHOD: {
        const n = ins.args[1];
        const base = d - n - (op === Op.CALL_METHOD ? 1 : 0);
        const table = op === Op.CALL_METHOD ? 'METHODS' : 'BUILTINS';
        return `${writeArgs(base, d)} ${spill} ${S(base)} = ${table}[${a0}](m, stack, ${at(base)}, ${n}); ${reload} ${memChk(base + 1)} ${deopt()}`;
      }
      case Op.CHECK_METHOD:
        return `${spill} H.checkMethod(${S(d - 1)}, ${a0});`;
      case Op.CHECK_RETURN: {
        // the return annotation (a verified str constant) against the value about to return
        const v = S(d - 1);
        const call = `${spill} H.checkReturn(m, m.mod.funcs[${fi}].name, K[${a0}], ${v}); ${reload} ${deopt()}`;
        return consts[a0] === 'int' ? `if (typeof ${v} !== 'number') { ${call} }` : call;
      }
      case Op.REVERT:
        return `${spill} throw H.revert(${S(d - 1)});`;
      case Op.BUILD_LIST:
      case Op.BUILD_TUPLE:
      case Op.BUILD_DICT: {
        const n = a0;
        const per =
          op === Op.BUILD_DICT ? OP_PRICE.items[Op.BUILD_DICT] : op === Op.BUILD_LIST ? OP_PRICE.items[Op.BUILD_LIST] : OP_PRICE.items[Op.BUILD_TUPLE];
        const dyn = n * per;
        const charge = dyn === 0 ? '' : `gas -= ${dyn}; if (${G} < 0) throw H.oog(m, (P = ${off}));`;
        const late = dyn === 0 ? '' : deopt();
        if (op === Op.BUILD_DICT) {
          const base = d - 2 * n;
          return `${charge} ${writeArgs(base, d)} ${spill} ${S(base)} = H.buildDict(m, stack, ${at(base)}, ${n}); ${reload} ${memChk(base + 1)} ${deopt()}`;
        }
        const base = d - n;
        const items = Array.from({ length: n }, (_, k) => S(base + k)).join(', ');
        const made = op === Op.BUILD_LIST ? `[${items}]` : `new PyTuple([${items}])`;
        return `${charge} ${S(base)} = ${made}; if ((m.mem += ${seqBytes(n)}) > memCap) ${late === '' ? walkEnd(base + 1) : walk(base + 1)} ${late}`;
      }
      case Op.SUBSCR: {
        const o = S(d - 2);
        const k = S(d - 1);
        // a list, a tuple (a record's field) or bytes at an index in range: what subscr returns,
        // free there; a str taken from a tuple is counted as the interpreter counts it
        return `if (Array.isArray(${o}) && typeof ${k} === 'number' && ${k} >= 0 && ${k} < ${o}.length) ${o} = ${o}[${k}];
          else if (typeof ${k} === 'number' && ${k} >= 0 && (${o} instanceof PyTuple ? ((v = ${o}.items), ${k} < v.length) : ${o} instanceof Uint8Array && ((v = ${o}), ${k} < v.length))) { ${o} = v[${k}]; if (typeof ${o} === 'string' && (m.mem += ${o}.length) > memCap) ${walkEnd(d - 1)} }
          else { ${spill} v = H.subscr(${o}, ${k}, m); ${reload} ${o} = v; if (typeof v === 'string' && (m.mem += v.length) > memCap) ${walk(d - 1)} ${deopt()} }`;
      }
      case Op.STORE_SUBSCR: {
        const k = S(d - 1);
        const o = S(d - 2);
        const v = S(d - 3);
        return `if (Array.isArray(${o}) && typeof ${k} === 'number' && ${k} >= 0 && ${k} < ${o}.length) ${o}[${k}] = ${v};
          else { ${spill} H.storeSubscr(m, ${o}, ${k}, ${v}); ${reload} ${memChk(d - 3)} ${deopt()} }`;
      }
      case Op.DEL_SUBSCR:
        return `${spill} H.delSubscr(${S(d - 2)}, ${S(d - 1)}, m); ${reload} ${deopt()}`;
      case Op.SLICE:
        return `${spill} ${S(d - 3)} = H.slice(m, ${S(d - 3)}, ${S(d - 2)}, ${S(d - 1)}); ${reload} ${memChk(d - 2)} ${deopt()}`;
      case Op.UNPACK: {
        const n = a0;
        const v = S(d - 1);
        const reads: string[] = [];
        for (let k = 0; k < n; k++) reads.push(`${S(d - 1 + k)} = stack[${at(d - 1 + k)}];`);
        return `v = ${v}; ${spill} H.unpack(stack, ${at(d - 1)}, v, ${n}); ${reads.join(' ')} if (typeof v === 'string' && (m.mem += v.length) > memCap) ${walkEnd(d - 1 + n)}`;
      }
      case Op.LIST_APPEND: {
        const l = L(a0);
        return `if (!Array.isArray(${l})) ${fail("H.invalid('LIST_APPEND to a slot that holds no list')")}
          if (${l}.length >= maxLen) { ${spill} m.capLen(${l}.length + 1, 'list'); }
          ${l}.push(${S(d - 1)}); if ((m.mem += 8) > memCap) ${walkEnd(d - 1)}`;
      }
      case Op.ITER_INIT: {
        const s = a0;
        return `${spill} H.iterInit(m, stack, bp + ${s}, ${S(d - 1)}); ${reload} ${reloadSlots(s)} ${memChk(d - 1)} ${deopt()}`;
      }
      case Op.FOR_ITER: {
        const s = a0;
        const t = blockOf(ins.args[1]);
        // a dict loop steps the dict itself (core/dict_iter.ts; H.dictStep charges an items() tuple)
        return `v = ${L(s)};
          if (v instanceof H.DictIter) {
            ${spill} r = H.dictStep(m, v); ${reload}
            if (r === undefined) { ${edge(t)} }
            ${S(d)} = r; if (v.kind === 2 && m.mem > memCap) ${walk(d + 1)}
          } else {
            r = ${L(s + 1)};
            if (typeof r !== 'number' || !(Array.isArray(v) || v instanceof Uint8Array)) ${fail("H.invalid('FOR_ITER without ITER_INIT')")}
            if (r < v.length) { ${S(d)} = v[r]; ${L(s + 1)} = r + 1; } else { ${edge(t)} }
          } ${nextBlock()}`;
      }
      case Op.RANGE_INIT: {
        const s = a0;
        const n = ins.args[1];
        return `${writeArgs(d - n, d)} ${spill} H.rangeInit(stack, bp + ${s}, stack, ${at(d - n)}, ${n}); ${reloadSlots(s)}`;
      }
      case Op.FOR_RANGE: {
        const s = a0;
        const t = blockOf(ins.args[1]);
        const cur = L(s);
        const stop = L(s + 1);
        const step = L(s + 2);
        return `if (typeof ${cur} === 'number' && typeof ${stop} === 'number' && typeof ${step} === 'number') {
            if (${step} > 0 ? ${cur} < ${stop} : ${cur} > ${stop}) { ${S(d)} = ${cur}; r = ${cur} + ${step}; ${cur} = r <= ${MAX} && r >= ${MIN} ? r : H.normBig(BigInt(${cur}) + BigInt(${step})); }
            else { ${edge(t)} }
          } else {
            if (!H.isIntLike(${cur}) || !H.isIntLike(${stop}) || !H.isIntLike(${step})) ${fail("H.invalid('FOR_RANGE without RANGE_INIT')")}
            v = BigInt(${cur}); r = BigInt(${step}); t = BigInt(${stop});
            if (r > 0n ? v < t : v > t) { ${S(d)} = H.normBig(v); ${cur} = H.countInt(m, H.normBig(v + r)); ${memChk(d + 1)} }
            else { ${edge(t)} }
          } ${nextBlock()}`;
      }
    }
    throw new NoTemplate(`jit: opcode ${op} has no template`);
  };

  // Fast code: each reachable block is a case of the dispatch loop D, run in a loop of its
  // own (a jump back to it is a `continue` of that loop, not a dispatch); the blocks it
  // jumps to are written out in place while they are small and the budget lasts (a copy
  // behaves as the block does: same code, same charges), else reached through D.
  const reachable = (b: number): boolean => instrs[blocks[b].first].height >= 0;
  const ends = (o: number): boolean =>
    o === Op.JUMP ||
    o === Op.RETURN ||
    o === Op.REVERT ||
    o === Op.JUMP_IF_FALSE ||
    o === Op.JUMP_IF_TRUE ||
    o === Op.JUMP_IF_FALSE_OR_POP ||
    o === Op.JUMP_IF_TRUE_OR_POP ||
    o === Op.FOR_ITER ||
    o === Op.FOR_RANGE;
  const dispatch = (t: number): string => `st = ${t}; continue D;`;
  const tailOf = (b: number, edge: (t: number) => string): string => {
    const blk = blocks[b];
    if (ends(instrs[blk.end - 1].op)) return '';
    return blk.end < instrs.length ? edge(b + 1) : 'throw H.fellOff();';
  };
  const fastBlock = (b: number, edge: (t: number) => string): string => {
    const blk = blocks[b];
    const body: string[] = [`if (gas < ${blk.cost}) { ${REFILL} if (gas < ${blk.cost}) { ${toResume(blk.first)} } } gas -= ${blk.cost};`];
    for (let i = blk.first; i < blk.end; i++) body.push(emit(i, restCost[i], edge));
    body.push(tailOf(b, edge));
    return body.join('\n');
  };
  // predecessors of each block (edges from reachable blocks)
  const preds = new Int32Array(NB);
  for (let b = 0; b < NB; b++) {
    if (!reachable(b)) continue;
    const last = instrs[blocks[b].end - 1];
    const info = OP_BY_CODE[last.op]!;
    info.operands.forEach((k, j) => {
      if (k === 'target') preds[blockOf(last.args[j])]++;
    });
    if (info.flow !== 'jump' && info.flow !== 'end' && blocks[b].end < instrs.length) preds[b + 1]++;
  }
  for (let h = 0; h < NB; h++) {
    if (!reachable(h)) continue;
    // a block with one predecessor is written out in its predecessor's chain; its own case
    // (entered only by a dispatch that could not copy it) copies nothing
    const head = h === 0 || preds[h] !== 1;
    let budget = inline && head ? INLINE_BUDGET : 0;
    const path: number[] = [h];
    // inside a copied join block nothing more is copied (its successors would be copied with it)
    let copying = 0;
    const edge = (t: number): string => {
      if (t === h) return `continue L${h};`;
      const size = blocks[t].end - blocks[t].first;
      const fits = inline && head && copying === 0 && (preds[t] === 1 || (size <= INLINE_BLOCK && size <= budget));
      if (path.includes(t) || !fits || !reachable(t)) return dispatch(t);
      const join = preds[t] !== 1;
      if (join) {
        budget -= size;
        copying++;
      }
      path.push(t);
      const code = `{ ${fastBlock(t, edge)} }`;
      path.pop();
      if (join) copying--;
      return code;
    };
    out.push(`case ${h}: L${h}: for (;;) { ${fastBlock(h, edge)} }`);
  }
  const decl: string[] = [];
  // a callee's locals past its parameters start unbound (in the stack too: the memory walk reads them)
  const init = inStack && nl > fn.nparams ? `for (let i = bp + ${fn.nparams}; i < bp + ${nl}; i++) stack[i] = undefined;` : '';
  if (!inStack) for (let i = 0; i < nl; i++) decl.push(i < fn.nparams ? `${L(i)} = stack[bp + ${i}]` : `${L(i)} = undefined`);
  for (let p = 0; p < Math.max(cfg.maxHeight, 1); p++) decl.push(`${S(p)} = undefined`);
  // JS variables: the locals kept in variables and the operand slots; the widest call is the write-back of all of them
  const vars = (inStack ? 0 : nl) + Math.max(cfg.maxHeight, 1);
  const body = `const stack = m.stack; const std = m.std; let reserve = m.gas > ${GAS_CHUNK} ? m.gas - ${GAS_CHUNK} : 0; let gas = (m.gas - reserve) | 0; let P = 0; let st = 0;
  const memCap = m.memCap; const bigIntBytes = m.bigIntBytes; const midOK = H.midAllowed(m.limits.max_int_bits);
  const maxDepth = m.limits.max_call_depth; const stackLimit = stack.length; const maxLen = m.limits.max_container_len;
  let r, t, v, nb = 0, gt = 0, Q = 0, RS = 0; let ${decl.join(', ')}; ${init}
  try {
    D: for (;;) {
      switch (st) {
        ${out.join('\n')}
        case ${RESUME}: ${sync(Math.max(cfg.maxHeight, 1))} m.gas = gas + reserve; P = -1; return H.resume(m, ${fi}, bp, RS, bp + ${nl} + Q, depth, budget);
        default: throw H.fellOff();
      }
    }
  } catch (e) {
    H.onThrow(m, ${fi}, P);
    throw e;
  }`;
  return { body, frame: frameEstimate(vars, vars + 4) };
}
