// Which returned values need no check at run time: types the source proves on every run
// (compiler/return_check.ts leaves CHECK_RETURN out for them). Unlike validate/expr_types.ts
// (what the source suggests, for diagnostics and manifests), a proof here must hold for any
// run, so it trusts a parameter's annotation only when every call passes a proven value.
import type { Expr, FPart, FunctionDef, Stmt } from '../validate/ast.js';
import { annotationType } from '../validate/check.js';
import { STD_RETURNS, stdName } from '../validate/expr_types.js';
import type { CheckedModule } from '../validate/index.js';
import { parseReturnType, provenToSatisfy } from './return_types.js';

const proofs = new WeakMap<CheckedModule, Map<FunctionDef, Proof>>();
export function proofOf(cm: CheckedModule, f: FunctionDef): Proof {
  let m = proofs.get(cm);
  if (!m) proofs.set(cm, (m = new Map()));
  let p = m.get(f);
  if (!p) m.set(f, (p = new Proof(cm, f)));
  return p;
}

/** Every expression in statements, nested ones included, outermost first. */
function eachExpr(ss: readonly Stmt[], visit: (e: Expr, parent: Expr | null) => void): void {
  const ex = (e: Expr | null, parent: Expr | null): void => {
    if (!e) return;
    visit(e, parent);
    const sub = (x: Expr | null) => ex(x, e);
    switch (e.k) {
      case 'attr':
        return sub(e.obj);
      case 'call':
        sub(e.fn);
        e.args.forEach(sub);
        return e.kw.forEach((k) => sub(k.value));
      case 'bin':
      case 'boolop':
        sub(e.l);
        return sub(e.r);
      case 'unary':
        return sub(e.e);
      case 'cmp':
        return e.operands.forEach(sub);
      case 'ifexp':
        sub(e.test);
        sub(e.body);
        return sub(e.orelse);
      case 'index':
        sub(e.obj);
        return sub(e.index);
      case 'slice':
        sub(e.obj);
        sub(e.lo);
        sub(e.hi);
        return sub(e.step);
      case 'list':
      case 'tuple':
        return e.elts.forEach(sub);
      case 'dict':
        e.keys.forEach(sub);
        return e.values.forEach(sub);
      case 'listcomp':
      case 'genexp':
        sub(e.elt);
        for (const g of e.gens) {
          sub(g.target);
          sub(g.iter);
          g.ifs.forEach(sub);
        }
        return;
      case 'lambda':
        return sub(e.body);
      case 'fstring': {
        const parts = (ps: FPart[]): void => {
          for (const p of ps) if (typeof p !== 'string') sub(p.e), parts(p.spec);
        };
        return parts(e.parts);
      }
    }
  };
  for (const s of ss) {
    switch (s.k) {
      case 'expr':
        ex(s.e, null);
        break;
      case 'assign':
        s.targets.forEach((t) => ex(t, null));
        ex(s.value, null);
        break;
      case 'augassign':
        ex(s.target, null);
        ex(s.value, null);
        break;
      case 'annassign':
        ex(s.target, null);
        ex(s.value, null);
        break;
      case 'if':
        ex(s.test, null);
        eachExpr(s.body, visit);
        eachExpr(s.orelse, visit);
        break;
      case 'while':
        ex(s.test, null);
        eachExpr(s.body, visit);
        break;
      case 'for':
        ex(s.target, null);
        ex(s.iter, null);
        eachExpr(s.body, visit);
        break;
      case 'return':
        ex(s.value, null);
        break;
      case 'assert':
        ex(s.test, null);
        ex(s.msg, null);
        break;
      case 'del':
        s.targets.forEach((t) => ex(t, null));
        break;
    }
  }
}

const paramProofs = new WeakMap<CheckedModule, Map<FunctionDef, (string | undefined)[] | 'busy'>>();

/**
 * The type each parameter of `f` has on entry on every run: its annotation, when every call
 * of `f` in the module passes (or defaults to) a value proven to have it, and, for a public
 * function, the ABI decodes its arguments by that annotation. Undefined where not proven, and
 * for every parameter when `f` is used other than by a direct call.
 */
function paramTypes(cm: CheckedModule, f: FunctionDef): (string | undefined)[] {
  let memo = paramProofs.get(cm);
  if (!memo) paramProofs.set(cm, (memo = new Map()));
  const hit = memo.get(f);
  if (hit === 'busy') return f.params.map(() => undefined); // recursion, refused elsewhere
  if (hit) return hit;
  memo.set(f, 'busy');
  const want = f.params.map((p) => {
    const t = p.annotation ? annotationType(p.annotation) : null;
    return t && parseReturnType(t) ? t : undefined;
  });
  const ok = want.map((t) => t !== undefined);
  for (const g of cm.mod.funcs) {
    const caller = proofOf(cm, g);
    eachExpr(g.body, (e, parent) => {
      if (e.k !== 'name' || e.id !== f.name || caller.binds(e.id)) return;
      if (!parent || parent.k !== 'call' || parent.fn !== e) {
        ok.fill(false);
        return;
      }
      f.params.forEach((p, i) => {
        if (!ok[i]) return;
        const kw = parent.kw.find((k) => k.name === p.name);
        const arg = i < parent.args.length && !p.kwOnly ? parent.args[i] : (kw?.value ?? p.default);
        const t = arg ? (arg === p.default ? caller.constType(arg) : caller.typeOf(arg)) : undefined;
        if (t === undefined || !provenToSatisfy(t, parseReturnType(want[i]!)!)) ok[i] = false;
      });
    });
  }
  const out = want.map((t, i) => (ok[i] ? t : undefined));
  memo.set(f, out);
  return out;
}

const BUILTIN_TYPES: Record<string, string> = {
  len: 'int',
  int: 'int',
  abs: 'int',
  ord: 'int',
  bool: 'bool',
  isinstance: 'bool',
  all: 'bool',
  any: 'bool',
  str: 'str',
  chr: 'str',
  hex: 'str',
  repr: 'str',
  format: 'str',
  bytes: 'bytes',
  bytearray: 'bytes',
};
const ALWAYS_INT = new Set(['-', '//', '**', '<<', '>>']);
const INT_OPS = new Set(['+', '-', '*', '//', '%', '**', '<<', '>>', '&', '|', '^']);

/**
 * Types that hold on every run, for leaving out a return check. Unlike Types (what the source
 * suggests), nothing here trusts a parameter annotation: private callers pass anything. A
 * local counts only when every binding of it is a plain assignment of a proven type; a call
 * of a module function has its return annotation, which that function's own return checked.
 */
export class Proof {
  /** local -> values assigned to it; null when it is bound some other way */
  private readonly bound = new Map<string, Expr[] | null>();
  private readonly busy = new Set<string>();

  private readonly params = new Map<string, number>();

  constructor(
    private readonly cm: CheckedModule,
    private readonly f: FunctionDef,
  ) {
    f.params.forEach((p, i) => this.params.set(p.name, i));
    const other = (t: Expr) => {
      if (t.k === 'name') this.bound.set(t.id, null);
      else if (t.k === 'starred') other(t.e);
      else if (t.k === 'tuple' || t.k === 'list') t.elts.forEach(other);
    };
    const add = (t: Expr, v: Expr) => {
      if (t.k !== 'name') return other(t);
      const l = this.bound.get(t.id);
      if (l === null) return;
      this.bound.set(t.id, [...(l ?? []), v]);
    };
    // `a, b = b, a % b`: each name gets its own item of the display (all evaluated first)
    const assign = (t: Expr, v: Expr) => {
      const seq = (x: Expr) => x.k === 'tuple' || x.k === 'list';
      if (seq(t) && seq(v)) {
        const ts = (t as Expr & { elts: Expr[] }).elts;
        const vs = (v as Expr & { elts: Expr[] }).elts;
        if (ts.length === vs.length) return ts.forEach((x, i) => assign(x, vs[i]));
      }
      add(t, v);
    };
    const visit = (ss: readonly Stmt[]) => {
      for (const s of ss) {
        if (s.k === 'assign') for (const t of s.targets) assign(t, s.value);
        else if (s.k === 'annassign' && s.value) add(s.target, s.value);
        else if (s.k === 'augassign') add(s.target, { k: 'bin', at: s.at, op: s.op, l: s.target, r: s.value });
        else if (s.k === 'for') {
          // `for i in range(...)`: i is an int on every pass
          if (s.target.k === 'name' && this.isRange(s.iter)) add(s.target, { k: 'int', at: s.at, v: 0n });
          else other(s.target);
          visit(s.body);
        } else if (s.k === 'if') {
          visit(s.body);
          visit(s.orelse);
        } else if (s.k === 'while') visit(s.body);
      }
    };
    visit(f.body);
  }

  /** A call of the builtin range (not of a module function or constant of that name). */
  private isRange(e: Expr): boolean {
    return e.k === 'call' && e.fn.k === 'name' && e.fn.id === 'range' && !this.cm.funcs.has('range') && !this.cm.consts.has('range');
  }

  /** Whether `name` is a local or parameter here. */
  binds(name: string): boolean {
    return this.params.has(name) || this.bound.has(name);
  }

  /** The type of a constant expression (a parameter default), outside any function's locals. */
  constType(e: Expr): string | undefined {
    return e.k === 'name' && this.binds(e.id) ? undefined : this.typeOf(e);
  }

  /** The canonical type every value of `e` has, or undefined when no proof. */
  typeOf(e: Expr): string | undefined {
    switch (e.k) {
      case 'int':
        return 'int';
      case 'bytes':
        return 'bytes';
      case 'str':
      case 'fstring':
        return 'str';
      case 'const':
        return e.v === null ? 'none' : 'bool';
      case 'cmp':
        return 'bool';
      case 'unary':
        // `not` gives a bool; `-x`, `+x`, `~x` succeed only on ints
        return e.op === 'not' ? 'bool' : 'int';
      case 'bin': {
        // these succeed only on ints (and bools), whatever the operands' types
        if (ALWAYS_INT.has(e.op)) return 'int';
        if (INT_OPS.has(e.op) && this.intish(e.l) && this.intish(e.r)) return 'int';
        const l = this.typeOf(e.l);
        const r = this.typeOf(e.r);
        if (e.op === '+' && l === r && (l === 'str' || l === 'bytes')) return l;
        if (e.op === '*' && (l === 'str' || l === 'bytes') && this.intish(e.r)) return l;
        if (e.op === '*' && (r === 'str' || r === 'bytes') && this.intish(e.l)) return r;
        if (e.op === '%' && l === 'str') return 'str';
        return undefined;
      }
      case 'boolop':
      case 'ifexp': {
        const [a, b] = e.k === 'boolop' ? [e.l, e.r] : [e.body, e.orelse];
        const x = this.typeOf(a);
        const y = this.typeOf(b);
        if (x === undefined || y === undefined) return undefined;
        if (x === y) return x;
        return (x === 'int' || x === 'bool') && (y === 'int' || y === 'bool') ? 'int' : undefined;
      }
      case 'name':
        return this.nameType(e.id);
      case 'call':
        return this.callType(e);
      case 'tuple': {
        const ts = e.elts.map((x) => this.typeOf(x));
        return ts.every((t) => t !== undefined) ? `tuple(${ts.join(',')})` : undefined;
      }
      case 'list': {
        // a display of one proven item type; an empty one only proves a bare list
        const ts = new Set(e.elts.map((x) => this.typeOf(x)));
        if (ts.size === 0) return 'list';
        const [t] = ts;
        return ts.size === 1 && t !== undefined ? `list<${t}>` : undefined;
      }
    }
    return undefined;
  }

  private intish(e: Expr): boolean {
    const t = this.typeOf(e);
    return t === 'int' || t === 'bool';
  }

  /**
   * A name's type holds at a later return only if nothing can change it in between: a list
   * may have been appended to through any alias, so names prove only types without lists.
   */
  private nameType(id: string): string | undefined {
    const t = this.nameType1(id);
    return t !== undefined && !/list/.test(t) ? t : undefined;
  }

  private nameType1(id: string): string | undefined {
    const vs = this.bound.get(id);
    if (vs === null) return undefined;
    const pi = this.params.get(id);
    if (pi !== undefined) {
      // a parameter: its type on entry, and every assignment to it agreeing
      const entry = paramTypes(this.cm, this.f)[pi];
      if (entry === undefined) return undefined;
      if (vs === undefined) return entry;
      return this.guard(id, () => (vs.every((v) => this.typeOf(v) === entry) ? entry : undefined), entry);
    }
    if (vs === undefined) {
      const c = this.cm.consts.get(id);
      if (c) return this.guard(`const ${id}`, () => this.typeOf(c));
      return id === 'True' || id === 'False' ? 'bool' : undefined;
    }
    // every assignment must prove the same type; inside one, the name itself is assumed to
    // have it (n = n + 1), which holds by induction over the assignments made
    return this.guard(id, () => {
      let t: string | undefined;
      for (const v of vs) {
        const u = this.typeOf(v);
        if (u === undefined || (t !== undefined && u !== t)) return undefined;
        t = u;
      }
      return t;
    });
  }

  /** Under a name's own proof its uses are assumed to have the type being proven. */
  private guard(key: string, f: () => string | undefined, assume?: string): string | undefined {
    if (this.busy.has(key)) return this.assumed.get(key);
    this.busy.add(key);
    try {
      if (assume !== undefined) {
        this.assumed.set(key, assume);
        const t = f();
        this.assumed.delete(key);
        return t;
      }
      // first without the assumption; a self-reference then yields undefined only when needed
      let t = f();
      if (t === undefined && !key.startsWith('const ')) {
        for (const guess of ['int', 'str', 'bytes']) {
          this.assumed.set(key, guess);
          if (f() === guess) {
            t = guess;
            break;
          }
        }
        this.assumed.delete(key);
      }
      return t;
    } finally {
      this.busy.delete(key);
    }
  }
  private readonly assumed = new Map<string, string>();

  private callType(e: Expr & { k: 'call' }): string | undefined {
    const std = stdName(this.cm, e.fn);
    if (std) return STD_RETURNS[std];
    if (e.fn.k === 'name') {
      if (this.bound.has(e.fn.id) || this.cm.consts.has(e.fn.id)) return undefined;
      const f = this.cm.funcs.get(e.fn.id);
      if (f) return returnTypeName(f) ?? undefined;
      // on ints these give ints (anything else raises)
      if (['pow', 'min', 'max'].includes(e.fn.id) && e.args.length >= 2 && e.kw.length === 0 && e.args.every((x) => this.intish(x))) return 'int';
      return BUILTIN_TYPES[e.fn.id];
    }
    if (e.fn.k === 'attr') {
      if (e.fn.obj.k === 'name' && !this.bound.has(e.fn.obj.id)) {
        const q = `${e.fn.obj.id}.${e.fn.attr}`;
        if (q === 'int.from_bytes') return 'int';
        if (q === 'bytes.fromhex') return 'bytes';
      }
      const o = this.typeOf(e.fn.obj);
      const a = e.fn.attr;
      if (o === 'bytes' && a === 'hex') return 'str';
      if ((o === 'str' || o === 'bytes') && ['upper', 'lower', 'strip', 'lstrip', 'rstrip', 'replace'].includes(a)) return o;
      if (o === 'str' && a === 'encode') return 'bytes';
      if (o === 'bytes' && a === 'decode') return 'str';
      if (o === 'int' && a === 'to_bytes') return 'bytes';
    }
    return undefined;
  }
}

/** T for `T | None`, `None | T` and `Optional[T]`. */
function optionalOf(a: Expr): Expr | null {
  const isNone = (e: Expr): boolean => e.k === 'const' && e.v === null;
  if (a.k === 'bin' && a.op === '|') return isNone(a.r) ? a.l : isNone(a.l) ? a.r : null;
  if (a.k === 'index' && a.obj.k === 'name' && a.obj.id === 'Optional') return a.index;
  return null;
}

/**
 * The canonical name of a function's return annotation as CHECK_RETURN carries it, null when
 * it has none, undefined when the run could not check it.
 */
export function returnTypeName(f: FunctionDef): string | null | undefined {
  if (!f.returns) return null;
  const opt = optionalOf(f.returns);
  const a = opt ?? f.returns;
  // a bare `list` / `tuple`: the kind of container only
  const bare = a.k === 'name' && ['list', 'List', 'tuple', 'Tuple'].includes(a.id) ? a.id.toLowerCase() : null;
  const inner = bare ?? annotationType(a);
  if (inner === null) return undefined;
  const name = opt ? `optional<${inner}>` : inner;
  return parseReturnType(name) ? name : undefined;
}
