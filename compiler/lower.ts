// Checked AST -> IR. A straightforward stack-code generator: expressions leave one value,
// statements leave none, locals live in numbered slots, for-loops keep their state in three
// hidden slots so that break/continue never have to clean the operand stack.
import { BUILTIN_BY_NAME, METHOD_BY_NAME, Op, STDLIB_BY_NAME, TYPE_MASK, type ParamDefault, type StdParam } from '../spec/table.js';
import type { BinOp, CmpOp, Comprehension, Expr, FunctionDef, Keyword, Stmt } from '../validate/ast.js';
import { attrPath, type CheckedModule } from '../validate/check.js';
import { FOREIGN_TYPES, resolveStdlibPath, TYPE_NAMES } from '../validate/names.js';
import { fold, FoldError } from './constfold.js';
import { MAX_CONST_DEPTH } from './codec.js';
import { ConstTuple, type Const, type DebugFunction, type IRFunction, type Instr } from './ir.js';
import { CONSTRUCTOR } from '../spec/constructor.js';
import type { FPart } from '../validate/ast.js';
import { needsCheck, returnPlan, type ReturnPlan } from './return_check.js';

const BIN_OPS: Record<BinOp, Op> = {
  '+': Op.ADD,
  '-': Op.SUB,
  '*': Op.MUL,
  '//': Op.FLOORDIV,
  '%': Op.MOD,
  '**': Op.POW,
  '<<': Op.LSHIFT,
  '>>': Op.RSHIFT,
  '&': Op.BITAND,
  '|': Op.BITOR,
  '^': Op.BITXOR,
};
const CMP_OPS: Record<CmpOp, Op> = {
  '==': Op.EQ,
  '!=': Op.NE,
  '<': Op.LT,
  '<=': Op.LE,
  '>': Op.GT,
  '>=': Op.GE,
  in: Op.IN,
  'not in': Op.NOT_IN,
  is: Op.IS,
  'is not': Op.IS_NOT,
};

/** A table signature's default as a compile-time constant (ints are bigints in the IR). */
function defaultConst(d: ParamDefault): Const {
  if (typeof d === 'number') return BigInt(d);
  if (d !== null && typeof d === 'object') return Uint8Array.from(d.bytes.match(/../g) ?? [], (h) => parseInt(h, 16));
  return d;
}

interface Loop {
  continueTo: number;
  breaks: number[];
}

export interface LoweredModule {
  consts: Const[];
  funcs: IRFunction[];
  debug: DebugFunction[];
}

export function lowerModule(cm: CheckedModule): LoweredModule {
  const consts: Const[] = [];
  const constIndex = new Map<string, number>();
  const folded = new Map<string, Const>();
  const env = { consts: folded, imports: cm.imports };
  for (const c of cm.mod.consts) {
    try {
      folded.set(c.name, fold(c.value, env));
    } catch (e) {
      if (!(e instanceof FoldError)) throw e;
      cm.src.error('E-MODULE-STATE', `constant ${c.name}: ${e.message}`, e.at);
    }
  }
  const funcIndex = new Map<string, number>();
  cm.mod.funcs.forEach((f, i) => funcIndex.set(f.name, i));
  const defaults = new Map<string, (Const | undefined)[]>();
  for (const f of cm.mod.funcs) {
    defaults.set(
      f.name,
      f.params.map((p) => {
        if (!p.default) return undefined;
        try {
          return fold(p.default, env);
        } catch (e) {
          if (!(e instanceof FoldError)) throw e;
          cm.src.error('E-DEFAULT', `default of '${p.name}' must be a constant expression`, p.default.at);
          return null;
        }
      }),
    );
  }
  const ctx: ModuleCtx = {
    cm,
    folded,
    funcIndex,
    defaults,
    constId(c: Const): number {
      const key = constKey(c);
      let i = constIndex.get(key);
      if (i === undefined) {
        i = consts.length;
        consts.push(c);
        constIndex.set(key, i);
      }
      return i;
    },
  };
  const funcs: IRFunction[] = [];
  const debug: DebugFunction[] = [];
  for (const f of cm.mod.funcs) {
    const b = new FnBuilder(ctx, f);
    b.lowerBody();
    funcs.push({
      name: f.name,
      isPublic: !f.name.startsWith('_') || f.name === CONSTRUCTOR,
      nparams: f.params.length,
      nlocals: b.localNames.length,
      code: b.code,
    });
    debug.push({ locals: b.localNames, lines: b.lines });
  }
  return { consts, funcs, debug };
}

interface ModuleCtx {
  cm: CheckedModule;
  folded: Map<string, Const>;
  funcIndex: Map<string, number>;
  defaults: Map<string, (Const | undefined)[]>;
  constId(c: Const): number;
}

function constKey(c: Const): string {
  if (typeof c === 'bigint') return 'i' + c;
  if (c instanceof Uint8Array) return 'b' + Array.from(c).join(',');
  if (typeof c === 'string') return 's' + c;
  if (c === null) return 'n';
  if (c === true) return 'T';
  if (c === false) return 'F';
  return 't(' + c.items.map(constKey).join('|') + ')';
}

class FnBuilder {
  code: Instr[] = [];
  lines: DebugFunction['lines'] = [];
  localNames: string[] = [];
  private locals = new Map<string, number>();
  scopes: Map<string, number>[] = []; // comprehension scopes
  private loops: Loop[] = [];
  at = 0;
  private lastLine = -1;
  private lastCol = -1;

  constructor(
    readonly m: ModuleCtx,
    private readonly f: FunctionDef,
  ) {
    for (const p of f.params) this.slot(p.name);
    this.plan = returnPlan(m.cm, f);
  }

  /** the function's return annotation, when the run checks it */
  private readonly plan: ReturnPlan | null;

  /** CHECK_RETURN before a return of `e` (null: None) unless its type is proven. */
  checkReturn(e: Expr | null): void {
    if (this.plan && needsCheck(this.plan, e)) this.emit(Op.CHECK_RETURN, this.m.constId(this.plan.name));
  }

  get src() {
    return this.m.cm.src;
  }

  err(code: string, msg: string, at: number): void {
    this.src.error(code, msg, at);
  }

  slot(name: string): number {
    let s = this.locals.get(name);
    if (s === undefined) {
      s = this.localNames.length;
      this.localNames.push(name);
      this.locals.set(name, s);
    }
    return s;
  }

  temp(n: number, what: string): number {
    const s = this.localNames.length;
    for (let i = 0; i < n; i++) this.localNames.push(`<${what}>`);
    return s;
  }

  emit(op: Op, ...args: number[]): number {
    const pc = this.code.length;
    const loc = this.src.loc(this.at);
    if (loc.line !== this.lastLine || loc.col !== this.lastCol) {
      this.lines.push({ pc, line: loc.line, col: loc.col });
      this.lastLine = loc.line;
      this.lastCol = loc.col;
    }
    this.code.push({ op, args });
    return pc;
  }

  here(): number {
    return this.code.length;
  }

  /** Point the jump at `pc` to `target` (its target operand is the last one). */
  patch(pc: number, target: number): void {
    const a = this.code[pc].args;
    a[a.length - 1] = target;
  }

  konst(c: Const): void {
    // the IR's constant table holds tuples nested at most MAX_CONST_DEPTH deep (a decoder's
    // bound); a deeper literal keeps its inner constants and builds the outer levels at run time
    if (c instanceof ConstTuple && tupleNesting(c) > MAX_CONST_DEPTH) {
      for (const x of c.items) this.konst(x);
      this.emit(Op.BUILD_TUPLE, c.items.length);
      return;
    }
    this.emit(Op.CONST, this.m.constId(c));
  }

  lowerBody(): void {
    this.at = this.f.at;
    this.block(this.f.body);
    const last = this.f.body[this.f.body.length - 1];
    if (!last || last.k !== 'return') {
      this.konst(null);
      if (this.plan && needsCheck(this.plan, null)) {
        // falling off the end returns None: a TypeError located at the def
        this.at = this.f.at;
        this.checkReturn(null);
      }
      this.emit(Op.RETURN);
    }
  }

  block(ss: Stmt[]): void {
    for (const s of ss) this.stmt(s);
  }

  // ---------------- statements ----------------

  stmt(s: Stmt): void {
    this.at = s.at;
    switch (s.k) {
      case 'expr':
        this.expr(s.e);
        this.emit(Op.POP);
        return;
      case 'assign':
        this.expr(s.value);
        s.targets.forEach((t, i) => {
          if (i < s.targets.length - 1) this.emit(Op.DUP);
          this.store(t);
        });
        return;
      case 'annassign':
        if (s.value) {
          this.expr(s.value);
          this.store(s.target);
        }
        return;
      case 'augassign':
        return this.augassign(s.target, s.op, s.value);
      case 'if': {
        this.expr(s.test);
        const jf = this.emit(Op.JUMP_IF_FALSE, 0);
        this.block(s.body);
        if (s.orelse.length) {
          const j = this.emit(Op.JUMP, 0);
          this.patch(jf, this.here());
          this.block(s.orelse);
          this.patch(j, this.here());
        } else this.patch(jf, this.here());
        return;
      }
      case 'while': {
        const top = this.here();
        this.expr(s.test);
        const jf = this.emit(Op.JUMP_IF_FALSE, 0);
        this.loopBody(s.body, top);
        this.at = s.at;
        this.emit(Op.JUMP, top);
        this.endLoop(jf);
        return;
      }
      case 'for':
        return this.forLoop(s);
      case 'break': {
        const l = this.loops[this.loops.length - 1];
        l.breaks.push(this.emit(Op.JUMP, 0));
        return;
      }
      case 'continue':
        this.emit(Op.JUMP, this.loops[this.loops.length - 1].continueTo);
        return;
      case 'pass':
        return;
      case 'return':
        if (s.value) this.expr(s.value);
        else this.konst(null);
        this.at = s.at;
        this.checkReturn(s.value);
        this.emit(Op.RETURN);
        return;
      case 'assert': {
        this.expr(s.test);
        const ok = this.emit(Op.JUMP_IF_TRUE, 0);
        if (s.msg) this.expr(s.msg);
        else this.konst(new TextEncoder().encode('assert'));
        this.at = s.at;
        this.emit(Op.REVERT);
        this.patch(ok, this.here());
        return;
      }
      case 'del':
        for (const t of s.targets) {
          if (t.k === 'slice') {
            this.sliceParts(t);
            this.at = t.at;
            this.emit(Op.CALL_BUILTIN, BUILTIN_BY_NAME.get('slice.del')!.id, 4);
            this.emit(Op.POP);
            continue;
          }
          if (t.k !== 'index') continue;
          this.expr(t.obj);
          this.expr(t.index);
          this.at = t.at;
          this.emit(Op.DEL_SUBSCR);
        }
        return;
    }
  }

  private pendingBreaks: number[][] = [];

  loopBody(body: Stmt[], continueTo: number): void {
    const loop: Loop = { continueTo, breaks: [] };
    this.loops.push(loop);
    this.block(body);
    this.loops.pop();
    this.pendingBreaks.push(loop.breaks);
  }

  endLoop(exitJump: number): void {
    const end = this.here();
    this.patch(exitJump, end);
    for (const b of this.pendingBreaks.pop()!) this.patch(b, end);
  }

  forLoop(s: Stmt & { k: 'for' }): void {
    const it = s.iter;
    if (this.iterCall(it)) return this.forMapped(s);
    // enumerate/zip/reversed over the live sequence, as CPython's iterators: the body's
    // appends, inserts and stores are seen (the builtins would iterate a copy)
    if (it.k === 'call' && it.fn.k === 'name' && !this.isLocal(it.fn.id) && !this.m.funcIndex.has(it.fn.id) && !this.m.cm.imports.has(it.fn.id)) {
      const id = it.fn.id;
      const noGen = it.args.every((a) => a.k !== 'genexp');
      if (
        id === 'enumerate' &&
        noGen &&
        it.args.length >= 1 &&
        it.args.length <= 2 &&
        it.kw.every((k) => k.name === 'start') &&
        it.args.length + it.kw.length <= 2
      ) {
        return this.forEnumerate(s, it.args[0], it.args[1] ?? it.kw[0]?.value ?? null);
      }
      if (id === 'zip' && noGen && it.args.length >= 1 && it.kw.length === 0 && it.args.every((a) => a.k !== 'starred')) return this.forZip(s, it.args);
      if (id === 'reversed' && noGen && it.args.length === 1 && it.kw.length === 0) return this.forReversed(s, it.args[0]);
    }
    const isRange =
      it.k === 'call' &&
      it.fn.k === 'name' &&
      it.fn.id === 'range' &&
      !this.isLocal('range') &&
      it.kw.length === 0 &&
      it.args.length >= 1 &&
      it.args.length <= 3;
    const base = this.temp(3, 'loop');
    if (isRange) {
      for (const a of it.args) this.expr(a);
      this.at = it.at;
      this.emit(Op.RANGE_INIT, base, it.args.length);
    } else {
      this.expr(it);
      this.at = it.at;
      this.emit(Op.ITER_INIT, base);
    }
    const top = this.here();
    const next = this.emit(isRange ? Op.FOR_RANGE : Op.FOR_ITER, base, 0);
    this.store(s.target);
    this.loopBody(s.body, top);
    this.at = s.at;
    this.emit(Op.JUMP, top);
    this.endLoop(next);
  }

  forEnumerate(s: Stmt & { k: 'for' }, seq: Expr, start: Expr | null): void {
    const base = this.temp(3, 'loop');
    const count = this.temp(1, 'count');
    this.iterSourceExpr(seq);
    this.at = s.iter.at;
    this.emit(Op.ITER_INIT, base);
    if (start) {
      this.expr(start);
      if (start.k !== 'int') {
        // enumerate() checks its start before the first item, as CPython: on an empty list
        this.emit(Op.DUP);
        this.emit(Op.BUILD_LIST, 0);
        this.emit(Op.SWAP);
        this.emit(Op.CALL_BUILTIN, BUILTIN_BY_NAME.get('enumerate')!.id, 2);
        this.emit(Op.POP);
      }
    } else this.konst(0n);
    this.emit(Op.STORE, count);
    const top = this.here();
    const next = this.emit(Op.FOR_ITER, base, 0);
    this.emit(Op.LOAD, count);
    this.emit(Op.SWAP);
    this.emit(Op.BUILD_TUPLE, 2);
    this.emit(Op.LOAD, count);
    this.konst(1n);
    this.emit(Op.ADD);
    this.emit(Op.STORE, count);
    this.store(s.target);
    this.loopBody(s.body, top);
    this.at = s.at;
    this.emit(Op.JUMP, top);
    this.endLoop(next);
  }

  forZip(s: Stmt & { k: 'for' }, seqs: Expr[]): void {
    const bases = seqs.map(() => this.temp(3, 'loop'));
    seqs.forEach((q) => this.iterSourceExpr(q));
    this.at = s.iter.at;
    for (let i = seqs.length - 1; i >= 0; i--) this.emit(Op.STORE, bases[i]);
    for (let i = 0; i < seqs.length; i++) {
      this.emit(Op.LOAD, bases[i]);
      this.emit(Op.ITER_INIT, bases[i]);
    }
    const top = this.here();
    const exits = bases.map((b) => this.emit(Op.FOR_ITER, b, 0));
    this.emit(Op.BUILD_TUPLE, seqs.length);
    this.store(s.target);
    this.loopBody(s.body, top);
    this.at = s.at;
    this.emit(Op.JUMP, top);
    // the iterator that ran out leaves the items already taken from the ones before it
    for (let i = seqs.length - 1; i >= 1; i--) {
      this.patch(exits[i], this.here());
      this.emit(Op.POP);
    }
    this.endLoop(exits[0]);
  }

  /** CPython's list reverse iterator: an index from the end, ending once it leaves the list. */
  forReversed(s: Stmt & { k: 'for' }, seq: Expr): void {
    // CPython's reverse iterators, stepped by FOR_ITER: a list's walks its index down and
    // stops once it leaves the list (a body that pops sees the shorter list); a dict's or
    // view's raises RuntimeError when the body changes its size (builtin reversed.live)
    const base = this.temp(3, 'loop');
    this.expr(seq);
    this.at = s.iter.at;
    this.emit(Op.CALL_BUILTIN, BUILTIN_BY_NAME.get('reversed.live')!.id, 1);
    this.emit(Op.ITER_INIT, base);
    const top = this.here();
    const next = this.emit(Op.FOR_ITER, base, 0);
    this.store(s.target);
    this.loopBody(s.body, top);
    this.at = s.at;
    this.emit(Op.JUMP, top);
    this.endLoop(next);
  }

  /** A loop's source: reversed(x) of the builtin as its live iterator, anything else as a value. */
  iterSourceExpr(q: Expr): void {
    if (
      q.k === 'call' &&
      q.fn.k === 'name' &&
      q.fn.id === 'reversed' &&
      q.args.length === 1 &&
      q.kw.length === 0 &&
      q.args[0].k !== 'genexp' &&
      q.args[0].k !== 'starred' &&
      !this.isLocal('reversed') &&
      !this.m.funcIndex.has('reversed') &&
      !this.m.cm.imports.has('reversed')
    ) {
      this.expr(q.args[0]);
      this.at = q.at;
      this.emit(Op.CALL_BUILTIN, BUILTIN_BY_NAME.get('reversed.live')!.id, 1);
      return;
    }
    this.expr(q);
  }

  isLocal(name: string): boolean {
    return this.locals.has(name) || this.scopes.some((sc) => sc.has(name));
  }

  lookupLocal(name: string): number | undefined {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const s = this.scopes[i].get(name);
      if (s !== undefined) return s;
    }
    return this.locals.get(name);
  }

  store(t: Expr): void {
    this.at = t.at;
    switch (t.k) {
      case 'name': {
        const s = this.lookupLocal(t.id) ?? this.slot(t.id);
        this.emit(Op.STORE, s);
        return;
      }
      case 'index':
        this.expr(t.obj);
        this.expr(t.index);
        this.at = t.at;
        this.emit(Op.STORE_SUBSCR);
        return;
      case 'slice':
        // the value is on the stack; then the list and the bounds, as CPython evaluates them
        this.sliceParts(t);
        this.at = t.at;
        this.emit(Op.CALL_BUILTIN, BUILTIN_BY_NAME.get('slice.set')!.id, 5);
        this.emit(Op.POP);
        return;
      case 'tuple':
      case 'list': {
        const star = t.elts.findIndex((e) => e.k === 'starred');
        if (star >= 0) {
          // `a, *b, c = v`: the items before and after the starred name, and a list of the rest
          this.konst(BigInt(star));
          this.konst(BigInt(t.elts.length - star - 1));
          this.at = t.at;
          this.emit(Op.CALL_BUILTIN, BUILTIN_BY_NAME.get('unpack.star')!.id, 3);
        }
        this.emit(Op.UNPACK, t.elts.length);
        for (const e of t.elts) this.store(e.k === 'starred' ? e.e : e);
        return;
      }
    }
    this.err('E-ASSIGN', 'cannot assign to this expression', t.at);
  }

  sliceParts(t: Expr & { k: 'slice' }): void {
    this.expr(t.obj);
    for (const x of [t.lo, t.hi, t.step]) {
      if (x) this.expr(x);
      else this.konst(null);
    }
  }

  augassign(target: Expr, op: BinOp, value: Expr): void {
    const opcode = op === '+' ? Op.INPLACE_ADD : op === '*' ? Op.INPLACE_MUL : BIN_OPS[op];
    if (target.k === 'name') {
      this.expr(target);
      this.expr(value);
      this.at = target.at;
      this.emit(opcode);
      this.store(target);
      return;
    }
    if (target.k === 'index') {
      this.expr(target.obj);
      this.expr(target.index);
      this.emit(Op.DUP2);
      this.emit(Op.SUBSCR);
      this.expr(value);
      this.at = target.at;
      this.emit(opcode);
      this.emit(Op.ROT3);
      this.emit(Op.STORE_SUBSCR);
      return;
    }
    this.err('E-ASSIGN', 'augmented assignment needs a name or a subscript target', target.at);
  }

  // ---------------- expressions ----------------

  expr(e: Expr): void {
    const saved = this.at;
    this.at = e.at;
    this.exprInner(e);
    this.at = saved;
  }

  private exprInner(e: Expr): void {
    switch (e.k) {
      case 'int':
      case 'bytes':
      case 'str':
      case 'const':
        return this.konst(e.v);
      case 'name': {
        const s = this.lookupLocal(e.id);
        if (s !== undefined) {
          this.emit(Op.LOAD, s);
          return;
        }
        const c = this.m.folded.get(e.id);
        if (c !== undefined) return this.konst(c);
        if (this.m.cm.consts.has(e.id)) return this.konst(null); // folding failed: already reported
        this.err('E-NAME', `'${e.id}' cannot be used as a value here`, e.at);
        return this.konst(null);
      }
      case 'tuple': {
        const allConst = e.elts.every((x) => x.k === 'int' || x.k === 'bytes' || x.k === 'str' || x.k === 'const');
        if (allConst) return this.konst(new ConstTuple(e.elts.map((x) => (x as { v: Const }).v)));
        e.elts.forEach((x) => this.expr(x));
        this.emit(Op.BUILD_TUPLE, e.elts.length);
        return;
      }
      case 'list':
        e.elts.forEach((x) => this.expr(x));
        this.emit(Op.BUILD_LIST, e.elts.length);
        return;
      case 'dict': {
        // CPython builds a literal of 16 items or more in runs of 17 inserted item by item (the
        // last run, under 16, at once): an unhashable key there fails before the next item runs
        const n = e.keys.length;
        const big = (i: number): boolean => n === 16 || (n > 16 && Math.min(17, n - 17 * Math.floor(i / 17)) >= 16);
        e.keys.forEach((k, i) => {
          this.expr(k);
          this.expr(e.values[i]);
          if (big(i) && !(k.k === 'int' || k.k === 'str' || k.k === 'bytes' || k.k === 'const' || k.k === 'fstring')) {
            // the key is under the value: check it there
            this.emit(Op.SWAP);
            this.at = k.at;
            this.emit(Op.CALL_BUILTIN, BUILTIN_BY_NAME.get('dict.key')!.id, 1);
            this.emit(Op.SWAP);
          }
        });
        this.emit(Op.BUILD_DICT, e.keys.length);
        return;
      }
      case 'bin':
        this.expr(e.l);
        this.expr(e.r);
        this.emit(BIN_OPS[e.op]);
        return;
      case 'fstring':
        return this.fstring(e.parts);
      case 'genexp':
      case 'lambda':
        return this.konst(null); // reported by the validator: only allowed as call arguments
      case 'unary':
        this.expr(e.e);
        this.emit(e.op === '-' ? Op.NEG : e.op === '+' ? Op.POS : e.op === '~' ? Op.INVERT : Op.NOT);
        return;
      case 'boolop': {
        this.expr(e.l);
        const j = this.emit(e.op === 'and' ? Op.JUMP_IF_FALSE_OR_POP : Op.JUMP_IF_TRUE_OR_POP, 0);
        this.expr(e.r);
        this.patch(j, this.here());
        return;
      }
      case 'cmp':
        return this.compare(e);
      case 'ifexp': {
        this.expr(e.test);
        const jf = this.emit(Op.JUMP_IF_FALSE, 0);
        this.expr(e.body);
        const j = this.emit(Op.JUMP, 0);
        this.patch(jf, this.here());
        this.expr(e.orelse);
        this.patch(j, this.here());
        return;
      }
      case 'index':
        this.expr(e.obj);
        this.expr(e.index);
        this.emit(Op.SUBSCR);
        return;
      case 'slice':
        this.expr(e.obj);
        if (e.lo) this.expr(e.lo);
        else this.konst(null);
        if (e.hi) this.expr(e.hi);
        else this.konst(null);
        if (e.step) {
          // a stepped slice is a builtin of its own (priced by the result's size), not an opcode
          this.expr(e.step);
          this.emit(Op.CALL_BUILTIN, BUILTIN_BY_NAME.get('slice.step')!.id, 4);
        } else this.emit(Op.SLICE);
        return;
      case 'dictcomp':
        return this.dictComp(e);
      case 'listcomp':
        return this.listComp(e);
      case 'call':
        return this.call(e);
      case 'attr':
        this.err('E-ATTR', `attribute '${e.attr}' cannot be used as a value`, e.at);
        return this.konst(null);
    }
  }

  compare(e: Expr & { k: 'cmp' }): void {
    const n = e.ops.length;
    this.expr(e.operands[0]);
    if (n === 1) {
      this.expr(e.operands[1]);
      this.emit(CMP_OPS[e.ops[0]]);
      return;
    }
    // a < b < c: evaluate b once; stop at the first false comparison (its value is the result)
    const cleanups: number[] = [];
    for (let i = 0; i < n - 1; i++) {
      this.expr(e.operands[i + 1]);
      this.emit(Op.DUP);
      this.emit(Op.ROT3);
      this.emit(CMP_OPS[e.ops[i]]);
      cleanups.push(this.emit(Op.JUMP_IF_FALSE_OR_POP, 0));
    }
    this.expr(e.operands[n]);
    this.emit(CMP_OPS[e.ops[n - 1]]);
    const j = this.emit(Op.JUMP, 0);
    const cleanup = this.here();
    for (const c of cleanups) this.patch(c, cleanup);
    this.emit(Op.SWAP);
    this.emit(Op.POP);
    this.patch(j, this.here());
  }

  listComp(e: Expr & { k: 'listcomp' | 'genexp' }): void {
    const result = this.temp(1, 'comp');
    this.emit(Op.BUILD_LIST, 0);
    this.emit(Op.STORE, result);
    this.compLoops(e.gens, () => {
      this.expr(e.elt);
      this.emit(Op.LIST_APPEND, result);
    });
    this.emit(Op.LOAD, result);
  }

  /** {k: v for ...}: the key, then the value, stored as `d[k] = v` (CPython 3.8+ order). */
  dictComp(e: Expr & { k: 'dictcomp' }): void {
    const result = this.temp(1, 'comp');
    const key = this.temp(1, 'key');
    this.emit(Op.BUILD_DICT, 0);
    this.emit(Op.STORE, result);
    this.compLoops(e.gens, () => {
      this.expr(e.key);
      this.emit(Op.STORE, key);
      this.expr(e.value);
      this.emit(Op.LOAD, result);
      this.emit(Op.LOAD, key);
      this.at = e.at;
      this.emit(Op.STORE_SUBSCR);
    });
    this.emit(Op.LOAD, result);
  }

  /** The loops of a comprehension around `body`; leaves the stack as it found it. */
  compLoops(gens: Comprehension[], body: () => void, firstOnStack = false): void {
    const scope = new Map<string, number>();
    const exits: number[][] = [];
    const tops: number[] = [];
    gens.forEach((g, gi) => {
      // the first iterable is evaluated in the enclosing scope, as in Python (so are the
      // stages of a map() or filter() there: a lambda's free names are the function's)
      const { top, exits: out, stages, slots } = this.iterStart(g.iter, gi === 0 && firstOnStack);
      tops.push(top);
      exits.push(out);
      this.applyStages(stages, top, slots);
      if (gi === 0) this.scopes.push(scope);
      this.bindCompTarget(g.target, scope);
      this.store(g.target);
      for (const cond of g.ifs) {
        this.expr(cond);
        this.emit(Op.JUMP_IF_FALSE, top);
      }
    });
    body();
    for (let i = gens.length - 1; i >= 0; i--) {
      this.emit(Op.JUMP, tops[i]);
      for (const x of exits[i]) this.patch(x, this.here());
    }
    this.scopes.pop();
  }

  bindCompTarget(t: Expr, scope: Map<string, number>): void {
    if (t.k === 'name') {
      if (!scope.has(t.id)) scope.set(t.id, this.temp(1, t.id));
      this.localNames[scope.get(t.id)!] = t.id;
    } else if (t.k === 'tuple' || t.k === 'list') t.elts.forEach((x) => this.bindCompTarget(x, scope));
  }

  // ---------------- calls ----------------

  call(e: Expr & { k: 'call' }): void {
    const fn = e.fn;
    const builtin = fn.k === 'name' && !this.isLocal(fn.id) && !this.m.funcIndex.has(fn.id) && !this.m.cm.imports.has(fn.id) ? fn.id : null;
    // map()/filter() where their items are consumed at once: a list of them (an unpacking)
    if (this.iterCall(e)) return this.listComp(identityGen(e));
    if (builtin === 'next') return this.lowerNext(e);
    if (builtin === 'zip' && e.args.length === 1 && e.args[0].k === 'starred') {
      this.expr(e.args[0].e);
      this.at = e.at;
      this.emit(Op.CALL_BUILTIN, BUILTIN_BY_NAME.get('zip.star')!.id, 1);
      return;
    }
    // ... or the sole argument of a consumer: a generator over them (any/all stay lazy)
    if (e.args.length === 1 && this.iterCall(e.args[0])) e = { ...e, args: [identityGen(e.args[0])] };
    if (e.args.length === 1 && e.args[0].k === 'genexp') {
      const g = e.args[0];
      if (builtin === 'any' || builtin === 'all') {
        if (e.kw.length) this.err('E-CALL-ARGS', `${builtin}() takes no keyword arguments`, e.kw[0].at);
        return this.lazyAnyAll(g, builtin === 'any');
      }
      // consumers that read every item: the generator's items, as a list
      e = { ...e, args: [{ ...g, k: 'listcomp' }] };
    }
    if (
      (builtin === 'sorted' || builtin === 'min' || builtin === 'max') &&
      e.kw.some((k) => k.name === 'key' || (builtin !== 'sorted' && k.name === 'default'))
    ) {
      return builtin === 'sorted' ? this.sortedKeyed(e) : this.minMaxKeyed(e, builtin);
    }
    if (fn.k === 'attr' && fn.attr === 'sort' && !(attrPath(fn) && this.m.cm.imports.has(attrPath(fn)![0]) && !this.isLocal(attrPath(fn)![0])))
      return this.listSort(e, fn.obj);
    if (fn.k === 'name' && !this.isLocal(fn.id)) {
      const id = fn.id;
      const fi = this.m.funcIndex.get(id);
      if (fi !== undefined) return this.internalCall(e, this.m.cm.mod.funcs[fi], fi);
      const imp = this.m.cm.imports.get(id);
      if (imp) {
        const r = resolveStdlibPath(imp, this.m.cm.host);
        if (r && r.kind === 'func') return this.stdCall(e, STDLIB_BY_NAME.get(r.name) ?? this.m.cm.host!.byName.get(r.name)!);
      }
      if (id === 'isinstance') return this.isinstance(e);
      const b = BUILTIN_BY_NAME.get(id);
      if (b && id === 'str' && e.kw.length) return this.strKeywords(e, b.id);
      if (b) return this.builtinCall(e, id, b.id);
    }
    if (fn.k === 'attr') {
      const path = attrPath(fn);
      if (path && !this.isLocal(path[0])) {
        const imp = this.m.cm.imports.get(path[0]);
        if (imp) {
          const r = resolveStdlibPath([...imp, ...path.slice(1)], this.m.cm.host);
          if (r && r.kind === 'func') return this.stdCall(e, STDLIB_BY_NAME.get(r.name) ?? this.m.cm.host!.byName.get(r.name)!);
          this.err('E-ATTR', `stdlib has no '${[...imp, ...path.slice(1)].join('.')}'`, e.at);
          return this.konst(null);
        }
        const dotted = path.join('.');
        if (path.length === 2 && BUILTIN_BY_NAME.has(dotted)) return this.builtinCall(e, dotted, BUILTIN_BY_NAME.get(dotted)!.id);
      }
      const m = METHOD_BY_NAME.get(fn.attr);
      if (!m) {
        this.err('E-ATTR', `unknown method '${fn.attr}'`, e.at);
        return this.konst(null);
      }
      this.expr(fn.obj);
      // CPython finds the method before it evaluates the arguments: when one could fail or
      // have an effect, check the receiver first so a missing method raises AttributeError first
      if ([...e.args, ...e.kw.map((k) => k.value)].some((a) => !(a.k === 'int' || a.k === 'str' || a.k === 'bytes' || a.k === 'const' || a.k === 'name'))) {
        this.at = e.at;
        this.emit(Op.CHECK_METHOD, m.id);
      }
      const n = fn.attr === 'format' ? this.formatArgs(e) : this.args(e, m.params, `.${fn.attr}()`);
      this.at = e.at;
      this.emit(Op.CALL_METHOD, m.id, n);
      return;
    }
    this.err('E-CALL', 'this expression is not callable', e.at);
    this.konst(null);
  }

  /**
   * Push positional (and keyword, when the callee has a signature in the table) arguments,
   * normalized to the signature's full arity; returns argc.
   */
  args(e: Expr & { k: 'call' }, sig: readonly StdParam[] | null, what: string): number {
    if (!sig) {
      if (e.kw.length) this.err('E-CALL-ARGS', `${what} takes no keyword arguments`, e.kw[0].at);
      e.args.forEach((a) => this.expr(a));
      return e.args.length;
    }
    const params = sig.map((p) => p.name);
    const kwOnly = sig.filter((p) => p.kwOnly).map((p) => p.name);
    const dflt = (name: string): Const | undefined => {
      const p = sig.find((q) => q.name === name)!;
      return p.required ? undefined : defaultConst(p.default);
    };
    const bound = this.bind(e.args, e.kw, params, kwOnly, dflt, what, e.at);
    this.pushBound(bound, [...e.args, ...e.kw.map((k) => k.value)]);
    return bound.length;
  }

  /** Match positional and keyword arguments to parameter names; missing ones take defaults. */
  bind(args: Expr[], kw: Keyword[], params: string[], kwOnly: string[], dflt: (name: string) => Const | undefined, what: string, at: number): (Expr | Const)[] {
    const out: (Expr | Const | undefined)[] = new Array(params.length).fill(undefined);
    const positional = params.filter((p) => !kwOnly.includes(p));
    if (args.length > positional.length) {
      this.err('E-CALL-ARGS', `${what} takes at most ${positional.length} positional arguments, got ${args.length}`, at);
    }
    args.slice(0, positional.length).forEach((a, i) => (out[params.indexOf(positional[i])] = a));
    for (const k of kw) {
      const i = params.indexOf(k.name);
      if (i < 0) this.err('E-CALL-ARGS', `${what} has no parameter '${k.name}'`, k.at);
      else if (out[i] !== undefined) this.err('E-CALL-ARGS', `${what} got '${k.name}' twice`, k.at);
      else out[i] = k.value;
    }
    return out.map((v, i) => {
      if (v !== undefined) return v;
      const d = dflt(params[i]);
      if (d === undefined) {
        this.err('E-CALL-ARGS', `${what} is missing argument '${params[i]}'`, at);
        return null;
      }
      return d;
    });
  }

  /**
   * Push bound arguments in parameter order, having evaluated them in source order: when
   * keywords are given out of parameter order, the ones that could have an effect (calls,
   * operators: anything but a constant or a local) are evaluated first, left to right, into
   * hidden slots, as CPython evaluates arguments as written.
   */
  pushBound(bound: (Expr | Const)[], source: Expr[] = []): void {
    const order = source.map((x) => bound.indexOf(x)).filter((i) => i >= 0);
    const inOrder = order.every((v, i) => i === 0 || order[i - 1] < v);
    const held = new Map<Expr, number>();
    if (!inOrder) {
      for (const x of source) {
        if (x.k === 'int' || x.k === 'str' || x.k === 'bytes' || x.k === 'const' || x.k === 'name') continue;
        this.expr(x);
        const t = this.temp(1, 'arg');
        this.emit(Op.STORE, t);
        held.set(x, t);
      }
    }
    for (const b of bound) {
      if (isExpr(b)) {
        const t = held.get(b);
        if (t !== undefined) this.emit(Op.LOAD, t);
        else this.expr(b);
      } else this.konst(b);
    }
  }

  internalCall(e: Expr & { k: 'call' }, f: FunctionDef, fi: number): void {
    const defaults = this.m.defaults.get(f.name)!;
    const params = f.params.map((p) => p.name);
    const kwOnly = f.params.filter((p) => p.kwOnly).map((p) => p.name);
    const bound = this.bind(e.args, e.kw, params, kwOnly, (name) => defaults[params.indexOf(name)], `${f.name}()`, e.at);
    this.pushBound(bound, [...e.args, ...e.kw.map((k) => k.value)]);
    this.at = e.at;
    this.emit(Op.CALL, fi);
  }

  stdCall(e: Expr & { k: 'call' }, s: { name: string; id: number; params: readonly StdParam[] }): void {
    this.args(e, s.params, `${s.name}()`);
    this.at = e.at;
    this.emit(Op.CALL_STD, s.id);
  }

  /**
   * str(object='', encoding='utf-8', errors='strict') with keywords: bound to str's positions
   * as CPython binds them; only the arguments up to the last one given are passed, so an
   * `errors=` alone decodes as utf-8 and `str(object=x)` converts.
   */
  strKeywords(e: Expr & { k: 'call' }, id: number): void {
    const params = ['object', 'encoding', 'errors'];
    const given = new Set([...params.slice(0, e.args.length), ...e.kw.map((k) => k.name)]);
    const bound = this.bind(e.args, e.kw, params, [], (name) => (name === 'object' ? '' : name === 'encoding' ? 'utf-8' : 'strict'), 'str()', e.at);
    const n = given.has('errors') ? 3 : given.has('encoding') ? 2 : 1;
    this.pushBound(bound.slice(0, n), [...e.args, ...e.kw.map((k) => k.value)]);
    this.at = e.at;
    this.emit(Op.CALL_BUILTIN, id, n);
  }

  /** str.format(): the positional arguments, then the keyword arguments as one dict (names in source order). */
  formatArgs(e: Expr & { k: 'call' }): number {
    e.args.forEach((a) => this.expr(a));
    const seen = new Set<string>();
    for (const k of e.kw) {
      if (seen.has(k.name)) this.err('E-CALL-ARGS', `keyword argument repeated: ${k.name}`, k.at);
      seen.add(k.name);
      this.konst(k.name);
      this.expr(k.value);
    }
    this.at = e.at;
    this.emit(Op.BUILD_DICT, e.kw.length);
    return e.args.length + 1;
  }

  builtinCall(e: Expr & { k: 'call' }, name: string, id: number): void {
    const n = this.args(e, BUILTIN_BY_NAME.get(name)!.params, `${name}()`);
    this.at = e.at;
    this.emit(Op.CALL_BUILTIN, id, n);
  }

  isinstance(e: Expr & { k: 'call' }): void {
    if (e.args.length !== 2 || e.kw.length) {
      this.err('E-CALL-ARGS', 'isinstance() takes exactly two arguments', e.at);
      return this.konst(null);
    }
    const typeMask = (t: Expr): number => {
      if (t.k === 'name' && TYPE_NAMES.has(t.id) && !this.isLocal(t.id)) return TYPE_MASK[t.id];
      // Python types no contract value can have (memoryview, float, set, ...): never matched
      if (t.k === 'name' && FOREIGN_TYPES.has(t.id) && !this.isLocal(t.id)) return 0;
      if (t.k === 'call' && t.fn.k === 'name' && t.fn.id === 'type' && t.args.length === 1 && t.args[0].k === 'const' && t.args[0].v === null)
        return TYPE_MASK.NoneType;
      if (t.k === 'tuple') return t.elts.reduce((m, x) => m | typeMask(x), 0);
      this.err('E-ISINSTANCE', 'isinstance() needs a type name (int bool bytes str list tuple dict type(None)) or a tuple of them', t.at);
      return 0;
    };
    const mask = typeMask(e.args[1]);
    this.expr(e.args[0]);
    this.konst(BigInt(mask));
    this.at = e.at;
    this.emit(Op.CALL_BUILTIN, BUILTIN_BY_NAME.get('isinstance')!.id, 2);
  }

  // ---------------- f-strings, key=, generator arguments ----------------

  /** f"..": the parts joined by ''.join([...]); each field is format(value[, spec]). */
  fstring(parts: FPart[]): void {
    if (parts.every((p) => typeof p === 'string')) return this.konst((parts as string[]).join(''));
    const field = (p: Exclude<FPart, string>): void => {
      this.expr(p.e);
      this.at = p.at;
      if (p.conv) this.emit(Op.CALL_BUILTIN, BUILTIN_BY_NAME.get(p.conv === 'r' ? 'repr' : 'str')!.id, 1);
      if (p.spec.length === 0) {
        if (!p.conv) this.emit(Op.CALL_BUILTIN, BUILTIN_BY_NAME.get('format')!.id, 1);
        return;
      }
      this.fstring(p.spec);
      this.at = p.at;
      this.emit(Op.CALL_BUILTIN, BUILTIN_BY_NAME.get('format')!.id, 2);
    };
    if (parts.length === 1) return field(parts[0] as Exclude<FPart, string>);
    this.konst('');
    for (const p of parts) {
      if (typeof p === 'string') this.konst(p);
      else field(p);
    }
    this.emit(Op.BUILD_LIST, parts.length);
    this.emit(Op.CALL_METHOD, METHOD_BY_NAME.get('join')!.id, 1);
  }

  // ---------------- map(), filter(), next() ----------------

  /** map/filter called as the builtin (validate/check.ts allows them only where consumed at once). */
  iterCall(e: Expr): MapFilter | null {
    if (e.k !== 'call' || e.fn.k !== 'name') return null;
    const id = e.fn.id;
    if (id !== 'map' && id !== 'filter') return null;
    if (this.isLocal(id) || this.m.funcIndex.has(id) || this.m.cm.imports.has(id)) return null;
    return { kind: id, fn: e.args[0], iters: e.args.slice(1), at: e.at };
  }

  /**
   * ITER_INIT and FOR_ITER over `it`. A map()/filter() chain is peeled down to its source (or
   * to zip() of a map's several iterables) and returned as stages, innermost first, for
   * applyStages to run on each item: lazily, per item, as CPython's iterators do.
   */
  iterStart(it: Expr, onStack = false): { top: number; exits: number[]; stages: MapFilter[]; slots: number[] | null } {
    const stages: MapFilter[] = [];
    let src = it;
    let zipped: Expr[] | null = null;
    for (let c = this.iterCall(src); c; c = this.iterCall(src)) {
      stages.unshift(c);
      if (c.iters.length !== 1) {
        zipped = c.iters;
        break;
      }
      src = c.iters[0];
    }
    if (!onStack) this.iterSource(src, zipped);
    if (!zipped) {
      const base = this.temp(3, 'loop');
      this.emit(Op.ITER_INIT, base);
      const top = this.here();
      return { top, exits: [this.emit(Op.FOR_ITER, base, 0)], stages, slots: null };
    }
    // a map over several iterables steps one live iterator per iterable, as CPython's map:
    // each item goes to its slot, so an iterator that runs out leaves nothing on the stack
    const bases = zipped.map(() => this.temp(3, 'loop'));
    for (let i = zipped.length - 1; i >= 0; i--) this.emit(Op.STORE, bases[i]);
    for (const b of bases) {
      this.emit(Op.LOAD, b);
      this.emit(Op.ITER_INIT, b);
    }
    const slots = this.temp(zipped.length, 'map');
    const top = this.here();
    const exits = bases.map((b, i) => {
      const x = this.emit(Op.FOR_ITER, b, 0);
      this.emit(Op.STORE, slots + i);
      return x;
    });
    return { top, exits, stages, slots: zipped.map((_, i) => slots + i) };
  }

  /** Push the loop's source: one value, or one per iterable of a map over several. */
  iterSource(src: Expr, zipped: Expr[] | null): void {
    if (!zipped) return this.iterSourceExpr(src);
    for (const a of zipped) this.iterSourceExpr(a);
  }

  /** The item on the stack through each stage: map's function applied; filter's test, a failing item going back to `top`. */
  applyStages(stages: MapFilter[], top: number, zippedSlots: number[] | null = null): void {
    for (const [si, st] of stages.entries()) {
      const n = st.kind === 'map' ? Math.max(1, st.iters.length) : 1;
      // the innermost map over several iterables finds its items in their slots already
      const given = si === 0 ? zippedSlots : null;
      const base = given ? given[0] : this.temp(n, st.kind);
      if (!given) for (let i = 0; i < n; i++) this.emit(Op.STORE, base + i);
      const slots = Array.from({ length: n }, (_, i) => base + i);
      if (st.kind === 'filter' && st.fn.k === 'const' && st.fn.v === null) this.emit(Op.LOAD, base);
      else this.applyFn(st.fn, slots);
      if (st.kind === 'filter') {
        this.emit(Op.JUMP_IF_FALSE, top);
        this.emit(Op.LOAD, base);
      }
    }
  }

  /** Push fn(*slots): a lambda inlined over the slots, or a call of a contract function or builtin. */
  applyFn(fn: Expr, slots: number[]): void {
    if (fn.k === 'lambda') {
      this.scopes.push(new Map(fn.params.map((p, i) => [p, slots[i]])));
      this.expr(fn.body);
      this.scopes.pop();
      return;
    }
    const names = slots.map((_, i) => `<arg${i}>`);
    this.scopes.push(new Map(names.map((id, i) => [id, slots[i]])));
    this.call({ k: 'call', at: fn.at, fn, args: names.map((id) => ({ k: 'name', at: fn.at, id })), kw: [] });
    this.scopes.pop();
  }

  forMapped(s: Stmt & { k: 'for' }): void {
    const { top, exits, stages, slots } = this.iterStart(s.iter);
    this.applyStages(stages, top, slots);
    this.store(s.target);
    this.loopBody(s.body, top);
    this.at = s.at;
    this.emit(Op.JUMP, top);
    for (const x of exits.slice(1)) this.patch(x, this.here());
    this.endLoop(exits[0]);
  }

  /**
   * next(it, default) over a generator expression, map(), filter() or iter(xs): the first item,
   * or the default. As CPython: the generator's first iterable is evaluated, then the default,
   * then items until the first one.
   */
  lowerNext(e: Expr & { k: 'call' }): void {
    const [it, dflt] = e.args;
    const g: Expr & { k: 'genexp' } =
      it.k === 'genexp' ? it : it.k === 'call' && it.fn.k === 'name' && it.fn.id === 'iter' ? identityGen(it.args[0]) : identityGen(it);
    const first = g.gens[0].iter;
    const peeled: MapFilter[] = [];
    let src = first;
    let zipped: Expr[] | null = null;
    for (let c = this.iterCall(src); c; c = this.iterCall(src)) {
      peeled.push(c);
      if (c.iters.length !== 1) {
        zipped = c.iters;
        break;
      }
      src = c.iters[0];
    }
    this.iterSource(src, zipped);
    const d = this.temp(1, 'next');
    const res = this.temp(1, 'next');
    this.expr(dflt);
    this.emit(Op.STORE, d);
    const found: number[] = [];
    this.compLoops(
      g.gens,
      () => {
        this.expr(g.elt);
        this.emit(Op.STORE, res);
        found.push(this.emit(Op.JUMP, 0));
      },
      true,
    );
    this.emit(Op.LOAD, d);
    const j = this.emit(Op.JUMP, 0);
    for (const f of found) this.patch(f, this.here());
    this.emit(Op.LOAD, res);
    this.patch(j, this.here());
  }

  /** any(g) / all(g): stop at the first deciding item, as CPython's generator does. */
  lazyAnyAll(g: Expr & { k: 'genexp' }, isAny: boolean): void {
    const found: number[] = [];
    this.compLoops(g.gens, () => {
      this.expr(g.elt);
      found.push(this.emit(isAny ? Op.JUMP_IF_TRUE : Op.JUMP_IF_FALSE, 0));
    });
    this.konst(!isAny);
    const j = this.emit(Op.JUMP, 0);
    for (const f of found) this.patch(f, this.here());
    this.konst(isAny);
    this.patch(j, this.here());
  }

  /** Push key(x) for the item in slot x: a lambda inlined over the slot, or a call of a contract function. */
  applyKey(key: Expr | null, x: number): void {
    if (key === null || (key.k === 'const' && key.v === null)) {
      this.emit(Op.LOAD, x);
      return;
    }
    if (key.k === 'lambda') {
      this.scopes.push(new Map([[key.params[0] ?? '<key>', x]]));
      this.expr(key.body);
      this.scopes.pop();
      return;
    }
    if (key.k === 'name' && !this.isLocal(key.id) && !this.m.funcIndex.has(key.id) && BUILTIN_BY_NAME.has(key.id)) {
      // key=len, key=abs, ...: the builtin called with the item
      this.emit(Op.LOAD, x);
      this.emit(Op.CALL_BUILTIN, BUILTIN_BY_NAME.get(key.id)!.id, 1);
      return;
    }
    if (key.k === 'attr' && key.obj.k === 'name' && this.isLocal(key.obj.id)) {
      // key=d.get: the method of the local, called with the item
      this.scopes.push(new Map([['<keyarg>', x]]));
      this.call({ k: 'call', at: key.at, fn: key, args: [{ k: 'name', at: key.at, id: '<keyarg>' }], kw: [] });
      this.scopes.pop();
      return;
    }
    if (key.k === 'name') {
      const fi = this.m.funcIndex.get(key.id);
      if (fi !== undefined) {
        this.scopes.push(new Map([['<keyarg>', x]]));
        this.internalCall({ k: 'call', at: key.at, fn: key, args: [{ k: 'name', at: key.at, id: '<keyarg>' }], kw: [] }, this.m.cm.mod.funcs[fi], fi);
        this.scopes.pop();
        return;
      }
    }
    this.err('E-KEY', 'key= must be a lambda or the name of a function of this contract', key.at);
    this.emit(Op.LOAD, x);
  }

  /**
   * Leaves sorted(list in slot src, key, reverse in slot rev) on the stack. Items are decorated
   * as (key(x), i, x) with i = -index under reverse, so the builtin's stable sort never compares
   * two items and keeps equal keys in their original order both ways, as CPython.
   */
  decoratedSort(src: number, key: Expr | null, rev: number): void {
    const res = this.temp(1, 'sort');
    const i = this.temp(1, 'sort');
    const x = this.temp(1, 'sort');
    const base = this.temp(3, 'loop');
    this.emit(Op.BUILD_LIST, 0);
    this.emit(Op.STORE, res);
    this.konst(0n);
    this.emit(Op.STORE, i);
    this.emit(Op.LOAD, src);
    this.emit(Op.ITER_INIT, base);
    const top = this.here();
    const exit = this.emit(Op.FOR_ITER, base, 0);
    this.emit(Op.STORE, x);
    this.applyKey(key, x);
    this.emit(Op.LOAD, i);
    this.emit(Op.LOAD, rev);
    const pos = this.emit(Op.JUMP_IF_FALSE, 0);
    this.emit(Op.NEG);
    this.patch(pos, this.here());
    this.emit(Op.LOAD, x);
    this.emit(Op.BUILD_TUPLE, 3);
    this.emit(Op.LIST_APPEND, res);
    this.emit(Op.LOAD, i);
    this.konst(1n);
    this.emit(Op.ADD);
    this.emit(Op.STORE, i);
    this.emit(Op.JUMP, top);
    this.patch(exit, this.here());
    this.emit(Op.LOAD, res);
    this.emit(Op.LOAD, rev);
    this.emit(Op.CALL_BUILTIN, BUILTIN_BY_NAME.get('sorted')!.id, 2);
    // undecorate
    const out = this.temp(1, 'sort');
    this.emit(Op.BUILD_LIST, 0);
    this.emit(Op.STORE, out);
    this.emit(Op.ITER_INIT, base);
    const top2 = this.here();
    const exit2 = this.emit(Op.FOR_ITER, base, 0);
    this.konst(2n);
    this.emit(Op.SUBSCR);
    this.emit(Op.LIST_APPEND, out);
    this.emit(Op.JUMP, top2);
    this.patch(exit2, this.here());
    this.emit(Op.LOAD, out);
  }

  sortedKeyed(e: Expr & { k: 'call' }): void {
    const kw = keyArgs(this, e, 'sorted()', ['key', 'reverse']);
    if (e.args.length !== 1) {
      this.err('E-CALL-ARGS', 'sorted() takes exactly one positional argument', e.at);
      return this.konst(null);
    }
    // CPython copies the iterable into a new list first, then calls key on each item
    const src = this.temp(1, 'sort');
    const rev = this.temp(1, 'sort');
    this.expr(e.args[0]);
    this.at = e.at;
    this.emit(Op.CALL_BUILTIN, BUILTIN_BY_NAME.get('list')!.id, 1);
    this.emit(Op.STORE, src);
    if (kw.has('reverse')) this.expr(kw.get('reverse')!);
    else this.konst(false);
    this.emit(Op.STORE, rev);
    this.at = e.at;
    this.decoratedSort(src, kw.get('key') ?? null, rev);
  }

  /** xs.sort(key=, reverse=): sorted in place; without key the method sorts natively. */
  listSort(e: Expr & { k: 'call' }, obj: Expr): void {
    const kw = keyArgs(this, e, 'sort()', ['key', 'reverse']);
    if (e.args.length) this.err('E-CALL-ARGS', 'sort() takes no positional arguments', e.args[0].at);
    const key = kw.get('key');
    const sortId = METHOD_BY_NAME.get('sort')!.id;
    if (!key || (key.k === 'const' && key.v === null)) {
      this.expr(obj);
      if (kw.has('reverse')) this.expr(kw.get('reverse')!);
      this.at = e.at;
      this.emit(Op.CALL_METHOD, sortId, kw.has('reverse') ? 1 : 0);
      return;
    }
    const l = this.temp(1, 'sort');
    const rev = this.temp(1, 'sort');
    this.expr(obj);
    this.emit(Op.STORE, l);
    if (kw.has('reverse')) this.expr(kw.get('reverse')!);
    else this.konst(false);
    this.emit(Op.STORE, rev);
    this.at = e.at;
    this.decoratedSort(l, key, rev);
    const tmp = this.temp(1, 'sort');
    this.emit(Op.STORE, tmp);
    this.emit(Op.LOAD, l);
    this.emit(Op.CALL_METHOD, METHOD_BY_NAME.get('clear')!.id, 0);
    this.emit(Op.POP);
    this.emit(Op.LOAD, l);
    this.emit(Op.LOAD, tmp);
    this.emit(Op.CALL_METHOD, METHOD_BY_NAME.get('extend')!.id, 1);
  }

  /** min/max with key= or default=: the first least (greatest) item by key, as CPython. */
  minMaxKeyed(e: Expr & { k: 'call' }, which: 'min' | 'max'): void {
    const kw = keyArgs(this, e, `${which}()`, ['key', 'default']);
    if (e.args.length === 0) {
      this.err('E-CALL-ARGS', `${which}() expected at least 1 argument, got 0`, e.at);
      return this.konst(null);
    }
    if (e.args.length > 1 && kw.has('default')) {
      this.err('E-CALL-ARGS', `Cannot specify a default for ${which}() with multiple positional arguments`, kw.get('default')!.at);
      return this.konst(null);
    }
    const src = this.temp(1, 'minmax');
    const dflt = this.temp(1, 'minmax');
    const have = this.temp(1, 'minmax');
    const best = this.temp(1, 'minmax');
    const bestK = this.temp(1, 'minmax');
    const x = this.temp(1, 'minmax');
    const k = this.temp(1, 'minmax');
    const base = this.temp(3, 'loop');
    if (e.args.length === 1) {
      this.expr(e.args[0]);
      this.at = e.at;
      this.emit(Op.CALL_BUILTIN, BUILTIN_BY_NAME.get('list')!.id, 1);
    } else {
      e.args.forEach((a) => this.expr(a));
      this.emit(Op.BUILD_LIST, e.args.length);
    }
    this.emit(Op.STORE, src);
    if (kw.has('default')) {
      this.expr(kw.get('default')!);
      this.emit(Op.STORE, dflt);
    }
    this.at = e.at;
    this.konst(false);
    this.emit(Op.STORE, have);
    this.emit(Op.LOAD, src);
    this.emit(Op.ITER_INIT, base);
    const top = this.here();
    const exit = this.emit(Op.FOR_ITER, base, 0);
    this.emit(Op.STORE, x);
    this.applyKey(kw.get('key') ?? null, x);
    this.emit(Op.STORE, k);
    this.emit(Op.LOAD, have);
    const first = this.emit(Op.JUMP_IF_FALSE, 0);
    this.emit(Op.LOAD, k);
    this.emit(Op.LOAD, bestK);
    this.emit(which === 'min' ? Op.LT : Op.GT);
    this.emit(Op.JUMP_IF_FALSE, top);
    this.patch(first, this.here());
    this.emit(Op.LOAD, x);
    this.emit(Op.STORE, best);
    this.emit(Op.LOAD, k);
    this.emit(Op.STORE, bestK);
    this.konst(true);
    this.emit(Op.STORE, have);
    this.emit(Op.JUMP, top);
    this.patch(exit, this.here());
    this.emit(Op.LOAD, have);
    const done = this.emit(Op.JUMP_IF_TRUE, 0);
    if (kw.has('default')) {
      this.emit(Op.LOAD, dflt);
      this.emit(Op.STORE, best);
    } else {
      // the builtin on an empty list raises CPython's ValueError
      this.emit(Op.BUILD_LIST, 0);
      this.emit(Op.CALL_BUILTIN, BUILTIN_BY_NAME.get(which)!.id, 1);
      this.emit(Op.POP);
    }
    this.patch(done, this.here());
    this.emit(Op.LOAD, best);
  }
}

// ---------------- f-strings, %-formats, key=, generator arguments ----------------

function keyArgs(b: FnBuilder, e: Expr & { k: 'call' }, what: string, allowed: string[]): Map<string, Expr> {
  const out = new Map<string, Expr>();
  for (const k of e.kw) {
    if (!allowed.includes(k.name)) b.err('E-CALL-ARGS', `${what} has no parameter '${k.name}'`, k.at);
    else if (out.has(k.name)) b.err('E-CALL-ARGS', `${what} got '${k.name}' twice`, k.at);
    else out.set(k.name, k.value);
  }
  return out;
}

function isExpr(b: Expr | Const): b is Expr {
  return b !== null && typeof b === 'object' && !(b instanceof Uint8Array) && !(b instanceof ConstTuple) && 'k' in b;
}

interface MapFilter {
  kind: 'map' | 'filter';
  fn: Expr;
  iters: Expr[];
  at: number;
}

/** `(x for x in it)`: a consumer's generator over a map() or filter() (the name cannot be written in source). */
function identityGen(it: Expr): Expr & { k: 'genexp' } {
  const item: Expr = { k: 'name', at: it.at, id: '<item>' };
  return { k: 'genexp', at: it.at, elt: item, gens: [{ target: item, iter: it, ifs: [] }] };
}

/** Levels of tuple in a constant: 0 for a scalar, 1 for a tuple of scalars. */
function tupleNesting(c: Const): number {
  if (!(c instanceof ConstTuple)) return 0;
  let deepest = 0;
  for (const x of c.items) deepest = Math.max(deepest, tupleNesting(x));
  return deepest + 1;
}
