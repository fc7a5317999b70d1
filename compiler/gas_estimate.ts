// Static gas estimator: per public function, a sound upper bound on the gas one call can
// use (entry cost aside: it depends on the calldata), or `unbounded`. The bound is the most
// expensive path through loop-free code, each instruction priced at its worst case given
// what is known about its operands. Sizes are tracked abstractly (kind, max int bits, max
// length, a constant's value); whatever is unknown is bounded by the caps of the limits,
// which the runtime enforces before charging. It is `unbounded: <reason> at <file:line>` when
// the function (or a helper it calls) has a loop, when a cost depends on the shape of nested
// data (ordering lists of unknown elements, sorting, min/max/sum over them), or when an
// instruction has a size-dependent cost this file has no bound for: never a silent zero.
// See spec/DETERMINISM.md §7.
import { BUILTINS, DEFAULT_LIMITS, METHODS, Op, OP_BY_CODE, OPCODES, STDLIB_BY_ID, type Limits, type Measure } from '../spec/table.js';
import { ConstTuple, type Const, type IRModule } from './ir.js';
import { parseReturnType, type RType } from './return_types.js';
import { stackCount } from './verify.js';

/** A bound in gas, or why there is none and where: `unbounded: loop at contract.py:12`. */
export type Bound = number | `unbounded: ${string}`;

export function isBounded(b: Bound | undefined): b is number {
  return typeof b === 'number';
}

type Kind = 'int' | 'bool' | 'none' | 'bytes' | 'str' | 'list' | 'tuple' | 'dict' | 'any';
interface AV {
  k: Kind;
  /** max bit length if an int */
  bits: number;
  /** max length if bytes/str (bytes or chars) or a container (items) */
  len: number;
  /** the exact value of a constant int */
  val?: bigint;
  /** what the items of a container are, when known */
  elem?: AV;
  /** the local slot this value was just loaded from (still held there) */
  src?: number;
  /** an int that is len() of the bytes/str in this local slot */
  lenOf?: number;
  /** a bool that, when true, means local `slot` has length `len` */
  fact?: { slot: number; len: number };
}

/** What a helper guarantees about its immutable parameters when it returns normally. */
type Post = Map<number, number>; // param slot -> max length

/** Thrown by the pricing of one instruction; the walk adds where it is. */
class Unbounded extends Error {
  constructor(
    readonly reason: string,
    /** set once located: the full `<reason> at <where>` */
    readonly located?: string,
  ) {
    super(located ?? reason);
  }
}

// Each of words/items/limbs is priced at the highest price any opcode, builtin or method's
// formula gives it: a bound stays sound whichever entry's handler does the work (a builtin
// running an opcode's handler, a shared comparison walk).
const maxPrice = (k: Measure): number => Math.max(...[...OPCODES, ...BUILTINS, ...METHODS].map((e) => e.dynamic[k]));
const G_WORD = maxPrice('words');
const G_ITEM = maxPrice('items');
const G_LIMB = maxPrice('limbs');
/** Measures beyond words/items that a builtin's or method's case below bounds. */
const CALL_BOUNDED: Partial<Record<string, readonly Measure[]>> = {
  len: ['scan_words'],
  dict: ['key_units'],
  int: ['convert_steps'],
  str: ['convert_steps'],
  hex: ['limbs'],
  'int.from_bytes': ['limbs'],
  sorted: ['comparisons'],
  pow: ['limb_steps'],
  'method.to_bytes': ['limbs'],
  'method.get': ['key_units'],
  'method.setdefault': ['key_units'],
  'method.pop': ['key_units'],
};
function checkBounded(name: string, measures: readonly Measure[]): void {
  const known = CALL_BOUNDED[name] ?? [];
  for (const k of measures)
    if (k !== 'words' && k !== 'items' && !known.includes(k)) throw new Unbounded(`no bound for ${name.replace('method.', '.')}()'s ${k} cost`);
}
const price = (op: Op): Readonly<Record<Measure, number>> => OP_BY_CODE[op]!.dynamic;

/**
 * The measures each case of step() bounds, per opcode; a table measure missing here makes the
 * bound unbounded (a formula this file does not know is never priced at zero).
 */
const BOUNDED: Partial<Record<string, readonly Measure[]>> = {
  ADD: ['limbs', 'words', 'items'],
  INPLACE_ADD: ['limbs', 'words', 'items'],
  MUL: ['limbs', 'words', 'items'],
  INPLACE_MUL: ['limbs', 'words', 'items'],
  SUB: ['limbs'],
  NEG: ['limbs'],
  POS: ['limbs'],
  INVERT: ['limbs'],
  FLOORDIV: ['limbs'],
  MOD: ['limbs', 'words'],
  RSHIFT: ['limbs'],
  BITAND: ['limbs'],
  BITOR: ['limbs'],
  BITXOR: ['limbs'],
  POW: ['limbs'],
  LSHIFT: ['limbs'],
  EQ: ['words', 'items', 'key_units'],
  NE: ['words', 'items', 'key_units'],
  LT: ['words', 'items'],
  LE: ['words', 'items'],
  GT: ['words', 'items'],
  GE: ['words', 'items'],
  IN: ['words', 'items', 'key_units'],
  NOT_IN: ['words', 'items', 'key_units'],
  BUILD_LIST: ['items'],
  BUILD_TUPLE: ['items'],
  BUILD_DICT: ['items', 'key_units'],
  SUBSCR: ['key_units', 'scan_words'],
  STORE_SUBSCR: ['key_units'],
  DEL_SUBSCR: ['key_units', 'items'],
  SLICE: ['words', 'items', 'scan_words'],
  ITER_INIT: ['items'],
  CHECK_RETURN: ['items'],
};
const BUILTIN_BY_ID = new Map(BUILTINS.map((b) => [b.id, b]));
const METHOD_BY_ID = new Map(METHODS.map((b) => [b.id, b]));

export interface GasEstimate {
  /** function name -> bound (public functions only) */
  functions: Map<string, Bound>;
}

export function estimateGas(m: IRModule, limits: Readonly<Limits> = DEFAULT_LIMITS): GasEstimate {
  const est = new Estimator(m, limits);
  const functions = new Map<string, Bound>();
  m.funcs.forEach((f, i) => {
    if (!f.isPublic) return;
    const ex = m.exports.find((e) => e.func === i);
    functions.set(f.name, est.bound(i, ex ? ex.params.map((t) => est.fromType(t)) : undefined));
  });
  return { functions };
}

class Estimator {
  private memo = new Map<number, Bound>();
  private readonly top: AV;
  constructor(
    private readonly m: IRModule,
    private readonly L: Readonly<Limits>,
  ) {
    this.top = { k: 'any', bits: L.max_int_bits, len: Math.max(L.max_bytes_len, L.max_container_len) };
  }

  // ---- size units, always clamped by the caps the runtime checks before charging ----
  words(n: number): number {
    return Math.ceil(Math.min(n, this.L.max_bytes_len) / 32) * G_WORD;
  }
  items(n: number): number {
    return Math.min(n, this.L.max_container_len) * G_ITEM;
  }
  limbs(bits: number): number {
    // the runtime refuses results over the cap before charging; operands never exceed it,
    // so a charged width is at most twice the cap (a product or a power's estimate)
    const l = Math.ceil(Math.min(bits, 2 * this.L.max_int_bits) / 64);
    return Math.max(0, l - 4) * G_LIMB;
  }
  /** Key units of a dict key, at `price` (the runtime's key_units). */
  keyCost(v: AV | undefined, price: number): number {
    if (price === 0) return 0;
    v ??= this.top;
    const L = this.L;
    let units: number;
    if (v.k === 'bytes' || v.k === 'str') units = Math.ceil(Math.min(v.len, L.max_bytes_len) / 32);
    else if (v.k === 'int') units = v.bits > 53 ? 4 * Math.ceil(v.bits / 64) : v.bits > 30 ? 1 : 0;
    else if (v.k === 'bool' || v.k === 'none') units = 0;
    // a key of unknown shape (a tuple of text, say): all the text memory can hold, plus items
    else units = Math.ceil(L.max_memory_bytes / 32) + L.max_container_len;
    return units * price;
  }
  /** The scan_words of a str (len, s[i], slicing): its words, at `price`. */
  scanCost(v: AV | undefined, price: number): number {
    if (price === 0 || !v || (v.k !== 'str' && v.k !== 'any')) return 0;
    return Math.ceil(Math.min(v.len, this.L.max_bytes_len) / 32) * price;
  }
  /** A container that may be a dict (so a subscript keys it). */
  mayDict(v: AV | undefined): boolean {
    return !v || v.k === 'dict' || v.k === 'any';
  }

  int(bits: number, val?: bigint): AV {
    return { k: 'int', bits: Math.min(bits, this.L.max_int_bits), len: 0, val };
  }
  seq(k: Kind, len: number, elem?: AV): AV {
    const cap = k === 'bytes' || k === 'str' ? this.L.max_bytes_len : this.L.max_container_len;
    return { k, bits: 0, len: Math.min(len, cap), elem };
  }
  isInt(a: AV): boolean {
    return a.k === 'int' || a.k === 'bool';
  }
  /** bits if it may be an int (any kind could be), else 0 */
  ibits(a: AV): number {
    return a.k === 'int' || a.k === 'bool' || a.k === 'any' ? (a.k === 'bool' ? 1 : a.bits) : 0;
  }

  fromType(t: string): AV {
    if (t === 'int') return this.int(this.L.max_int_bits);
    if (t === 'bool') return { k: 'bool', bits: 1, len: 0 };
    if (t === 'bytes' || t === 'address' || t === 'str') return this.seq(t === 'str' ? 'str' : 'bytes', this.L.max_bytes_len);
    const lm = /^list<(.+)>$/.exec(t);
    if (lm) return this.seq('list', this.L.max_container_len, this.fromType(lm[1]));
    if (t.startsWith('tuple(')) return this.seq('tuple', this.L.max_container_len);
    return this.top;
  }

  fromConst(c: Const): AV {
    if (typeof c === 'bigint') return this.int((c < 0n ? -c : c).toString(2).length, c);
    if (c instanceof Uint8Array) return this.seq('bytes', c.length);
    if (typeof c === 'string') return this.seq('str', c.length);
    if (c === null) return { k: 'none', bits: 0, len: 0 };
    if (typeof c === 'boolean') return { k: 'bool', bits: 1, len: 0 };
    if (c instanceof ConstTuple) return this.seq('tuple', c.items.length);
    return this.top;
  }

  join(a: AV, b: AV): AV {
    if (a === b) return a;
    const k: Kind = a.k === b.k ? a.k : this.isInt(a) && this.isInt(b) ? 'int' : 'any';
    const elem = a.elem && b.elem ? this.join(a.elem, b.elem) : undefined;
    const r: AV = { k, bits: Math.max(a.bits, b.bits), len: Math.max(a.len, b.len), val: a.val !== undefined && a.val === b.val ? a.val : undefined, elem };
    if (a.src !== undefined && a.src === b.src) r.src = a.src;
    return r;
  }

  /** A local slot, now known to hold a bytes/str of at most `len`; containers may still grow. */
  refine(locals: AV[], slot: number, len: number): AV[] {
    const v = locals[slot];
    if (!v || (v.k !== 'bytes' && v.k !== 'str') || v.len <= len) return locals;
    return locals.map((x, i) => (i === slot ? { ...x, len } : x));
  }

  private memoArgs = new Map<string, Bound>();
  private posts = new Map<string, Post>();
  /** the post of the last bound() call, for the caller to refine its arguments' slots */
  lastPost: Post = new Map();
  private rets = new Map<string, AV>();
  /** what the last bound() call's function returns */
  lastRet: AV | undefined;

  bound(fi: number, params?: AV[]): Bound {
    // per call-site argument knowledge, memoized so that a chain of helpers each calling the
    // next several times stays linear
    const key = params === undefined ? String(fi) : `${fi}|${JSON.stringify(params, (_k, v) => (typeof v === 'bigint' ? v.toString() : v))}`;
    const hit = params === undefined ? this.memo.get(fi) : this.memoArgs.get(key);
    if (hit !== undefined) {
      this.lastPost = this.posts.get(key) ?? new Map();
      this.lastRet = this.rets.get(key);
      return hit;
    }
    let r: Bound;
    const post: Post = new Map();
    try {
      const w = this.walk(fi, params, post);
      r = w.gas;
      this.posts.set(key, post);
      if (w.ret) this.rets.set(key, w.ret);
      // no longer an exact number, and far past any gas limit
      if (r > Number.MAX_SAFE_INTEGER) r = `unbounded: bound exceeds 2^53 in ${this.m.funcs[fi].name}`;
    } catch (e) {
      if (!(e instanceof Unbounded)) throw e;
      r = `unbounded: ${e.located ?? e.reason}`;
    }
    if (params === undefined) this.memo.set(fi, r);
    else this.memoArgs.set(key, r);
    this.lastPost = this.posts.get(key) ?? new Map();
    this.lastRet = this.rets.get(key);
    return r;
  }

  /** `file:line` of an instruction from the debug info, else `function+pc` (stripped IR). */
  where(fi: number, pc: number): string {
    const f = this.m.funcs[fi];
    const d = this.m.debug;
    const lines = d?.funcs[fi]?.lines;
    if (d && lines && lines.length) {
      let line = lines[0].line;
      for (const e of lines) if (e.pc <= pc) line = e.line;
      return `${d.file}:${line}`;
    }
    return `${f.name}+${pc}`;
  }

  private located(fi: number, pc: number, e: unknown): unknown {
    if (!(e instanceof Unbounded) || e.located) return e;
    return new Unbounded(e.reason, `${e.reason} at ${this.where(fi, pc)}`);
  }

  /** Longest path over the (forward-only) control flow, with abstract stacks joined at merges. */
  private walk(fi: number, params: AV[] | undefined, post: Post): { gas: number; ret?: AV } {
    const f = this.m.funcs[fi];
    const code = f.code;
    const n = code.length;
    // parameters never stored to still hold the caller's value at a return
    const kept = new Set<number>();
    for (let i = 0; i < f.nparams; i++) kept.add(i);
    for (const ins of code) if (ins.op === Op.STORE) kept.delete(ins.args[0]);
    let returned = false;
    let ret: AV | undefined;
    for (let pc = 0; pc < n; pc++) {
      const ins = code[pc];
      const info = OP_BY_CODE[ins.op]!;
      if (info.jumpWhen === 'exhausted') throw this.located(fi, pc, new Unbounded('for loop'));
      const ti = info.operands.indexOf('target');
      // a backward jump is a loop
      if (ti >= 0 && ins.args[ti] <= pc) throw this.located(fi, ins.args[ti], new Unbounded('while loop'));
    }
    type State = { gas: number; stack: AV[]; locals: AV[] };
    const at: (State | undefined)[] = new Array(n);
    const locals0: AV[] = [];
    for (let i = 0; i < f.nlocals; i++) locals0.push(i < f.nparams ? (params?.[i] ?? this.top) : this.top);
    at[0] = { gas: 0, stack: [], locals: locals0 };
    let worst = 0;
    const flow = (to: number, s: State): void => {
      const cur = at[to];
      if (!cur) {
        at[to] = { gas: s.gas, stack: s.stack.slice(), locals: s.locals.slice() };
        return;
      }
      cur.gas = Math.max(cur.gas, s.gas);
      cur.stack = cur.stack.map((v, i) => this.join(v, s.stack[i]));
      cur.locals = cur.locals.map((v, i) => this.join(v, s.locals[i]));
    };
    for (let pc = 0; pc < n; pc++) {
      const s = at[pc];
      if (!s) continue; // unreachable
      const ins = code[pc];
      const info = OP_BY_CODE[ins.op]!;
      const pops = stackCount(info.stack[0], ins.args, this.m, info.operands);
      const args = s.stack.slice(s.stack.length - pops);
      const rest = s.stack.slice(0, s.stack.length - pops);
      let cost: number;
      let pushed: AV[];
      try {
        [cost, pushed] = this.step(ins.op, ins.args, args, s.locals);
      } catch (e) {
        throw this.located(fi, pc, e);
      }
      // the table's stack effect is the contract: an analysis that disagrees with it is a bug here
      const pushes = stackCount(info.stack[1], ins.args, this.m, info.operands);
      if (pushed.length !== pushes) throw new Error(`gas estimator: ${info.name} pushes ${pushed.length}, the table says ${pushes}`);
      const after: State = { gas: s.gas + info.base + cost, stack: [...rest, ...pushed], locals: s.locals };
      if (ins.op === Op.STORE)
        after.locals = s.locals.map((v, i) => (i === ins.args[0] ? { ...args[0], src: undefined, lenOf: undefined, fact: undefined } : v));
      // a normal return from abi.require(len(x) == K) or from a helper that checks its
      // parameter the same way bounds x's length from here on
      if (ins.op === Op.CALL_STD && STDLIB_BY_ID.get(ins.args[0])?.name === 'abi.require' && args[0]?.fact) {
        after.locals = this.refine(after.locals, args[0].fact.slot, args[0].fact.len);
      }
      if (ins.op === Op.CALL) {
        for (const [slot, len] of this.lastPost) {
          const src = args[slot]?.src;
          if (src !== undefined) after.locals = this.refine(after.locals, src, len);
        }
      }
      const target = ins.args[info.operands.indexOf('target')];
      switch (info.flow) {
        case 'end':
          if (ins.op === Op.RETURN) {
            for (const slot of kept) {
              const v = after.locals[slot];
              const len = v && (v.k === 'bytes' || v.k === 'str') ? v.len : Infinity;
              post.set(slot, returned ? Math.max(post.get(slot) ?? Infinity, len) : len);
            }
            returned = true;
            if (args[0]) {
              const v: AV = { ...args[0], src: undefined, lenOf: undefined, fact: undefined };
              ret = ret ? this.join(ret, v) : v;
            }
          }
          worst = Math.max(worst, after.gas);
          break;
        case 'jump':
          flow(target, after);
          break;
        case 'branch': {
          // the taken edge's stack, from the table's `taken` effect
          const [tp, tu] = info.taken!;
          const takenStack = [...s.stack.slice(0, s.stack.length - tp), ...new Array<AV>(tu).fill(this.top)];
          // the edge on which a truthy condition holds knows its fact (len(x) == K)
          const fact = tp === 1 ? args[0]?.fact : undefined;
          const held = (st: State): State => (fact ? { ...st, locals: this.refine(st.locals, fact.slot, fact.len) } : st);
          const taken: State = { ...after, stack: takenStack };
          flow(target, info.jumpWhen === 'truthy' ? held(taken) : taken);
          flow(pc + 1, info.jumpWhen === 'falsy' ? held(after) : after);
          break;
        }
        default: // next, call
          flow(pc + 1, after);
      }
    }
    return { gas: worst, ret };
  }

  /** Worst-case dynamic cost of one instruction (beyond its base) and what it pushes. */
  private step(op: number, args: number[], a: AV[], locals: AV[]): [number, AV[]] {
    const entry = OP_BY_CODE[op]!;
    const known = BOUNDED[entry.name] ?? [];
    for (const k of entry.measures) if (!known.includes(k)) throw new Unbounded(`no bound for ${entry.name}'s ${k} cost`);
    const bool: AV = { k: 'bool', bits: 1, len: 0 };
    const x = a[0];
    const y = a[1];
    switch (op) {
      case Op.CONST:
        return [0, [this.fromConst(this.m.consts[args[0]])]];
      case Op.LOAD:
        return [0, [{ ...locals[args[0]], src: args[0] }]];
      case Op.DUP:
        return [0, [x, x]];
      case Op.DUP2:
        return [0, [x, y, x, y]];
      case Op.SWAP:
        return [0, [y, x]];
      case Op.ROT3:
        return [0, [a[2], a[0], a[1]]];
      case Op.ADD:
      case Op.INPLACE_ADD: {
        const bits = Math.max(this.ibits(x), this.ibits(y)) + 1;
        const len = x.len + y.len;
        const cost = Math.max(this.limbs(bits), this.words(len), this.items(len));
        if (this.isInt(x) && this.isInt(y)) return [this.limbs(bits), [this.int(bits)]];
        if (x.k === y.k && x.k !== 'any') return [x.k === 'bytes' || x.k === 'str' ? this.words(len) : this.items(len), [this.seq(x.k, len, x.elem)]];
        return [cost, [this.top]];
      }
      case Op.SUB:
      case Op.NEG:
      case Op.POS:
      case Op.INVERT: {
        const bits = Math.max(this.ibits(x), y ? this.ibits(y) : 0) + 1;
        return [this.limbs(bits), [this.int(bits)]];
      }
      case Op.MUL:
      case Op.INPLACE_MUL: {
        if (this.isInt(x) && this.isInt(y)) return [this.limbs(x.bits + y.bits), [this.int(x.bits + y.bits)]];
        const [sq, n] = this.isInt(x) ? [y, x] : this.isInt(y) ? [x, y] : [this.top, this.top];
        const times = n.val !== undefined ? Number(n.val < 0n ? 0n : n.val) : Infinity;
        const len = sq.len === 0 || times === 0 ? 0 : sq.len * times;
        const cost = Math.max(
          this.limbs(this.ibits(x) + this.ibits(y)),
          sq.k === 'bytes' || sq.k === 'str' || sq.k === 'any' ? this.words(len) : 0,
          sq.k === 'bytes' || sq.k === 'str' ? 0 : this.items(len),
        );
        return [cost, [sq.k === 'any' ? this.top : this.seq(sq.k, len, sq.elem)]];
      }
      case Op.FLOORDIV:
      case Op.MOD:
      case Op.RSHIFT:
      case Op.BITAND:
      case Op.BITOR:
      case Op.BITXOR: {
        // str/bytes % args formats: its output is not tracked here
        if (op === Op.MOD && !this.isInt(x)) throw new Unbounded('% of a value that may be text (formatting)');
        const bits = Math.max(this.ibits(x), this.ibits(y));
        return [this.limbs(bits), [this.int(op === Op.FLOORDIV ? bits + 1 : bits)]];
      }
      case Op.POW: {
        const bits = y.val !== undefined ? this.ibits(x) * Number(y.val) : 2 * this.L.max_int_bits;
        return [this.limbs(bits), [this.int(bits)]];
      }
      case Op.LSHIFT: {
        const bits = y.val !== undefined ? this.ibits(x) + Number(y.val) : this.L.max_int_bits;
        return [this.limbs(bits), [this.int(bits)]];
      }
      case Op.NOT:
      case Op.IS:
      case Op.IS_NOT:
        return [0, [bool]];
      case Op.EQ:
      case Op.NE: {
        const r: AV = { ...bool };
        const [l, k] = x.lenOf !== undefined ? [x, y] : [y, x];
        if (op === Op.EQ && l.lenOf !== undefined && k.val !== undefined && k.val >= 0n) r.fact = { slot: l.lenOf, len: Number(k.val) };
        return [this.eqCost(x, y), [r]];
      }
      case Op.LT:
      case Op.LE:
      case Op.GT:
      case Op.GE:
        return [this.orderCost(x, y), [bool]];
      case Op.IN:
      case Op.NOT_IN:
        return [Math.max(this.words(y.len), this.items(y.len)) + (this.mayDict(y) ? this.keyCost(x, price(Op.IN).key_units) : 0), [bool]];
      case Op.CALL: {
        // the helper is priced with what is known of its arguments at this call site
        const b = this.bound(args[0], a);
        if (typeof b !== 'number') {
          const why = b.slice('unbounded: '.length);
          throw new Unbounded(`${why}, via ${this.m.funcs[args[0]].name}()`);
        }
        return [b, [this.lastRet ?? this.top]];
      }
      case Op.CALL_STD:
        return this.stdCost(args[0], a);
      case Op.CALL_BUILTIN:
        return this.builtinCost(args[0], a);
      case Op.CALL_METHOD:
        return this.methodCost(args[0], a);
      case Op.BUILD_LIST:
        return [
          this.items(args[0]),
          [
            this.seq(
              'list',
              args[0],
              a.reduce<AV | undefined>((p, v) => (p ? this.join(p, v) : v), undefined),
            ),
          ],
        ];
      case Op.BUILD_TUPLE:
        return [this.items(args[0]), [this.seq('tuple', args[0])]];
      case Op.BUILD_DICT: {
        const kp = price(Op.BUILD_DICT).key_units;
        const keys = a.filter((_v, i) => i % 2 === 0).reduce((t, k) => t + this.keyCost(k, kp), 0);
        return [this.items(args[0]) + keys, [this.seq('dict', args[0])]];
      }
      case Op.SUBSCR: {
        const p = price(Op.SUBSCR);
        const cost = (this.mayDict(x) ? this.keyCost(y, p.key_units) : 0) + this.scanCost(x, p.scan_words);
        return [cost, [x.k === 'bytes' ? this.int(8) : x.k === 'str' ? this.seq('str', 1) : (x.elem ?? this.top)]];
      }
      case Op.SLICE:
        return [
          Math.max(this.words(x.len), x.k === 'bytes' || x.k === 'str' ? 0 : this.items(x.len)) + this.scanCost(x, price(Op.SLICE).scan_words),
          [x.k === 'any' ? this.top : this.seq(x.k, x.len, x.elem)],
        ];
      case Op.UNPACK:
        return [0, new Array(args[0]).fill(x.elem ?? this.top)];
      case Op.ITER_INIT:
        // a loop over a dict or str starts from a snapshot of its keys or code points
        return [this.items(x.len), []];
      case Op.STORE_SUBSCR:
        // value, container, index
        return [this.mayDict(a[1]) ? this.keyCost(a[2], price(Op.STORE_SUBSCR).key_units) : 0, []];
      case Op.DEL_SUBSCR: {
        // container, index: a dict keys it, a list moves the items after the index
        const p = price(Op.DEL_SUBSCR);
        const list = !x || x.k === 'list' || x.k === 'any';
        return [(this.mayDict(x) ? this.keyCost(y, p.key_units) : 0) + (list ? p.items * Math.min(x ? x.len : Infinity, this.L.max_container_len) : 0), []];
      }
      case Op.LIST_APPEND:
        return [0, []];
      case Op.CHECK_RETURN: {
        const t = parseReturnType(this.m.consts[args[0]] as string);
        if (!t) throw new Unbounded('CHECK_RETURN without a type');
        return [this.checkCost(t, x), [x]];
      }
    }
    const info = OP_BY_CODE[op]!;
    // an instruction whose table entry names a size-dependent cost but has no case above
    // cannot be priced at zero: that is what made the estimator unsound
    if (info.measures.length) throw new Unbounded(`no bound for ${info.name}'s ${info.measures.join('/')} cost`);
    const pushes = stackCount(info.stack[1], args, this.m, info.operands);
    return [0, new Array(pushes).fill(this.top)];
  }

  /** CHECK_RETURN charges the items of every list and tuple the type looks into. */
  private checkCost(t: RType, v: AV | undefined): number {
    if (t.k === 'optional') return this.checkCost(t.item, v);
    if (t.k !== 'list' && t.k !== 'tuple') return 0;
    const items = t.k === 'list' ? (t.item ? [t.item] : null) : t.items;
    if (items === null) return 0; // a bare list or tuple: its items are not looked at
    v ??= this.top;
    const n = Math.min(v.len, this.L.max_container_len);
    const inner = Math.max(0, ...items.map((x) => this.checkCost(x, v.elem)));
    return this.items(n) + n * inner;
  }

  /** Equality charges per word of bytes/str and per item of containers, nested ones too. */
  private eqCost(x: AV, y: AV): number {
    const flat = (v: AV): boolean => v.k === 'int' || v.k === 'bool' || v.k === 'bytes' || v.k === 'str' || v.k === 'none';
    if (flat(x) || flat(y)) return this.words(Math.min(x.len, y.len));
    const seq = (v: AV): boolean => (v.k === 'list' || v.k === 'tuple') && !!v.elem && flat(v.elem);
    if (seq(x) && seq(y)) return this.items(Math.min(x.len, y.len)) * (1 + this.words(Math.max(x.elem!.len, y.elem!.len)));
    throw new Unbounded(`== of nested values (${x.k}, ${y.k})`);
  }

  /** Ordering charges per compared word/item and recurses into the first differing items. */
  private orderCost(x: AV, y: AV): number {
    const flat = (v: AV): boolean => v.k === 'int' || v.k === 'bool' || v.k === 'bytes' || v.k === 'str';
    if (flat(x) && flat(y)) return this.words(Math.min(x.len, y.len));
    if ((x.k === 'list' || x.k === 'tuple') && x.elem && flat(x.elem)) return this.items(Math.min(x.len, y.len)) + this.words(x.elem.len);
    throw new Unbounded(`ordering of nested values (${x.k}, ${y.k})`);
  }

  private stdCost(id: number, a: AV[]): [number, AV[]] {
    const s = STDLIB_BY_ID.get(id)!;
    const mod = s.name.split('.')[0];
    // the callee's code is not known here: it may use all the gas forwarded to it
    if (mod === 'contracts') throw new Unbounded(`cross-contract call ${s.name}()`);
    const L = this.L;
    // inputs are charged per word of their size; reads also per word of what comes back
    const out: Record<string, number> = {
      storage: L.max_storage_value_bytes,
      events: L.max_event_data_bytes,
      hash: 64,
      random: L.max_random_bytes,
      syscalls: L.max_syscall_out_bytes,
      abi: 0,
      treasury: 0,
      pq: 0,
    };
    const inWords = a.reduce((t, v) => t + (v.k === 'int' || v.k === 'bool' || v.k === 'none' ? 0 : Math.ceil(Math.min(v.len, L.max_bytes_len) / 32)), 0);
    const outWords = Math.ceil((out[mod] ?? L.max_syscall_out_bytes) / 32);
    const cost = s.base + s.dynamic.new_slots + s.dynamic.topics + s.dynamic.words * (inWords + outWords);
    const ctx: Record<string, AV> = {
      'abi.caller': this.seq('bytes', L.address_bytes),
      'abi.contract_address': this.seq('bytes', L.address_bytes),
      'abi.tx_hash': this.seq('bytes', 32),
      'abi.block_height': this.int(L.max_int_bits),
      'abi.block_timestamp': this.int(L.max_int_bits),
      'abi.chain_id': this.int(L.max_int_bits),
      'abi.call_value': this.int(L.max_int_bits),
    };
    const ret: AV = ctx[s.name]
      ? ctx[s.name]
      : s.name === 'storage.get_int'
        ? this.int(8 * 32)
        : s.name === 'storage.get'
          ? this.seq('bytes', L.max_storage_value_bytes)
          : mod === 'hash'
            ? this.seq('bytes', 64)
            : this.top;
    return [cost, [ret]];
  }

  private builtinCost(id: number, a: AV[]): [number, AV[]] {
    const b = BUILTIN_BY_ID.get(id)!;
    checkBounded(b.name, b.measures);
    // one price bounds both: the worst of the entry's per-word and per-item prices
    const per = Math.max(b.dynamic.words, b.dynamic.items);
    const x = a[0] ?? this.top;
    // quadratic decimal conversion of w words of digits
    const convert = (w: number): number => b.dynamic.convert_steps * w * Math.max(1, w - 3);
    const L = this.L;
    const n = (v: AV): number => Math.max(this.words(v.len), this.items(v.len));
    const flatElems = (v: AV): boolean => !!v.elem && (v.elem.k === 'int' || v.elem.k === 'bool');
    let dyn: number;
    let ret: AV = this.top;
    switch (b.name) {
      case 'len': {
        const r = this.int(32);
        if (x.src !== undefined && (x.k === 'bytes' || x.k === 'str')) r.lenOf = x.src;
        return [b.base + this.scanCost(x, b.dynamic.scan_words), [r]];
      }
      case 'bool':
      case 'isinstance':
        return [b.base, [{ k: 'bool', bits: 1, len: 0 }]];
      case 'ord':
        return [b.base, [this.int(21)]];
      case 'chr':
        return [b.base, [this.seq('str', 1)]];
      case 'abs':
        return [b.base + this.limbs(this.ibits(x) + 1), [this.int(this.ibits(x))]];
      case 'int':
        dyn = per * this.words(x.len) + convert(Math.ceil(Math.min(x.len, L.max_bytes_len) / 32));
        ret = this.int(L.max_int_bits);
        break;
      case 'str':
      case 'hex':
        // str() of bytes or a container renders it: its size is not tracked here
        if (b.name === 'str' && !this.isInt(x)) throw new Unbounded('str() of a value that may not be an int');
        dyn =
          per * this.words(Math.ceil(L.max_int_bits / 4)) +
          convert(Math.ceil(L.max_int_bits / 4 / 32)) +
          b.dynamic.limbs * Math.max(0, Math.ceil(L.max_int_bits / 64) - 4);
        ret = this.seq('str', Math.ceil(L.max_int_bits / 3) + 3);
        break;
      case 'bytes':
      case 'bytearray':
        dyn =
          x.k === 'int' && x.val !== undefined
            ? per * this.words(Number(x.val))
            : per * Math.max(this.words(3 * L.max_bytes_len), this.items(L.max_container_len));
        break;
      case 'list':
      case 'tuple':
      case 'dict':
      case 'enumerate':
      case 'reversed':
      case 'all':
      case 'any':
        dyn = per * n(x) + (b.name === 'dict' ? Math.min(x.len, L.max_container_len) * this.keyCost(undefined, b.dynamic.key_units) : 0);
        if (b.name === 'list' || b.name === 'reversed') ret = this.seq('list', x.len, x.k === 'bytes' ? this.int(8) : x.elem);
        break;
      case 'zip':
        dyn = per * a.length * Math.min(...a.map((v) => this.items(v.len)));
        break;
      case 'range':
        dyn = per * this.items(L.max_container_len);
        ret = this.seq('list', L.max_container_len, this.int(L.max_int_bits));
        break;
      case 'divmod':
        dyn = 2 * this.limbs(Math.max(this.ibits(x), this.ibits(a[1])));
        break;
      case 'pow':
        if (a.length === 3 && a[2].k !== 'none') {
          const w = Math.ceil(Math.max(this.ibits(a[2]), this.ibits(x)) / 64) || 1;
          dyn = b.dynamic.limb_steps * 2 * w * Math.ceil(w / 4) * Math.max(1, this.ibits(a[1]));
        } else dyn = this.limbs(a[1].val !== undefined ? this.ibits(x) * Number(a[1].val) : 2 * L.max_int_bits);
        break;
      case 'int.from_bytes':
        dyn =
          per * Math.max(this.words(x.len), this.items(x.len) + this.words(x.len)) +
          b.dynamic.limbs * Math.max(0, Math.ceil((8 * Math.min(x.len, L.max_bytes_len)) / 64) - 4);
        ret = this.int(8 * x.len);
        break;
      case 'slice.step':
        // x[a:b:c]: at most the whole sequence, plus a str's scan
        dyn = per * n(x) + this.scanCost(x, b.dynamic.scan_words);
        ret = x.k === 'any' ? this.top : this.seq(x.k, x.len, x.elem);
        break;
      case 'bin':
      case 'oct':
        dyn = b.dynamic.words * this.words(L.max_int_bits + 3) + b.dynamic.limbs * Math.max(0, Math.ceil(L.max_int_bits / 64) - 4);
        ret = this.seq('str', L.max_int_bits + 3);
        break;
      case 'round':
        // the power 10**-n is at most a few bits wider than the cap before the result is 0
        dyn = 3 * b.dynamic.limbs * Math.max(0, Math.ceil((L.max_int_bits + 8) / 64) - 4);
        ret = this.int(L.max_int_bits);
        break;
      case 'bytes.fromhex':
        dyn = per * this.words(x.len);
        ret = this.seq('bytes', Math.ceil(x.len / 2));
        break;
      case 'min':
      case 'max':
      case 'sum':
      case 'sorted': {
        // comparisons/additions of ints are free of word charges; of anything else, shape-dependent
        // sorted(xs, reverse) and sum(xs, start) always get two arguments from the compiler
        const one = a.length === 1 || b.name === 'sorted' || b.name === 'sum';
        const flat = one ? flatElems(x) && (b.name !== 'sum' || this.isInt(a[1])) : a.every((v) => this.isInt(v));
        if (!flat) throw new Unbounded(`${b.name}() over items of unknown shape`);
        const cnt = one ? Math.min(x.len, L.max_container_len) : a.length;
        // sorting n items makes fewer than n * (ceil(log2 n) + 1) comparisons (spec/SORT.md)
        const cmps = b.name === 'sorted' ? cnt * (32 - Math.clz32(Math.max(1, cnt - 1)) + 1) : 0;
        dyn = per * cnt + (b.name === 'sum' ? cnt * this.limbs(L.max_int_bits + 1) : 0) + b.dynamic.comparisons * cmps;
        break;
      }
      default:
        // the table declares no size-dependent part: the base is the whole price
        if (b.measures.length === 0) return [b.base, [ret]];
        throw new Unbounded(`no bound for builtin ${b.name}()`);
    }
    return [b.base + dyn, [ret]];
  }

  private methodCost(id: number, a: AV[]): [number, AV[]] {
    const b = METHOD_BY_ID.get(id)!;
    checkBounded(`method.${b.name}`, b.measures);
    // one price bounds both: the worst of the entry's per-word and per-item prices
    const per = Math.max(b.dynamic.words, b.dynamic.items);
    const r = a[0];
    const L = this.L;
    let dyn: number;
    let ret: AV = this.top;
    switch (b.name) {
      case 'bit_length':
        return [b.base, [this.int(16)]];
      case 'get':
      case 'setdefault':
        // setdefault of a missing key keys it twice: a lookup and a store
        return [b.base + (b.name === 'setdefault' ? 2 : 1) * this.keyCost(a[1], b.dynamic.key_units), [this.top]];
      case 'append':
        return [b.base, [this.top]];
      case 'to_bytes': {
        const len = a[1]?.val !== undefined ? Number(a[1].val) : L.max_bytes_len;
        dyn = per * this.words(len) + b.dynamic.limbs * Math.max(0, Math.ceil(this.ibits(r) / 64) - 4);
        ret = this.seq('bytes', len);
        break;
      }
      case 'hex':
        dyn = per * this.words(2 * r.len);
        ret = this.seq('str', 2 * r.len);
        break;
      case 'startswith':
      case 'endswith':
      case 'find':
      case 'strip':
      case 'index':
      case 'pop':
      case 'insert':
      case 'keys':
      case 'values':
      case 'items':
        dyn = per * Math.max(this.words(r.len), this.items(r.len)) + (b.name === 'pop' && this.mayDict(r) ? this.keyCost(a[1], b.dynamic.key_units) : 0);
        if (b.name === 'strip') ret = r;
        break;
      case 'extend':
        dyn = per * this.items(a[1].len);
        break;
      case 'rjust':
      case 'ljust': {
        const w = a[1]?.val !== undefined ? Math.max(Number(a[1].val), r.len) : L.max_bytes_len;
        dyn = per * this.words(w);
        ret = this.seq(r.k, w);
        break;
      }
      case 'decode':
      case 'encode':
        dyn = per * this.words(3 * r.len);
        ret = this.seq(b.name === 'decode' ? 'str' : 'bytes', 3 * r.len);
        break;
      case 'join':
        dyn = per * (this.words(L.max_bytes_len) + this.items(L.max_container_len));
        break;
      default:
        if (b.measures.length === 0) return [b.base, [ret]];
        throw new Unbounded(`no bound for method ${b.name}()`);
    }
    return [b.base + dyn, [ret]];
  }
}
