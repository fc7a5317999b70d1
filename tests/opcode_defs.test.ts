// One definition per opcode: for every opcode in the table, a crafted function runs it and the
// verifier, the gas estimator and the interpreter (fused and unfused) must agree with what
// the table says about its stack effect and control flow. Expectations are computed here
// from the table's fields alone; an opcode without a case below fails the suite, so adding an
// opcode means adding its inputs here.
import { describe, expect, test } from 'vitest';
import { ConstTuple, type Const, type Instr, type IRFunction, type IRModule } from '../compiler/ir.js';
import { selectorOf } from '../compiler/selector.js';
import { stackHeights } from '../compiler/verify.js';
import { estimateGas } from '../compiler/gas_estimate.js';
import { loadModule } from '../core/load.js';
import { Machine } from '../core/machine.js';
import { run } from '../core/interpreter.js';
import type { Host } from '../core/host.js';
import { PyTuple, type Value } from '../core/values.js';
import { STD_IMPLS } from '../stdlib/index.js';
import { Revert } from '../spec/errors.js';
import { BUILTIN_BY_NAME, DEFAULT_LIMITS, METHOD_BY_NAME, Op, OPCODES, STDLIB_BY_NAME, type OpInfo, type StackSpec } from '../spec/table.js';

const SENTINEL = 'sentinel';
/** The second function of every crafted module: `def f(x): return x`. */
const CALLEE: IRFunction = {
  name: 'callee',
  isPublic: false,
  nparams: 1,
  nlocals: 1,
  code: [
    { op: Op.LOAD, args: [0] },
    { op: Op.RETURN, args: [] },
  ],
};

/** Inputs for one run: instructions that push the operands, the opcode's own operands. */
interface Setup {
  pre: (k: (c: Const) => Instr) => Instr[];
  args: number[];
  nlocals?: number;
  /** branch opcodes: the value tested is truthy (jump_when truthy/falsy) or the loop is empty (exhausted) */
  truthy?: boolean;
  empty?: boolean;
}

const I = (n: number): Const => BigInt(n);
const ins = (op: number, ...args: number[]): Instr => ({ op, args });
const T = 0xffff; // placeholder for the jump target, patched when the function is laid out

const binary = (): Setup[] => [{ pre: (k) => [k(I(6)), k(I(3))], args: [] }];
const unary = (): Setup[] => [{ pre: (k) => [k(I(5))], args: [] }];
const cond = (): Setup[] => [true, false].map((v) => ({ pre: (k) => [k(v)], args: [T], truthy: v }));

const CASES: Record<string, () => Setup[]> = {
  NOP: () => [{ pre: () => [], args: [] }],
  CONST: () => [{ pre: () => [], args: [1] }],
  POP: unary,
  DUP: unary,
  DUP2: binary,
  SWAP: binary,
  ROT3: () => [{ pre: (k) => [k(I(1)), k(I(2)), k(I(3))], args: [] }],
  LOAD: () => [{ pre: (k) => [k(I(1)), ins(Op.STORE, 0)], args: [0], nlocals: 1 }],
  STORE: () => [{ pre: (k) => [k(I(1))], args: [0], nlocals: 1 }],
  ADD: binary,
  SUB: binary,
  MUL: binary,
  FLOORDIV: binary,
  MOD: binary,
  POW: binary,
  LSHIFT: binary,
  RSHIFT: binary,
  BITAND: binary,
  BITOR: binary,
  BITXOR: binary,
  INPLACE_ADD: binary,
  INPLACE_MUL: binary,
  NEG: unary,
  POS: unary,
  INVERT: unary,
  NOT: unary,
  EQ: binary,
  NE: binary,
  LT: binary,
  LE: binary,
  GT: binary,
  GE: binary,
  IS: binary,
  IS_NOT: binary,
  IN: () => [{ pre: (k) => [k(I(1)), k(new ConstTuple([I(1), I(2)]))], args: [] }],
  NOT_IN: () => [{ pre: (k) => [k(I(1)), k(new ConstTuple([I(1), I(2)]))], args: [] }],
  JUMP: () => [{ pre: () => [], args: [T] }],
  JUMP_IF_FALSE: cond,
  JUMP_IF_TRUE: cond,
  JUMP_IF_FALSE_OR_POP: cond,
  JUMP_IF_TRUE_OR_POP: cond,
  RETURN: unary,
  REVERT: () => [{ pre: (k) => [k('no')], args: [] }],
  CALL: () => [{ pre: (k) => [k(I(4))], args: [1] }],
  CALL_STD: () => [{ pre: (k) => [k(new Uint8Array([1, 2, 3]))], args: [STDLIB_BY_NAME.get('hash.sha3_256')!.id] }],
  CALL_BUILTIN: () => [{ pre: (k) => [k('abc')], args: [BUILTIN_BY_NAME.get('len')!.id, 1] }],
  CALL_METHOD: () => [{ pre: (k) => [k(I(5))], args: [METHOD_BY_NAME.get('bit_length')!.id, 0] }],
  CHECK_METHOD: () => [{ pre: (k) => [k(I(5))], args: [METHOD_BY_NAME.get('bit_length')!.id] }],
  // the type name is the first constant `pre` adds (#2), popped again
  CHECK_RETURN: () => [{ pre: (k) => [k('int'), ins(Op.POP), k(I(5))], args: [2] }],
  BUILD_LIST: binary_n(2),
  BUILD_TUPLE: binary_n(2),
  BUILD_DICT: () => [{ pre: (k) => [k(I(1)), k(I(2))], args: [1] }],
  SUBSCR: () => [{ pre: (k) => [k(new ConstTuple([I(1), I(2)])), k(I(0))], args: [] }],
  STORE_SUBSCR: () => [{ pre: (k) => [k(I(9)), k(I(1)), ins(Op.BUILD_LIST, 1), k(I(0))], args: [] }],
  DEL_SUBSCR: () => [{ pre: (k) => [k(I(1)), ins(Op.BUILD_LIST, 1), k(I(0))], args: [] }],
  SLICE: () => [{ pre: (k) => [k('abcd'), k(I(1)), k(I(3))], args: [] }],
  UNPACK: () => [{ pre: (k) => [k(new ConstTuple([I(1), I(2), I(3)]))], args: [3] }],
  LIST_APPEND: () => [{ pre: (k) => [ins(Op.BUILD_LIST, 0), ins(Op.STORE, 0), k(I(1))], args: [0], nlocals: 1 }],
  ITER_INIT: () => [{ pre: (k) => [k(new ConstTuple([I(1)]))], args: [0], nlocals: 3 }],
  FOR_ITER: () =>
    [true, false].map((empty) => ({ pre: (k) => [k(new ConstTuple(empty ? [] : [I(7)])), ins(Op.ITER_INIT, 0)], args: [0, T], nlocals: 3, empty })),
  RANGE_INIT: () => [{ pre: (k) => [k(I(2))], args: [0, 1], nlocals: 3 }],
  FOR_RANGE: () => [true, false].map((empty) => ({ pre: (k) => [k(I(empty ? 0 : 2)), ins(Op.RANGE_INIT, 0, 1)], args: [0, T], nlocals: 3, empty })),
};

function binary_n(n: number): () => Setup[] {
  return () => [{ pre: (k) => Array.from({ length: n }, (_, i) => k(I(i))), args: [n] }];
}

/** Pops or pushes from a table stack spec, computed here (not by the verifier). */
function count(o: OpInfo, spec: StackSpec, args: number[]): number {
  if (typeof spec === 'number') return spec;
  const n = args[o.operands.indexOf('n')];
  if (spec === 'n') return n;
  if (spec === '2n') return 2 * n;
  if (spec === 'n+1') return n + 1;
  if (spec === 'params') return CALLEE.nparams;
  return STDLIB_BY_NAME.get('hash.sha3_256')!.params.length; // 'std': the only stdlib function used here
}

interface Crafted {
  ir: IRModule;
  /** pc of the instruction under test, and of the fall-through and taken harvests */
  at: number;
  next: number;
  target: number;
  /** stack height the table says each path has */
  hNext: number;
  hTaken: number;
}

function craft(o: OpInfo, s: Setup): Crafted {
  const consts: Const[] = [SENTINEL, I(5)]; // CONST's own case loads #1
  const k = (c: Const): Instr => {
    consts.push(c);
    return ins(Op.CONST, consts.length - 1);
  };
  const konst = (c: Const): number => (consts.push(c), consts.length - 1);
  const pre = s.pre(k);
  // a function that ends requires the height the table names; nothing under it then
  const code: Instr[] = o.flow === 'end' ? [] : [ins(Op.CONST, 0)];
  let h = code.length;
  for (const p of pre) {
    const po = OPCODES.find((x) => x.code === p.op)!;
    h += count(po, po.stack[1], p.args) - count(po, po.stack[0], p.args);
    code.push(p);
  }
  const at = code.length;
  code.push(ins(o.code, ...s.args));
  const hNext = h - count(o, o.stack[0], s.args) + count(o, o.stack[1], s.args);
  const hTaken = o.taken ? h - o.taken[0] + o.taken[1] : hNext;
  let next = -1;
  if (o.flow !== 'end' && o.flow !== 'jump') {
    next = code.length;
    code.push(ins(Op.CONST, konst('next')), ins(Op.BUILD_TUPLE, hNext + 1), ins(Op.RETURN));
  }
  const target = code.length;
  code.push(ins(Op.CONST, konst('taken')), ins(Op.BUILD_TUPLE, hTaken + 1), ins(Op.RETURN));
  const ti = o.operands.indexOf('target');
  if (ti >= 0) code[at].args[ti] = target;
  const f: IRFunction = { name: 'probe', isPublic: true, nparams: 0, nlocals: s.nlocals ?? 0, code };
  const ir: IRModule = { consts, funcs: [f, CALLEE], exports: [{ selector: selectorOf('probe', []), func: 0, params: [], returns: 'none' }], debug: null };
  return { ir, at, next, target, hNext, hTaken };
}

/** Which way the table says this run goes. */
function expected(o: OpInfo, s: Setup): 'next' | 'taken' | 'end' {
  switch (o.flow) {
    case 'end':
      return 'end';
    case 'jump':
      return 'taken';
    case 'branch': {
      const holds = o.jumpWhen === 'exhausted' ? s.empty! : o.jumpWhen === 'truthy' ? s.truthy! : !s.truthy!;
      return holds ? 'taken' : 'next';
    }
    default:
      return 'next';
  }
}

function execute(c: Crafted, unfused: boolean): { result?: Value; revert?: boolean; gasUsed: number } {
  const mod = loadModule(c.ir);
  const gas = 1_000_000;
  const m = new Machine(mod, DEFAULT_LIMITS, gas, STD_IMPLS, {} as Host);
  if (unfused) m.tracer = () => {};
  try {
    return { result: run(m, 0, []), gasUsed: gas - m.gas };
  } catch (e) {
    if (e instanceof Revert) return { revert: true, gasUsed: gas - m.gas };
    throw e;
  }
}

describe('every opcode: table, verifier, estimator and interpreter agree', () => {
  test('every opcode in the table has a case here, and every case is an opcode', () => {
    expect(OPCODES.map((o) => o.name).filter((n) => !CASES[n])).toEqual([]);
    expect(Object.keys(CASES).filter((n) => !OPCODES.some((o) => o.name === n))).toEqual([]);
  });

  test('the table is consistent: targets go with jumps, taken effects with branches', () => {
    for (const o of OPCODES) {
      expect(o.operands.includes('target'), o.name).toBe(o.flow === 'jump' || o.flow === 'branch');
      expect(o.taken !== null, o.name).toBe(o.flow === 'branch');
    }
  });

  for (const o of OPCODES) {
    test(o.name, () => {
      const setups = (CASES[o.name] ?? (() => []))();
      expect(setups.length).toBeGreaterThan(0);
      const ways = new Set<string>();
      for (const s of setups) {
        const c = craft(o, s);
        const way = expected(o, s);
        ways.add(way);
        // verifier: the height it computes on each path is the table's
        const { height } = stackHeights(c.ir, c.ir.funcs[0]);
        if (c.next >= 0) expect(height[c.next], `${o.name}: verifier, fall-through height`).toBe(c.hNext);
        if (o.operands.includes('target')) expect(height[c.target], `${o.name}: verifier, taken height`).toBe(c.hTaken);
        else expect(height[c.target], `${o.name}: no target, so the taken harvest is unreachable`).toBe(-1);
        // interpreter, fused and unfused: the path the table names, with the height it names
        const runs = [execute(c, false), execute(c, true)];
        expect(runs[1].gasUsed, `${o.name}: fused and unfused gas`).toBe(runs[0].gasUsed);
        for (const r of runs) {
          if (way === 'end') {
            if (o.name === 'REVERT') expect(r.revert).toBe(true);
            else expect(r.result).toBe(5);
            continue;
          }
          expect(r.result, `${o.name}: returns the harvest tuple`).toBeInstanceOf(PyTuple);
          const items = (r.result as PyTuple).items;
          const h = way === 'taken' ? c.hTaken : c.hNext;
          expect(items[items.length - 1], `${o.name}: path`).toBe(way);
          expect(items.length, `${o.name}: stack height`).toBe(h + 1);
          expect(items[0], `${o.name}: nothing popped or pushed beyond the table's effect`).toBe(SENTINEL);
        }
        // estimator: a bound for the same code, at least what it used (loops are unbounded by design)
        const bound = estimateGas(c.ir).functions.get('probe')!;
        if (o.jumpWhen === 'exhausted') expect(bound).toMatch(/^unbounded: for loop/);
        else {
          expect(typeof bound, `${o.name}: estimator bound ${bound}`).toBe('number');
          expect(bound as number, `${o.name}: bound >= used`).toBeGreaterThanOrEqual(runs[0].gasUsed);
        }
      }
      // a branch is tried both ways
      if (o.flow === 'branch') expect(ways).toEqual(new Set(['next', 'taken']));
    });
  }
});
