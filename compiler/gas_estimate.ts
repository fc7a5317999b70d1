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
import { PQ_MAX_UNITS } from '../spec/pq_units.js';
import { BUILTINS, CONSTANTS, DEFAULT_LIMITS, METHODS, Op, OP_BY_CODE, OPCODES, STDLIB_BY_ID, type Limits, type Measure } from '../spec/table.js';
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
  fact?: Fact;
  /** an int known to be >= 0 */
  nonneg?: boolean;
  /** a for-range loop's hidden slot: how many times it runs, and its values' bit length */
  range?: { trip: number; bits: number };
  /** a dict built by BUILD_DICT: its keys and values */
  entries?: [AV, AV][];
  /** a constant tuple of str: its items */
  strs?: string[];
}

/** The walk's state before an instruction: gas so far on the worst path, stack, locals. */
type WState = { gas: number; stack: AV[]; locals: AV[] };
/** What one function's walk gathers at its returns. */
type WalkCtx = { fi: number; kept: Set<number>; post: Post; returned: boolean; ret: AV | undefined };

/** Instructions one public function's walk may visit (loops unrolled until they repeat). */
const MAX_VISITS = 250_000;

/** len(range(...)) for RANGE_INIT's 1-3 arguments when all are constants. */
function rangeTrip(v: (bigint | undefined)[]): number | undefined {
  if (v.some((x) => x === undefined)) return undefined;
  const [start, stop, step] = v.length === 1 ? [0n, v[0]!, 1n] : v.length === 2 ? [v[0]!, v[1]!, 1n] : (v as bigint[]);
  if (step === 0n) return 0; // ValueError before the loop
  const n = step > 0n ? (stop - start + step - 1n) / step : (start - stop - step - 1n) / -step;
  return n > 0n ? Number(n > 1n << 40n ? 1n << 40n : n) : 0;
}

/**
 * What a true condition says of a local: its bytes/str length (`len(x) == K`), that an int
 * is >= 0 (`x >= 0`), or the bit length of a nonnegative int (`x <= y`, y known).
 */
type Fact = { slot: number; len?: number; bits?: number; nonneg?: boolean };

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
  'method.pop': ['key_units', 'removals'],
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
  ADD: ['limbs', 'words', 'items', 'buffers'],
  INPLACE_ADD: ['limbs', 'words', 'items', 'buffers'],
  MUL: ['limbs', 'words', 'items'],
  INPLACE_MUL: ['limbs', 'words', 'items'],
  SUB: ['limbs'],
  NEG: ['limbs'],
  POS: ['limbs'],
  INVERT: ['limbs'],
  FLOORDIV: ['limbs'],
  // int % int converts nothing; text % args (which does) is unbounded below
  MOD: ['limbs', 'words', 'convert_steps'],
  RSHIFT: ['limbs'],
  BITAND: ['limbs'],
  BITOR: ['limbs'],
  BITXOR: ['limbs'],
  POW: ['limbs'],
  LSHIFT: ['limbs'],
  // lookups: only dict walks make them, and eqCost has no bound for those
  EQ: ['words', 'items', 'key_units', 'lookups'],
  NE: ['words', 'items', 'key_units', 'lookups'],
  LT: ['words', 'items', 'limbs'],
  LE: ['words', 'items', 'limbs'],
  GT: ['words', 'items', 'limbs'],
  GE: ['words', 'items', 'limbs'],
  IN: ['words', 'items', 'key_units'],
  NOT_IN: ['words', 'items', 'key_units'],
  BUILD_LIST: ['items'],
  BUILD_TUPLE: ['items'],
  BUILD_DICT: ['items', 'key_units'],
  SUBSCR: ['key_units', 'scan_words'],
  STORE_SUBSCR: ['key_units'],
  DEL_SUBSCR: ['key_units', 'items', 'removals'],
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
  // Storage reads are priced per word of the value found. The contract's storage holds only
  // what its own calls wrote: if every write walked stores at most S bytes when reads find at
  // most S, then by induction over the calls no read ever finds more. Start from set_int's
  // 32 bytes and widen until the writes fit; a write the walks cannot see (in code only an
  // unbounded function reaches) leaves the cap.
  const cap = limits.max_storage_value_bytes;
  let stored = Math.min(32, cap);
  for (let pass = 0; ; pass++) {
    const est = new Estimator(m, limits, stored);
    const functions = new Map<string, Bound>();
    const unseen = new Set<number>();
    m.funcs.forEach((f, i) => {
      if (!f.isPublic) return;
      est.visits = 0;
      const ex = m.exports.find((e) => e.func === i);
      let b = est.bound(i, ex ? ex.params.map((t) => est.fromType(t)) : undefined);
      // the result's encoding (RESULT_PER_ITEM / RESULT_PER_WORD past the first value and word)
      if (isBounded(b) && ex) {
        const r = est.resultCost(ex.returns, est.lastRet);
        b = typeof r === 'number' ? b + r : `unbounded: ${r} of ${f.name}`;
      }
      functions.set(f.name, b);
      if (!isBounded(b)) unseen.add(i);
    });
    const written = reachesStorageSet(m, unseen) ? cap : Math.min(est.written, cap);
    if (written <= stored || stored >= cap) return { functions };
    stored = pass >= 3 ? cap : written;
  }
}

/** Whether a function in `from`, or one it calls, has a storage.set. */
function reachesStorageSet(m: IRModule, from: Set<number>): boolean {
  const seen = new Set<number>();
  const todo = [...from];
  while (todo.length) {
    const fi = todo.pop()!;
    if (seen.has(fi)) continue;
    seen.add(fi);
    for (const ins of m.funcs[fi].code) {
      if (ins.op === Op.CALL_STD && STDLIB_BY_ID.get(ins.args[0])?.name === 'storage.set') return true;
      if (ins.op === Op.CALL) todo.push(ins.args[0]);
    }
  }
  return false;
}

class Estimator {
  private memo = new Map<number, Bound>();
  /** instructions visited by the current public function's walk */
  visits = 0;
  private readonly top: AV;
  /** the longest value any storage.set walked so far writes */
  written = 32;
  constructor(
    private readonly m: IRModule,
    private readonly L: Readonly<Limits>,
    /** the longest value a storage read can find (estimateGas proves it) */
    private readonly stored: number = L.max_storage_value_bytes,
  ) {
    this.top = { k: 'any', bits: L.max_int_bits, len: Math.max(L.max_bytes_len, L.max_container_len) };
  }

  // ---- size units, always clamped by the caps the runtime checks before charging ----
  // at the worst price any entry gives the unit unless the caller knows whose handler runs
  words(n: number, price = G_WORD): number {
    return Math.ceil(Math.min(n, this.L.max_bytes_len) / 32) * price;
  }
  items(n: number, price = G_ITEM): number {
    return Math.min(n, this.L.max_container_len) * price;
  }
  limbs(bits: number, price = G_LIMB): number {
    // the runtime refuses results over the cap before charging; operands never exceed it,
    // so a charged width is at most twice the cap (a product or a power's estimate)
    const l = Math.ceil(Math.min(bits, 2 * this.L.max_int_bits) / 64);
    return Math.max(0, l - 4) * price;
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
    if (c instanceof ConstTuple) {
      const t = this.seq('tuple', c.items.length);
      if (c.items.every((x) => typeof x === 'string')) t.strs = c.items as string[];
      return t;
    }
    return this.top;
  }

  join(a: AV, b: AV): AV {
    if (a === b) return a;
    const nonneg = a.nonneg && b.nonneg ? { nonneg: true } : {};
    const k: Kind = a.k === b.k ? a.k : this.isInt(a) && this.isInt(b) ? 'int' : 'any';
    const elem = a.elem && b.elem ? this.join(a.elem, b.elem) : undefined;
    const r: AV = {
      k,
      bits: Math.max(a.bits, b.bits),
      len: Math.max(a.len, b.len),
      val: a.val !== undefined && a.val === b.val ? a.val : undefined,
      elem,
      ...nonneg,
    };
    if (a.src !== undefined && a.src === b.src) r.src = a.src;
    return r;
  }

  /** The locals once `f` is known to hold. */
  holds(locals: AV[], f: Fact): AV[] {
    if (f.len !== undefined) return this.refine(locals, f.slot, f.len);
    const v = locals[f.slot];
    if (!v || v.k !== 'int') return locals;
    const r: AV = { ...v, nonneg: v.nonneg || f.nonneg };
    if (f.bits !== undefined && f.bits < v.bits) r.bits = f.bits;
    return locals.map((x, i) => (i === f.slot ? r : x));
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

  /**
   * Longest path over the control flow, with abstract stacks joined at merges. Jumps go
   * forward, except a for-range loop's back edges: a loop over a range of known length is
   * walked iteration by iteration (spec/DETERMINISM.md §7), until an iteration starts from the
   * same abstract state as the one before, after which every further iteration costs the same.
   */
  private walk(fi: number, params: AV[] | undefined, post: Post): { gas: number; ret?: AV } {
    const f = this.m.funcs[fi];
    const code = f.code;
    const n = code.length;
    // parameters never stored to still hold the caller's value at a return
    const kept = new Set<number>();
    for (let i = 0; i < f.nparams; i++) kept.add(i);
    for (const ins of code) if (ins.op === Op.STORE) kept.delete(ins.args[0]);
    for (let pc = 0; pc < n; pc++) {
      const ins = code[pc];
      const info = OP_BY_CODE[ins.op]!;
      if (info.jumpWhen === 'exhausted' && ins.op !== Op.FOR_RANGE) throw this.located(fi, pc, new Unbounded('for loop'));
      const ti = info.operands.indexOf('target');
      // a backward jump is a loop: bounded only as a for-range loop's continue or back edge
      if (ti >= 0 && ins.args[ti] <= pc && code[ins.args[ti]].op !== Op.FOR_RANGE) throw this.located(fi, ins.args[ti], new Unbounded('while loop'));
    }
    const locals0: AV[] = [];
    for (let i = 0; i < f.nlocals; i++) locals0.push(i < f.nparams ? (params?.[i] ?? this.top) : this.top);
    const w: WalkCtx = { fi, kept, post, returned: false, ret: undefined };
    let worst = 0;
    this.region(
      w,
      0,
      n - 1,
      { gas: 0, stack: [], locals: locals0 },
      (to) => {
        throw new Error(`gas estimator: ${f.name} jumps to ${to}, outside its code`);
      },
      (g) => {
        worst = Math.max(worst, g);
      },
    );
    return { gas: worst, ret: w.ret };
  }

  /**
   * Walks pcs lo..hi from `entry`; a jump leaving the range goes to `out`, a function end's
   * gas to `end`. Loops inside are walked by loop().
   */
  private region(w: WalkCtx, lo: number, hi: number, entry: WState, out: (to: number, s: WState) => void, end: (gas: number) => void): void {
    const code = this.m.funcs[w.fi].code;
    const at = new Map<number, WState>([[lo, entry]]);
    const flow = (from: number, to: number, s: WState): void => {
      if (to <= from || to < lo || to > hi) return out(to, s);
      const cur = at.get(to);
      if (!cur) {
        at.set(to, { gas: s.gas, stack: s.stack.slice(), locals: s.locals.slice() });
        return;
      }
      cur.gas = Math.max(cur.gas, s.gas);
      cur.stack = cur.stack.map((v, i) => this.join(v, s.stack[i]));
      cur.locals = cur.locals.map((v, i) => this.join(v, s.locals[i]));
    };
    for (let pc = lo; pc <= hi; pc++) {
      const s = at.get(pc);
      if (!s) continue; // unreachable
      at.delete(pc);
      if (++this.visits > MAX_VISITS) throw this.located(w.fi, pc, new Unbounded('loops too long to walk'));
      const ins = code[pc];
      if (ins.op === Op.FOR_RANGE) {
        const head = pc;
        pc = this.loop(w, head, s, (to, st) => flow(head, to, st), end);
        for (const k of at.keys()) if (k > head && k <= pc) throw this.located(w.fi, k, new Unbounded('a jump into a loop body'));
        continue;
      }
      this.instruction(w, pc, s, (to, st) => flow(pc, to, st), end);
    }
  }

  /** A for-range loop headed at `head`, entered with `s`: returns its last body pc. */
  private loop(w: WalkCtx, head: number, s: WState, flow: (to: number, st: WState) => void, end: (gas: number) => void): number {
    const code = this.m.funcs[w.fi].code;
    const [slot, exit] = code[head].args;
    // the back edge: the last jump to the head before the loop's exit
    let back = -1;
    for (let pc = head + 1; pc < exit; pc++) {
      const ins = code[pc];
      const ti = OP_BY_CODE[ins.op]!.operands.indexOf('target');
      if (ti >= 0 && ins.args[ti] === head) back = pc;
    }
    const range = s.locals[slot]?.range;
    if (!range || back < 0) throw this.located(w.fi, head, new Unbounded('for loop over a range of unknown length'));
    const base = OP_BY_CODE[Op.FOR_RANGE]!.base;
    const item = this.int(range.bits);
    let cur: WState = s;
    for (let it = 0; it < range.trip; it++) {
      const exits: [number, WState][] = [];
      let cont: WState | undefined;
      let iterEnd = -1;
      const body: WState = { gas: cur.gas + base, stack: [...cur.stack, item], locals: cur.locals };
      this.region(
        w,
        head + 1,
        back,
        body,
        (to, st) => {
          if (to === head) cont = cont ? this.joinState(cont, st) : { ...st, stack: st.stack.slice(), locals: st.locals.slice() };
          else exits.push([to, st]);
        },
        (g) => {
          iterEnd = Math.max(iterEnd, g);
        },
      );
      // once an iteration starts as the one before did, the rest repeat it at the same cost
      const left = cont && this.sameShape(cur, cont) ? range.trip - it - 1 : 0;
      const delta = left ? cont!.gas - cur.gas : 0;
      for (const [to, st] of exits) flow(to, { ...st, gas: st.gas + left * delta });
      if (iterEnd >= 0) end(iterEnd + left * delta);
      if (!cont) return back;
      cur = { ...cont, gas: cont.gas + left * delta };
      if (left) break;
    }
    // exhausted: on to the exit with the stack the loop started with
    flow(exit, { ...cur, gas: cur.gas + base });
    return back;
  }

  private joinState(a: WState, b: WState): WState {
    return { gas: Math.max(a.gas, b.gas), stack: a.stack.map((v, i) => this.join(v, b.stack[i])), locals: a.locals.map((v, i) => this.join(v, b.locals[i])) };
  }

  private sameShape(a: WState, b: WState): boolean {
    const key = (s: WState): string => JSON.stringify([s.stack, s.locals], (_k, v) => (typeof v === 'bigint' ? `${v}n` : v));
    return key(a) === key(b);
  }

  /** One instruction at pc from state s: its successors go to `flow`, a return's gas to `end`. */
  private instruction(w: WalkCtx, pc: number, s: WState, flow: (to: number, st: WState) => void, end: (gas: number) => void): void {
    const fi = w.fi;
    const code = this.m.funcs[fi].code;
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
    const after: WState = { gas: s.gas + info.base + cost, stack: [...rest, ...pushed], locals: s.locals };
    if (ins.op === Op.STORE) after.locals = s.locals.map((v, i) => (i === ins.args[0] ? { ...args[0], src: undefined, lenOf: undefined, fact: undefined } : v));
    if (ins.op === Op.RANGE_INIT) {
      // the loop's hidden slot knows how many times it runs, when its bounds are constants
      const trip = rangeTrip(args.map((v) => v.val));
      const bits = Math.max(1, ...args.map((v) => this.ibits(v)));
      after.locals = s.locals.map((v, i) => (i === ins.args[0] ? { ...this.top, range: trip === undefined ? undefined : { trip, bits } } : v));
    }
    // a normal return from abi.require(len(x) == K) or from a helper that checks its
    // parameter the same way bounds x's length from here on
    if (ins.op === Op.CALL_STD && STDLIB_BY_ID.get(ins.args[0])?.name === 'abi.require' && args[0]?.fact) {
      after.locals = this.holds(after.locals, args[0].fact);
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
          for (const slot of w.kept) {
            const v = after.locals[slot];
            const len = v && (v.k === 'bytes' || v.k === 'str') ? v.len : Infinity;
            w.post.set(slot, w.returned ? Math.max(w.post.get(slot) ?? Infinity, len) : len);
          }
          w.returned = true;
          if (args[0]) {
            const v: AV = { ...args[0], src: undefined, lenOf: undefined, fact: undefined };
            w.ret = w.ret ? this.join(w.ret, v) : v;
          }
        }
        end(after.gas);
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
        const held = (st: WState): WState => (fact ? { ...st, locals: this.holds(st.locals, fact) } : st);
        const taken: WState = { ...after, stack: takenStack };
        flow(target, info.jumpWhen === 'truthy' ? held(taken) : taken);
        flow(pc + 1, info.jumpWhen === 'falsy' ? held(after) : after);
        break;
      }
      default: // next, call
        flow(pc + 1, after);
    }
  }

  /** Worst-case dynamic cost of one instruction (beyond its base) and what it pushes. */
  private step(op: number, args: number[], a: AV[], locals: AV[]): [number, AV[]] {
    const entry = OP_BY_CODE[op]!;
    const known = BOUNDED[entry.name] ?? [];
    for (const k of entry.measures) if (!known.includes(k)) throw new Unbounded(`no bound for ${entry.name}'s ${k} cost`);
    const bool: AV = { k: 'bool', bits: 1, len: 0 };
    // the instruction's own prices, for the cases whose handler charges only its entry
    // (comparisons walk shared code at several entries' prices: they keep the worst)
    const P = entry.dynamic;
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
        // a bytes result past 64 bytes also pays its allocation (`buffers`)
        const buf = len > 64 ? P.buffers : 0;
        const cost = Math.max(this.limbs(bits, P.limbs), this.words(len, P.words) + buf, this.items(len, P.items));
        if (this.isInt(x) && this.isInt(y)) return [this.limbs(bits, P.limbs), [this.int(bits)]];
        if (x.k === y.k && x.k !== 'any')
          return [
            x.k === 'bytes' || x.k === 'str' ? this.words(len, P.words) + (x.k === 'bytes' ? buf : 0) : this.items(len, P.items),
            [this.seq(x.k, len, x.elem)],
          ];
        return [cost, [this.top]];
      }
      case Op.SUB:
      case Op.NEG:
      case Op.POS:
      case Op.INVERT: {
        const bits = Math.max(this.ibits(x), y ? this.ibits(y) : 0) + 1;
        return [this.limbs(bits, P.limbs), [this.int(bits, op === Op.NEG && x.val !== undefined ? -x.val : undefined)]];
      }
      case Op.MUL:
      case Op.INPLACE_MUL: {
        if (this.isInt(x) && this.isInt(y)) return [this.limbs(x.bits + y.bits, P.limbs), [this.int(x.bits + y.bits)]];
        const [sq, n] = this.isInt(x) ? [y, x] : this.isInt(y) ? [x, y] : [this.top, this.top];
        const times = n.val !== undefined ? Number(n.val < 0n ? 0n : n.val) : Infinity;
        const len = sq.len === 0 || times === 0 ? 0 : sq.len * times;
        const cost = Math.max(
          this.limbs(this.ibits(x) + this.ibits(y), P.limbs),
          sq.k === 'bytes' || sq.k === 'str' || sq.k === 'any' ? this.words(len, P.words) : 0,
          sq.k === 'bytes' || sq.k === 'str' ? 0 : this.items(len, P.items),
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
        const rbits = op === Op.FLOORDIV ? bits + 1 : op === Op.MOD && this.isInt(y) ? this.ibits(y) : bits;
        return [this.limbs(bits, P.limbs), [this.int(rbits)]];
      }
      case Op.POW: {
        const bits = y.val !== undefined ? this.ibits(x) * Number(y.val) : 2 * this.L.max_int_bits;
        return [this.limbs(bits, P.limbs), [this.int(bits)]];
      }
      case Op.LSHIFT: {
        const bits = y.val !== undefined ? this.ibits(x) + Number(y.val) : this.L.max_int_bits;
        return [this.limbs(bits, P.limbs), [this.int(bits)]];
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
      case Op.GE: {
        // small <(=) big: a nonnegative small is then below 2^bits(big); 0 <(=) big makes big >= 0
        const [small, big] = op === Op.LT || op === Op.LE ? [x, y] : [y, x];
        const r: AV = { ...bool };
        const nonneg = (v: AV): boolean => v.k === 'int' && (v.nonneg === true || (v.val !== undefined && v.val >= 0n));
        if (small.src !== undefined && nonneg(small) && this.isInt(big)) r.fact = { slot: small.src, bits: this.ibits(big) };
        else if (big.src !== undefined && big.k === 'int' && nonneg(small)) r.fact = { slot: big.src, nonneg: true };
        return [this.orderCost(x, y), [r]];
      }
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
          this.items(args[0], P.items),
          [
            this.seq(
              'list',
              args[0],
              a.reduce<AV | undefined>((p, v) => (p ? this.join(p, v) : v), undefined),
            ),
          ],
        ];
      case Op.BUILD_TUPLE:
        return [this.items(args[0], P.items), [this.seq('tuple', args[0])]];
      case Op.BUILD_DICT: {
        const kp = price(Op.BUILD_DICT).key_units;
        const keys = a.filter((_v, i) => i % 2 === 0).reduce((t, k) => t + this.keyCost(k, kp), 0);
        const entries: [AV, AV][] = [];
        for (let i = 0; i < a.length; i += 2) entries.push([a[i], a[i + 1]]);
        return [this.items(args[0], P.items) + keys, [{ ...this.seq('dict', args[0]), entries }]];
      }
      case Op.SUBSCR: {
        const p = price(Op.SUBSCR);
        const cost = (this.mayDict(x) ? this.keyCost(y, p.key_units) : 0) + this.scanCost(x, p.scan_words);
        return [cost, [x.k === 'bytes' ? this.int(8) : x.k === 'str' ? this.seq('str', 1) : (x.elem ?? this.top)]];
      }
      case Op.SLICE:
        return [
          Math.max(this.words(x.len, P.words), x.k === 'bytes' || x.k === 'str' ? 0 : this.items(x.len, P.items)) + this.scanCost(x, P.scan_words),
          [x.k === 'any' ? this.top : this.seq(x.k, x.len, x.elem)],
        ];
      case Op.UNPACK:
        return [0, new Array(args[0]).fill(x.elem ?? this.top)];
      case Op.ITER_INIT:
        // a loop over a dict or str starts from a snapshot of its keys or code points
        return [this.items(x.len, P.items), []];
      case Op.STORE_SUBSCR:
        // value, container, index
        return [this.mayDict(a[1]) ? this.keyCost(a[2], price(Op.STORE_SUBSCR).key_units) : 0, []];
      case Op.DEL_SUBSCR: {
        // container, index: a dict keys it, a list moves the items after the index
        const p = price(Op.DEL_SUBSCR);
        const list = !x || x.k === 'list' || x.k === 'any';
        return [
          (this.mayDict(x) ? this.keyCost(y, p.key_units) + p.removals : 0) + (list ? p.items * Math.min(x ? x.len : Infinity, this.L.max_container_len) : 0),
          [],
        ];
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

  /**
   * What encoding a public function's result costs (spec/GAS.md §3) for a scalar of the
   * returned abstract value's size, or the reason there is no bound (a container result:
   * shared references make its values and bytes unbounded by its length).
   */
  resultCost(type: string, v: AV | undefined): number | string {
    const perWord = CONSTANTS.RESULT_PER_WORD;
    const words = (bytes: number): number => Math.max(0, Math.ceil(bytes / 32) - 1);
    if (type === 'none') return 0;
    if (type === 'bool') return 0;
    if (type === 'int') return perWord * words(Math.ceil(((v && v.k === 'int' ? v.bits : this.L.max_int_bits) + 1) / 7));
    if (type === 'bytes' || type === 'str' || type === 'address') {
      const len = v && (v.k === 'bytes' || v.k === 'str') ? v.len : this.L.max_bytes_len;
      // a str's length counts code points: at most 4 UTF-8 bytes each; the length prefix: 5
      return perWord * words(5 + (type === 'str' ? 4 : 1) * Math.min(len, this.L.max_bytes_len));
    }
    return `a ${type} result`;
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
    // two big ints pay LT's limbs of the shorter (an item pair of two sequences at most x's items' own)
    const lp = price(Op.LT).limbs;
    if (flat(x) && flat(y)) return this.words(Math.min(x.len, y.len)) + this.limbs(Math.min(this.ibits(x), this.ibits(y)), lp);
    if ((x.k === 'list' || x.k === 'tuple') && x.elem && flat(x.elem))
      return this.items(Math.min(x.len, y.len)) + this.words(x.elem.len) + this.limbs(this.ibits(x.elem), lp);
    throw new Unbounded(`ordering of nested values (${x.k}, ${y.k})`);
  }

  /**
   * Each stdlib function priced as its implementation charges (stdlib/*.ts, spec/GAS.md §5):
   * per word of the inputs it reads and of what it reads back. A storage read comes back
   * with at most `stored` bytes (estimateGas proves that bound of the contract's own writes).
   */
  private stdCost(id: number, a: AV[]): [number, AV[]] {
    const s = STDLIB_BY_ID.get(id)!;
    const mod = s.name.split('.')[0];
    // the callee's code is not known here: it may use all the gas forwarded to it
    if (mod === 'contracts') throw new Unbounded(`cross-contract call ${s.name}()`);
    const L = this.L;
    const pw = s.dynamic.words;
    // bytes of a bytes argument, or of a str's UTF-8 (at most 3 per UTF-16 unit)
    const size = (v: AV | undefined): number => {
      if (!v || v.k === 'any' || v.k === 'list' || v.k === 'tuple' || v.k === 'dict') return L.max_bytes_len;
      if (v.k === 'bytes') return Math.min(v.len, L.max_bytes_len);
      if (v.k === 'str') return Math.min(3 * v.len, L.max_bytes_len);
      return 0;
    };
    const w = (n: number): number => Math.ceil(Math.min(n, L.max_bytes_len) / 32);
    const key = (v: AV | undefined): number => w(Math.min(size(v), L.max_storage_key_bytes));
    const bytes = (n: number): AV => this.seq('bytes', n);
    let cost: number;
    let ret: AV = this.top;
    switch (s.name) {
      case 'storage.get':
        cost = pw * (key(a[0]) + w(this.stored));
        ret = this.join(bytes(this.stored), a[1] ?? this.top);
        break;
      case 'storage.get_int':
        cost = pw * (key(a[0]) + w(this.stored));
        ret = this.join(this.int(256), a[1] ?? this.top);
        break;
      case 'storage.set': {
        const v = Math.min(size(a[1]), L.max_storage_value_bytes);
        this.written = Math.max(this.written, v);
        cost = pw * (key(a[0]) + w(v)) + s.dynamic.new_slots;
        ret = { k: 'none', bits: 0, len: 0 };
        break;
      }
      case 'storage.set_int':
        cost = pw * (key(a[0]) + 1) + s.dynamic.new_slots;
        ret = { k: 'none', bits: 0, len: 0 };
        break;
      case 'storage.delete':
      case 'storage.exists':
        cost = pw * key(a[0]);
        break;
      case 'events.emit':
        cost = s.dynamic.topics + pw * w(this.eventData(a[1])) + this.eventArgs(a[1], s.dynamic.items, s.dynamic.convert_steps);
        break;
      case 'hash.sha3_256':
      case 'hash.keccak256':
      case 'hash.blake3':
        cost = pw * w(size(a[0]));
        ret = bytes(32);
        break;
      case 'hash.sha3_512':
        cost = pw * w(size(a[0]));
        ret = bytes(64);
        break;
      case 'abi.encode':
        // type names, then the encoding, which the call caps at max_bytes_len; one item per value
        cost = pw * (w(this.textItems(a[0])) + w(L.max_bytes_len)) + s.dynamic.items * this.abiItems(a[0]);
        break;
      case 'abi.decode':
        cost = pw * (w(this.textItems(a[0])) + w(size(a[1]))) + s.dynamic.items * this.abiItems(a[0]);
        break;
      case 'treasury.balance':
      case 'treasury.transfer':
        cost = pw * w(L.address_bytes);
        ret = s.name === 'treasury.balance' ? this.int(256) : ret;
        break;
      case 'random.bytes': {
        const n = a[0]?.val !== undefined && a[0].val >= 0n ? Math.min(Number(a[0].val), L.max_random_bytes) : L.max_random_bytes;
        cost = pw * w(n);
        ret = bytes(n);
        break;
      }
      case 'syscalls.blob_pin':
        cost = pw * w(Math.min(size(a[1]), L.max_syscall_in_bytes));
        break;
      case 'syscalls.quantum_enqueue':
        cost = pw * w(Math.min(size(a[0]), L.max_syscall_in_bytes));
        break;
      case 'syscalls.ai_enqueue':
      case 'syscalls.zk_verify':
        // each input's words, their sum capped by max_syscall_in_bytes (each may round up)
        cost =
          pw *
          Math.min(
            a.reduce((t, v) => t + w(size(v)), 0),
            w(L.max_syscall_in_bytes) + a.length,
          );
        break;
      case 'syscalls.read_result':
        cost = pw * (1 + w(L.max_syscall_out_bytes));
        ret = bytes(L.max_syscall_out_bytes);
        break;
      case 'pq.verify':
        cost =
          s.dynamic.pq_units * PQ_MAX_UNITS +
          pw *
            Math.min(
              a.slice(1).reduce((t, v) => t + w(size(v)), 0),
              w(L.max_syscall_in_bytes) + 3,
            );
        ret = { k: 'bool', bits: 1, len: 0 };
        break;
      case 'pq.address':
        cost = pw * w(2 + size(a[1]));
        ret = bytes(L.address_bytes);
        break;
      case 'abi.caller':
      case 'abi.contract_address':
        cost = 0;
        ret = bytes(L.address_bytes);
        break;
      case 'abi.tx_hash':
        cost = 0;
        ret = bytes(32);
        break;
      default:
        // the rest (require, revert, block context, the beacon) have no size-dependent part
        if (s.measures.length) throw new Unbounded(`no bound for ${s.name}()'s ${s.measures.join('/')} cost`);
        cost = 0;
        if (s.name.startsWith('abi.')) ret = this.int(L.max_int_bits);
    }
    return [s.base + cost, [ret]];
  }

  /**
   * Values abi.encode/decode make for a constant tuple of scalar type names: one per name. A
   * list or tuple type holds as many values as the data says: no bound here.
   */
  private abiItems(v: AV | undefined): number {
    if (!v?.strs || v.strs.some((n) => /[[<(]|list|tuple/i.test(n))) throw new Unbounded('abi codec of list or tuple types (its item count)');
    return v.strs.length;
  }

  /** Bytes of the type names in abi.encode/decode's list or tuple of str. */
  private textItems(v: AV | undefined): number {
    if (v && (v.k === 'list' || v.k === 'tuple') && v.elem && v.elem.k === 'str') return Math.min(v.len, this.L.max_container_len) * v.elem.len;
    return this.L.max_bytes_len;
  }

  /** Bytes of an event's data (stdlib/event_codec.ts): count, then per arg key, tag, value. */
  /** per arg, and the decimal conversion steps of each int arg past 53 bits (as str() counts them) */
  private eventArgs(v: AV | undefined, perArg: number, perStep: number): number {
    const L = this.L;
    const steps = (bits: number): number => {
      if (bits <= 53) return 0;
      const w = Math.ceil(Math.floor(Math.min(bits, L.max_int_bits) / 4) / 32);
      return w * Math.max(1, w - 3);
    };
    if (!v || v.k !== 'dict' || !v.entries) return L.max_event_args * (perArg + perStep * steps(L.max_int_bits));
    let cost = 0;
    for (const [, x] of v.entries) {
      cost += perArg;
      if (x.k === 'int') cost += perStep * steps(x.bits + 1);
      else if (x.k !== 'bool' && x.k !== 'none' && x.k !== 'bytes' && x.k !== 'str') cost += perStep * steps(L.max_int_bits);
    }
    return cost;
  }

  private eventData(v: AV | undefined): number {
    const L = this.L;
    if (!v || v.k !== 'dict' || !v.entries) return L.max_event_data_bytes;
    const varint = (bits: number): number => Math.max(1, Math.ceil(bits / 7));
    let n = varint(32);
    for (const [k, x] of v.entries) {
      const kl = k.k === 'str' || k.k === 'bytes' ? Math.min(k.len, L.max_event_data_bytes) : L.max_event_data_bytes;
      n += varint(32) + kl + 1;
      if (x.k === 'int') n += varint(x.bits + 1);
      else if (x.k === 'bool') n += 1;
      else if (x.k === 'none') n += 0;
      else if (x.k === 'bytes') n += varint(32) + x.len;
      else if (x.k === 'str') n += varint(32) + 3 * x.len;
      else return L.max_event_data_bytes;
    }
    return Math.min(n, L.max_event_data_bytes);
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
        dyn = this.words(x.len, per) + convert(Math.ceil(Math.min(x.len, L.max_bytes_len) / 32));
        ret = this.int(L.max_int_bits);
        break;
      case 'str':
      case 'hex':
        // str() of bytes or a container renders it: its size is not tracked here
        if (b.name === 'str' && !this.isInt(x)) throw new Unbounded('str() of a value that may not be an int');
        dyn =
          this.words(Math.ceil(L.max_int_bits / 4), per) +
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
          Math.max(this.words(x.len, per), this.items(x.len, per) + this.words(x.len, per)) +
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
        dyn = this.words(x.len, per);
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
        dyn = this.words(len, per) + b.dynamic.limbs * Math.max(0, Math.ceil(this.ibits(r) / 64) - 4);
        ret = this.seq('bytes', len);
        break;
      }
      case 'hex':
        dyn = this.words(2 * r.len, per);
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
        dyn =
          per * Math.max(this.words(r.len), this.items(r.len)) +
          (b.name === 'pop' && this.mayDict(r) ? this.keyCost(a[1], b.dynamic.key_units) + b.dynamic.removals : 0);
        if (b.name === 'strip') ret = r;
        break;
      case 'extend':
        dyn = per * this.items(a[1].len);
        break;
      case 'rjust':
      case 'ljust': {
        const w = a[1]?.val !== undefined ? Math.max(Number(a[1].val), r.len) : L.max_bytes_len;
        dyn = this.words(w, per);
        ret = this.seq(r.k, w);
        break;
      }
      case 'decode':
      case 'encode':
        dyn = this.words(3 * r.len, per);
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
