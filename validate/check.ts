// Semantic checks over the AST: name resolution (Python scoping), banned builtins and
// dunders, typing names outside annotations, the call graph (recursion), public-function
// annotations. Produces the CheckedModule the compiler lowers.
import type { Expr, FPart, FunctionDef, Module, Stmt } from './ast.js';
import { BANNED_BUILTINS, FOREIGN_TYPES, isBuiltinName, resolveStdlibPath, TYPE_NAMES } from './names.js';
import type { Source } from './source.js';
import { CONSTRUCTOR } from '../spec/constructor.js';
import type { HostStdlib } from '../spec/host_std.js';
import { percentArgCount, percentProblem, specProblem } from './format_check.js';

/** What to write instead of a refused builtin, where there is a direct equivalent. */
const BUILTIN_HINTS: Record<string, string> = {
  set: 'use a dict with the items as keys (`d[x] = True`) and test `x in d`',
  frozenset: 'use a tuple, or a dict with the items as keys',
  float: 'contracts have no floats; use integers (e.g. amounts in the smallest unit)',
  print: 'emit an event with `events.emit(name, {...})`',
  iter: 'loop with `for`, index the list, or take the first item with `next(iter(xs), default)`',
};

/** Callees that take a generator expression as their sole argument ('.m' is a method). */
export const GEN_CONSUMERS: ReadonlySet<string> = new Set(['any', 'all', 'sum', 'min', 'max', 'list', 'tuple', 'dict', 'sorted', 'bytes', '.join']);
/** Callees that take key= (a lambda or a contract function). */
export const KEY_TAKERS: ReadonlySet<string> = new Set(['sorted', 'min', 'max', '.sort']);

export interface CheckedModule {
  src: Source;
  mod: Module;
  funcs: Map<string, FunctionDef>;
  consts: Map<string, Expr>;
  /** local import name -> path below stdlib */
  imports: Map<string, string[]>;
  /** public function name -> ABI parameter types and return type (canonical names, 'none' for no value) */
  signatures: Map<string, { params: string[]; returns: string }>;
  /** a tool's host modules this module may import (spec/host_std.ts); absent for contracts */
  host?: HostStdlib;
}

export function checkModule(src: Source, mod: Module, host?: HostStdlib): CheckedModule {
  const funcs = new Map<string, FunctionDef>();
  const consts = new Map<string, Expr>();
  const imports = new Map<string, string[]>();
  for (const im of mod.imports) {
    if (resolveStdlibPath(im.path, host) === null) src.error('E-IMPORT', `stdlib has no '${im.path.join('.')}'`, im.at);
    imports.set(im.local, im.path);
  }
  for (const c of mod.consts) {
    if (c.name.startsWith('__')) src.error('E-DUNDER', `dunder names are not allowed (${c.name})`, c.at);
    if (consts.has(c.name) || imports.has(c.name)) src.error('E-REDEFINED', `'${c.name}' is defined twice`, c.at);
    consts.set(c.name, c.value);
  }
  for (const f of mod.funcs) {
    if (f.name.startsWith('__') && f.name !== CONSTRUCTOR)
      src.error('E-DUNDER', `dunder names are not allowed (${f.name}; the only one is the constructor ${CONSTRUCTOR})`, f.at);
    if (funcs.has(f.name) || consts.has(f.name) || imports.has(f.name)) src.error('E-REDEFINED', `'${f.name}' is defined twice`, f.at);
    funcs.set(f.name, f);
  }
  const cm: CheckedModule = { src, mod, funcs, consts, imports, signatures: new Map(), ...(host ? { host } : {}) };
  const calls = new Map<string, { callee: string; at: number }[]>();
  for (const c of mod.consts) {
    new Scope(cm, null, new Set()).expr(c.value);
    const bad = mutableLiteral(c.value);
    // found here (not only when folding) so that it is reported with the other errors
    if (bad)
      src.error(
        'E-MODULE-STATE',
        `constant ${c.name}: module-level ${bad} would be shared mutable state; build it inside a function`,
        bad === 'value' ? c.at : c.value.at,
      );
  }
  for (const f of mod.funcs) {
    const scope = new Scope(cm, f, localsOf(f));
    for (const p of f.params) {
      if (p.default) scope.expr(p.default);
      if (p.name.startsWith('__')) src.error('E-DUNDER', `dunder names are not allowed (${p.name})`, p.at);
    }
    scope.block(f.body, 0);
    calls.set(f.name, scope.calls);
    if (!f.name.startsWith('_')) checkPublic(cm, f);
    else if (f.name === CONSTRUCTOR) checkConstructor(cm, f);
  }
  for (const cs of calls.values()) {
    for (const c of cs)
      if (c.callee === CONSTRUCTOR)
        src.error(
          'E-CONSTRUCTOR',
          `${CONSTRUCTOR} runs once, at deploy; it cannot be called from the contract (move the shared part into a private function)`,
          c.at,
        );
  }
  findRecursion(cm, calls);
  return cm;
}

/** A list, dict or list comprehension anywhere in a module constant (tuples are fine). */
function mutableLiteral(e: Expr): string | null {
  switch (e.k) {
    case 'list':
      return 'list';
    case 'dict':
      return 'dict';
    case 'listcomp':
      return 'list comprehension';
    case 'dictcomp':
      return 'dict comprehension';
    case 'tuple':
      for (const x of e.elts) {
        const r = mutableLiteral(x);
        if (r) return r;
      }
      return null;
  }
  return null;
}

/** Python scoping: a name assigned anywhere in a function body is local to it. */
function localsOf(f: FunctionDef): Set<string> {
  const out = new Set(f.params.map((p) => p.name));
  const target = (t: Expr): void => {
    if (t.k === 'name') out.add(t.id);
    else if (t.k === 'starred') target(t.e);
    else if (t.k === 'tuple' || t.k === 'list') t.elts.forEach(target);
  };
  const walk = (ss: Stmt[]): void => {
    for (const s of ss) {
      switch (s.k) {
        case 'assign':
          s.targets.forEach(target);
          break;
        case 'augassign':
        case 'annassign':
          target(s.target);
          break;
        case 'for':
          target(s.target);
          walk(s.body);
          break;
        case 'if':
          walk(s.body);
          walk(s.orelse);
          break;
        case 'while':
          walk(s.body);
          break;
      }
    }
  };
  walk(f.body);
  return out;
}

class Scope {
  calls: { callee: string; at: number }[] = [];
  private comp: Set<string>[] = [];
  constructor(
    private readonly cm: CheckedModule,
    readonly fn: FunctionDef | null,
    private readonly locals: Set<string>,
  ) {}

  err(code: string, msg: string, at: number): void {
    this.cm.src.error(code, msg, at);
  }

  block(ss: Stmt[], loopDepth: number): void {
    for (const s of ss) this.stmt(s, loopDepth);
  }

  stmt(s: Stmt, loop: number): void {
    switch (s.k) {
      case 'expr':
        return this.expr(s.e);
      case 'assign':
        // `a, b = map(int, parts)` unpacks the iterator at once
        if (s.targets.every((t) => t.k === 'tuple' || t.k === 'list')) this.iterable(s.value);
        else this.expr(s.value);
        s.targets.forEach((t) => this.target(t));
        return;
      case 'augassign':
        this.expr(s.value);
        return this.target(s.target);
      case 'annassign':
        if (s.value) this.expr(s.value);
        return this.target(s.target);
      case 'if':
        this.expr(s.test);
        this.block(s.body, loop);
        return this.block(s.orelse, loop);
      case 'while':
        this.expr(s.test);
        return this.block(s.body, loop + 1);
      case 'for':
        this.iterable(s.iter);
        this.target(s.target);
        return this.block(s.body, loop + 1);
      case 'break':
      case 'continue':
        if (loop === 0) this.err('E-SYNTAX', `'${s.k}' outside a loop`, s.at);
        return;
      case 'return':
        if (s.value) this.expr(s.value);
        return;
      case 'assert':
        this.expr(s.test);
        if (s.msg) this.expr(s.msg);
        return;
      case 'del':
        s.targets.forEach((t) => this.target(t));
        return;
      case 'pass':
        return;
    }
  }

  target(t: Expr): void {
    if (t.k === 'name') {
      if (t.id.startsWith('__')) this.err('E-DUNDER', `dunder names are not allowed (${t.id})`, t.at);
    } else if (t.k === 'index') {
      this.expr(t.obj);
      this.expr(t.index);
    } else if (t.k === 'slice') this.expr(t);
    else if (t.k === 'starred') this.target(t.e);
    else if (t.k === 'tuple' || t.k === 'list') t.elts.forEach((e) => this.target(e));
  }

  isLocal(id: string): boolean {
    return this.locals.has(id) || this.comp.some((s) => s.has(id));
  }

  name(id: string, at: number, called: boolean): void {
    if (this.isLocal(id)) return;
    if (id.startsWith('__')) return this.err('E-DUNDER', `dunder names are not allowed (${id})`, at);
    if (this.cm.consts.has(id) || this.cm.imports.has(id)) return;
    if (this.cm.funcs.has(id)) {
      if (!called) this.err('E-FUNC-VALUE', `function '${id}' can only be called, not used as a value`, at);
      return;
    }
    // a builtin defined in the table is available, even one the ban list names
    if (isBuiltinName(id) || TYPE_NAMES.has(id)) return;
    if (BANNED_BUILTINS.has(id)) return this.err('E-BUILTIN', `'${id}' is not available in contracts${BUILTIN_HINTS[id] ? `; ${BUILTIN_HINTS[id]}` : ''}`, at);
    if (this.cm.mod.typingNames.has(id)) return this.err('E-TYPING', `'${id}' comes from typing and may appear only in annotations`, at);
    this.err('E-NAME', `name '${id}' is not defined`, at);
  }

  expr(e: Expr): void {
    switch (e.k) {
      case 'int':
      case 'bytes':
      case 'str':
      case 'const':
        return;
      case 'name':
        return this.name(e.id, e.at, false);
      case 'attr':
        return this.attr(e, false);
      case 'call':
        if (this.iterBuiltin(e) !== null) return this.iterBuiltinCall(e, false);
        if (e.fn.k === 'name' && e.fn.id === 'type' && e.args.length === 1 && e.args[0].k === 'const' && e.args[0].v === null && !this.isLocal('type')) {
          return; // `type(None)` names NoneType for isinstance; nothing else of type() is allowed
        }
        if (e.fn.k === 'name') {
          this.name(e.fn.id, e.fn.at, true);
          if (this.cm.funcs.has(e.fn.id) && !this.isLocal(e.fn.id)) this.calls.push({ callee: e.fn.id, at: e.at });
        } else if (e.fn.k === 'attr') this.attr(e.fn, true);
        else this.err('E-CALL', 'only functions, builtins, methods and stdlib can be called', e.at);
        {
          const callee = e.fn.k === 'name' && !this.isLocal(e.fn.id) ? e.fn.id : e.fn.k === 'attr' ? '.' + e.fn.attr : '';
          if (
            e.args.some((a) => a.k === 'starred') &&
            (callee !== 'zip' || this.cm.funcs.has('zip') || this.cm.consts.has('zip') || this.cm.imports.has('zip'))
          )
            this.err('E-STARARGS', '* arguments are not allowed (calls bind statically) but in the builtin zip(*rows)', e.at);
          if (callee === 'isinstance' && e.args.length === 2) {
            this.expr(e.args[0]);
            this.isinstanceTypes(e.args[1]);
            e.kw.forEach((k) => this.expr(k.value));
            return;
          }
          e.args.forEach((a) => {
            if (a.k === 'genexp' && e.args.length === 1 && GEN_CONSUMERS.has(callee)) this.comprehension(a);
            else if (e.args.length === 1 && GEN_CONSUMERS.has(callee)) this.iterable(a);
            else this.expr(a);
          });
          e.kw.forEach((k) => {
            if (k.name === 'key' && KEY_TAKERS.has(callee)) this.keyFunc(k.value);
            else this.expr(k.value);
          });
        }
        return;
      case 'bin':
        if (e.op === '%' && (e.l.k === 'str' || e.l.k === 'bytes')) this.checkPercent(e.l, e.r);
        if ((e.op === '&' || e.op === '|' || e.op === '-' || e.op === '^') && (isSetView(e.l) || isSetView(e.r)))
          this.err('E-SET', `'${e.op}' on dict views builds a set, and contracts have no sets: write a comprehension (e.g. [k for k in a if k in b])`, e.at);
        this.expr(e.l);
        return this.expr(e.r);
      case 'boolop':
        this.expr(e.l);
        return this.expr(e.r);
      case 'unary':
        return this.expr(e.e);
      case 'cmp':
        e.ops.forEach((op, i) => {
          if ((op === '<' || op === '<=' || op === '>' || op === '>=') && (isSetView(e.operands[i]) || isSetView(e.operands[i + 1])))
            this.err('E-SET', `'${op}' on dict views is a subset test, which contracts do not support: write all(k in b for k in a)`, e.at);
        });
        return e.operands.forEach((o) => this.expr(o));
      case 'ifexp':
        this.expr(e.test);
        this.expr(e.body);
        return this.expr(e.orelse);
      case 'index':
        this.expr(e.obj);
        return this.expr(e.index);
      case 'slice':
        this.expr(e.obj);
        if (e.lo) this.expr(e.lo);
        if (e.hi) this.expr(e.hi);
        if (e.step) this.expr(e.step);
        return;
      case 'list':
      case 'tuple':
        return e.elts.forEach((x) => this.expr(x));
      case 'dict':
        e.keys.forEach((x) => this.expr(x));
        return e.values.forEach((x) => this.expr(x));
      case 'genexp':
        this.err(
          'E-GENERATOR',
          `a generator expression may only be the sole argument of ${[...GEN_CONSUMERS].map((c) => (c.startsWith('.') ? `str${c}` : c) + '()').join(', ')}; use a list comprehension [...]`,
          e.at,
        );
        return this.comprehension(e);
      case 'starred':
        return this.expr(e.e);
      case 'lambda':
        this.err('E-LAMBDA', 'a lambda may only be the key= argument of sorted(), min(), max() or list.sort(); elsewhere define a private function', e.at);
        return this.lambdaBody(e);
      case 'fstring':
        return this.fparts(e.parts);
      case 'listcomp':
      case 'dictcomp':
        return this.comprehension(e);
    }
  }

  /** isinstance()'s second argument: type names, also of types the subset lacks (never matched). */
  isinstanceTypes(t: Expr): void {
    if (t.k === 'name' && !this.isLocal(t.id) && (TYPE_NAMES.has(t.id) || FOREIGN_TYPES.has(t.id))) return;
    if (t.k === 'tuple') return t.elts.forEach((x) => this.isinstanceTypes(x));
    this.expr(t);
  }

  fparts(parts: FPart[]): void {
    for (const p of parts) {
      if (typeof p === 'string') continue;
      this.expr(p.e);
      if (p.spec.every((x) => typeof x === 'string')) {
        const spec = (p.spec as string[]).join('');
        const bad = specProblem(spec);
        if (bad) this.err('E-FSTRING', `format spec '${spec}': ${bad}`, p.at);
      }
      this.fparts(p.spec);
    }
  }

  /** A literal %-format: conversions that could only fail, and a tuple of the wrong length, are compile errors. */
  checkPercent(fmt: Expr & { k: 'str' | 'bytes' }, args: Expr): void {
    const text = typeof fmt.v === 'string' ? fmt.v : String.fromCharCode(...fmt.v);
    const bad = percentProblem(text);
    if (bad) return this.err('E-FORMAT', `%-format ${JSON.stringify(text)}: ${bad}`, fmt.at);
    if (args.k === 'tuple' && !text.includes('%(')) {
      const want = percentArgCount(text);
      if (want !== args.elts.length)
        this.err('E-FORMAT', `%-format ${JSON.stringify(text)} takes ${want} argument${want === 1 ? '' : 's'}, the tuple has ${args.elts.length}`, args.at);
    }
  }

  /** key=: a lambda of one parameter, or a module function named as a value. */
  keyFunc(k: Expr): void {
    if (k.k === 'lambda') {
      if (k.params.length !== 1) this.err('E-LAMBDA', 'a key= lambda takes exactly one parameter', k.at);
      return this.lambdaBody(k);
    }
    if (k.k === 'name' && !this.isLocal(k.id) && this.cm.funcs.has(k.id)) {
      this.calls.push({ callee: k.id, at: k.at });
      return;
    }
    if (k.k === 'const' && k.v === null) return; // key=None: no key
    if (k.k === 'name' && !this.isLocal(k.id) && isBuiltinName(k.id) && !k.id.includes('.')) return; // key=len
    if (this.boundMethod(k)) return; // key=d.get
    this.err('E-KEY', `key= must be a lambda, a function of this contract, a builtin or a method of a local (d.get)${keyHint(k)}`, k.at);
  }

  /** map, filter, next or iter called as the builtin (not a contract function or local of that name). */
  iterBuiltin(e: Expr): 'map' | 'filter' | 'next' | 'iter' | null {
    if (e.k !== 'call' || e.fn.k !== 'name') return null;
    const id = e.fn.id;
    if (id !== 'map' && id !== 'filter' && id !== 'next' && id !== 'iter') return null;
    if (this.isLocal(id) || this.cm.funcs.has(id) || this.cm.consts.has(id) || this.cm.imports.has(id)) return null;
    return id;
  }

  /** Where Python consumes an iterator on the spot (a for, a comprehension, a consumer's sole argument, an unpacking): map() and filter() may stand here. */
  iterable(e: Expr): void {
    const b = this.iterBuiltin(e);
    if (b === 'map' || b === 'filter') return this.iterBuiltinCall(e as Expr & { k: 'call' }, true);
    this.expr(e);
  }

  /**
   * map(f, xs, ...) and filter(f, xs) are lowered as generators over xs, so they may stand only
   * where their items are consumed on the spot; next() takes such an iterator (or a generator
   * expression, or iter(xs)) and a default; iter() only inside next().
   */
  iterBuiltinCall(e: Expr & { k: 'call' }, consumed: boolean): void {
    const name = this.iterBuiltin(e)!;
    const where =
      'as the iterable of a for loop or comprehension, the sole argument of list(), tuple(), sorted(), sum(), min(), max(), any(), all(), dict(), bytes() or str.join(), the first argument of next(), or on the right of an unpacking assignment';
    e.kw.forEach((k) => {
      this.err('E-CALL-ARGS', `${name}() takes no keyword arguments`, k.at);
      this.expr(k.value);
    });
    if (name === 'iter') {
      this.err('E-BUILTIN', `iter() is available only as next(iter(xs), default); ${BUILTIN_HINTS.iter}`, e.at);
      return e.args.forEach((a) => this.expr(a));
    }
    if (name === 'next') {
      const it = e.args[0];
      if (e.args.length !== 2)
        this.err('E-BUILTIN', 'next() needs an iterator and a default, e.g. next((x for x in xs if x > 0), None): contracts have no StopIteration', e.at);
      if (it) {
        const inner = this.iterBuiltin(it);
        if (it.k === 'genexp') this.comprehension(it);
        else if (inner === 'iter' && it.k === 'call' && it.args.length === 1 && it.kw.length === 0) this.expr(it.args[0]);
        else if (inner === 'map' || inner === 'filter') this.iterBuiltinCall(it as Expr & { k: 'call' }, true);
        else {
          this.err('E-BUILTIN', 'next() takes a generator expression, map(), filter() or iter(xs) here; iterators are not values in contracts', it.at);
          this.expr(it);
        }
      }
      e.args.slice(1).forEach((a) => this.expr(a));
      return;
    }
    if (!consumed) this.err('E-BUILTIN', `${name}() is lazy: it may stand only ${where}; elsewhere write a list comprehension`, e.at);
    const [fn, ...iters] = e.args;
    const want = name === 'filter' ? 1 : Math.max(1, iters.length);
    if (!fn || iters.length < 1 || (name === 'filter' && iters.length !== 1)) {
      this.err(
        'E-CALL-ARGS',
        name === 'map' ? 'map() needs a function and at least one iterable' : 'filter() needs a function (or None) and one iterable',
        e.at,
      );
    }
    if (fn) {
      if (fn.k === 'lambda') {
        if (fn.params.length !== want)
          this.err('E-LAMBDA', `the lambda of ${name}() takes ${want} parameter${want === 1 ? '' : 's'} here, one per iterable`, fn.at);
        this.lambdaBody(fn);
      } else if (fn.k === 'const' && fn.v === null && name === 'filter') {
        // filter(None, xs): the truthy items
      } else if (fn.k === 'name' && !this.isLocal(fn.id) && this.cm.funcs.has(fn.id)) this.calls.push({ callee: fn.id, at: fn.at });
      else if (!(fn.k === 'name' && !this.isLocal(fn.id) && isBuiltinName(fn.id) && !fn.id.includes('.')) && !this.boundMethod(fn))
        this.err(
          'E-KEY',
          `the function of ${name}() must be a lambda, a function of this contract, a builtin or a method of a local (d.get)${name === 'filter' ? ' (or None)' : ''}${keyHint(fn)}`,
          fn.at,
        );
    }
    iters.forEach((a) => this.iterable(a));
  }

  /** `d.get` as a function: a method of a local or parameter (CPython's bound method). */
  boundMethod(k: Expr): boolean {
    return k.k === 'attr' && k.obj.k === 'name' && this.isLocal(k.obj.id);
  }

  lambdaBody(e: Expr & { k: 'lambda' }): void {
    this.comp.push(new Set(e.params));
    this.expr(e.body);
    this.comp.pop();
  }

  comprehension(e: Expr & { k: 'listcomp' | 'genexp' | 'dictcomp' }): void {
    const scope = new Set<string>();
    const bind = (t: Expr): void => {
      if (t.k === 'name') scope.add(t.id);
      else if (t.k === 'tuple' || t.k === 'list') t.elts.forEach(bind);
    };
    let pushed = 0;
    for (const g of e.gens) {
      this.iterable(g.iter);
      bind(g.target);
      if (pushed === 0) {
        this.comp.push(scope);
        pushed = 1;
      }
      g.ifs.forEach((c) => this.expr(c));
    }
    if (e.k === 'dictcomp') {
      this.expr(e.key);
      this.expr(e.value);
    } else this.expr(e.elt);
    if (pushed) this.comp.pop();
  }

  attr(e: Expr & { k: 'attr' }, called: boolean): void {
    // stdlib.<mod>.<fn>, <mod>.<fn> for imported modules, int.from_bytes / bytes.fromhex, x.method
    const path = attrPath(e);
    if (path && !this.isLocal(path[0]) && this.cm.imports.has(path[0])) {
      const full = [...this.cm.imports.get(path[0])!, ...path.slice(1)];
      const r = resolveStdlibPath(full, this.cm.host);
      if (r === null || r.kind !== 'func') return this.err('E-ATTR', `stdlib has no '${full.join('.')}'`, e.at);
      if (!called) this.err('E-FUNC-VALUE', `stdlib function '${full.join('.')}' can only be called`, e.at);
      return;
    }
    if (
      path &&
      path.length === 2 &&
      !this.isLocal(path[0]) &&
      ((path[0] === 'int' && path[1] === 'from_bytes') || (path[0] === 'bytes' && path[1] === 'fromhex') || (path[0] === 'dict' && path[1] === 'fromkeys'))
    ) {
      if (!called) this.err('E-FUNC-VALUE', `'${path.join('.')}' can only be called`, e.at);
      return;
    }
    if (!called) return this.err('E-ATTR', `attribute '${e.attr}' is not supported; only method calls are`, e.at);
    this.expr(e.obj);
  }
}

/** For `str.lower` and the like (a method of a type, not of a value): the lambda to write. */
function keyHint(k: Expr): string {
  if (k.k === 'attr' && k.obj.k === 'name') return `; write lambda x: x.${k.attr}() for ${k.obj.id}.${k.attr}`;
  return '';
}

export function attrPath(e: Expr): string[] | null {
  if (e.k === 'name') return [e.id];
  if (e.k === 'attr') {
    const p = attrPath(e.obj);
    return p ? [...p, e.attr] : null;
  }
  return null;
}

/**
 * The constructor: typed parameters (deploy encodes its arguments by them) and no return
 * value (deploy returns the new address). It is exported so its parameter types are in the
 * code, and the executor runs it only at deploy (spec/CONSTRUCTORS.md).
 */
function checkConstructor(cm: CheckedModule, f: FunctionDef): void {
  checkPublic(cm, f);
  if (cm.signatures.get(f.name)?.returns !== 'none')
    cm.src.error(
      'E-CONSTRUCTOR',
      `${CONSTRUCTOR} returns nothing (deploy returns the new contract's address); annotate it -> None or not at all`,
      f.returns?.at ?? f.at,
    );
}

function checkPublic(cm: CheckedModule, f: FunctionDef): void {
  const params: string[] = [];
  for (const p of f.params) {
    if (!p.annotation) {
      cm.src.error('E-ANNOTATION', `public function '${f.name}' needs a type annotation on parameter '${p.name}' (it is part of the ABI)`, p.at);
      continue;
    }
    const t = annotationType(p.annotation);
    if (t === null || t === 'none' || t === 'dict')
      cm.src.error('E-ANNOTATION', `parameter '${p.name}': ${unsupportedParam(p.annotation, p.name)}`, p.annotation.at);
    else params.push(t);
  }
  let returns = 'none';
  if (f.returns) {
    const t = annotationType(f.returns);
    if (t === null) cm.src.error('E-ANNOTATION', `function '${f.name}': unsupported return type annotation`, f.returns.at);
    else returns = t;
  } else if (returnsValue(f.body)) {
    cm.src.error('E-ANNOTATION', `public function '${f.name}' returns a value and needs a return annotation (-> int, -> bytes, ...)`, f.at);
  }
  cm.signatures.set(f.name, { params, returns });
}

/** Why a parameter annotation is not an ABI type, and what to write instead. */
function unsupportedParam(a: Expr, name: string): string {
  const optional = optionalOf(a);
  if (optional) {
    const inner = annotationType(optional);
    const zero = inner === 'int' ? '0' : inner === 'bytes' ? 'b""' : inner === 'str' ? '""' : inner === 'bool' ? 'False' : null;
    return `the ABI has no optional (None) values; give the parameter a plain type and a default${zero ? `, e.g. \`${name}: ${inner} = ${zero}\`, and test \`if ${name}:\`` : ''}`;
  }
  if (a.k === 'name' && (a.id === 'list' || a.id === 'List' || a.id === 'tuple' || a.id === 'Tuple')) {
    return `name the item type${a.id.toLowerCase() === 'list' ? '' : 's'}, e.g. \`${name}: ${a.id.toLowerCase() === 'list' ? 'list[int]' : 'tuple[int, bytes]'}\``;
  }
  const hasDict = (e: Expr): boolean => annotationType(e) === 'dict' || (e.k === 'index' && (e.index.k === 'tuple' ? e.index.elts : [e.index]).some(hasDict));
  if (hasDict(a)) {
    return 'the ABI has no dict type; pass records as tuples, e.g. `list[tuple[bytes, int, bytes]]`, and unpack them (`for signer, alg_id, sig in permits:`)';
  }
  return 'unsupported ABI type annotation (int, bool, bytes, str, "address", sized names like "u64", list[T], tuple[...])';
}

/** T for `T | None`, `None | T` and `Optional[T]`. */
function optionalOf(a: Expr): Expr | null {
  const isNone = (e: Expr): boolean => e.k === 'const' && e.v === null;
  if (a.k === 'bin' && a.op === '|') return isNone(a.r) ? a.l : isNone(a.l) ? a.r : null;
  if (a.k === 'index' && a.obj.k === 'name' && a.obj.id === 'Optional') return a.index;
  return null;
}

function returnsValue(ss: Stmt[]): boolean {
  for (const s of ss) {
    if (s.k === 'return' && s.value && !(s.value.k === 'const' && s.value.v === null)) return true;
    if ((s.k === 'if' && (returnsValue(s.body) || returnsValue(s.orelse))) || ((s.k === 'while' || s.k === 'for') && returnsValue(s.body))) return true;
  }
  return false;
}

/** Annotation -> canonical ABI type name, 'none', 'dict', or null when unsupported. */
export function annotationType(e: Expr): string | null {
  if (e.k === 'const' && e.v === null) return 'none';
  if (e.k === 'str') return e.v; // string annotations name an ABI type directly ("address")
  if (e.k === 'name') {
    switch (e.id) {
      case 'int':
      case 'bool':
      case 'bytes':
      case 'str':
        return e.id;
      case 'bytearray':
        return 'bytes';
      case 'dict':
      case 'Dict':
        return 'dict';
    }
    return null;
  }
  if (e.k === 'index' && e.obj.k === 'name') {
    const head = e.obj.id;
    const args = e.index.k === 'tuple' ? e.index.elts : [e.index];
    if (head === 'Final' && args.length === 1) return annotationType(args[0]);
    if ((head === 'list' || head === 'List') && args.length === 1) {
      const t = annotationType(args[0]);
      return t && t !== 'none' && t !== 'dict' ? `list<${t}>` : null;
    }
    if (head === 'tuple' || head === 'Tuple') {
      const ts = args.map(annotationType);
      return ts.every((t) => t && t !== 'none' && t !== 'dict') ? `tuple(${ts.join(',')})` : null;
    }
    if (head === 'dict' || head === 'Dict') return 'dict';
  }
  return null;
}

function findRecursion(cm: CheckedModule, calls: Map<string, { callee: string; at: number }[]>): void {
  const state = new Map<string, 1 | 2>(); // 1 = on stack, 2 = done
  const stack: string[] = [];
  const reported = new Set<string>();
  const visit = (f: string): void => {
    state.set(f, 1);
    stack.push(f);
    for (const c of calls.get(f) ?? []) {
      const st = state.get(c.callee);
      if (st === 1) {
        const cycle = [...stack.slice(stack.indexOf(c.callee)), c.callee];
        const key = [...cycle].sort().join(',');
        if (!reported.has(key)) {
          reported.add(key);
          cm.src.error('E-RECURSION', `recursion is not allowed: ${cycle.join(' -> ')}`, c.at);
        }
      } else if (st === undefined) visit(c.callee);
    }
    stack.pop();
    state.set(f, 2);
  };
  for (const f of cm.funcs.keys()) if (!state.has(f)) visit(f);
}

/** `x.keys()` or `x.items()`: a set-like dict view, seen in the source. */
function isSetView(e: Expr): boolean {
  return e.k === 'call' && e.fn.k === 'attr' && (e.fn.attr === 'keys' || e.fn.attr === 'items') && e.args.length === 0 && e.kw.length === 0;
}
