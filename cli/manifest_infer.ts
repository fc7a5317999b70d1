// The manifest's ABI read off a contract's source: public functions from their annotations,
// events from the `events.emit(name, {field: value})` calls with each field's type inferred
// from its value (a literal, a constant, an annotated parameter, a helper's or a stdlib
// function's return type, arithmetic over those). What cannot be known from the source (a
// field whose value has no evident type, a name that is not a literal, a function that
// returns a dict) is a diagnostic at its location saying what to declare; a declaration
// in the existing manifest settles it.
import type { AbiEvent, AbiFunction, AbiOutput, NormalizedAbi } from '../node/manifest.js';
import { CONSTRUCTOR } from '../spec/constructor.js';
import type { Expr, FunctionDef, Stmt } from '../validate/ast.js';
import { annotationType } from '../validate/check.js';
import type { CheckedModule } from '../validate/index.js';
import { resolveStdlibPath } from '../validate/names.js';

/** Return types of stdlib functions, as event fields carry them. */
const STD_RETURNS: Record<string, string> = {
  'abi.caller': 'bytes',
  'abi.contract_address': 'bytes',
  'abi.tx_hash': 'bytes',
  'abi.block_height': 'int',
  'abi.block_timestamp': 'int',
  'abi.chain_id': 'int',
  'abi.call_value': 'int',
  'storage.get_int': 'int',
  'storage.exists': 'bool',
  'hash.sha3_256': 'bytes',
  'hash.sha3_512': 'bytes',
  'hash.keccak256': 'bytes',
  'hash.blake3': 'bytes',
  'treasury.balance': 'int',
  'random.bytes': 'bytes',
  'pq.address': 'bytes',
  'pq.verify': 'bool',
};
const BUILTIN_RETURNS: Record<string, string> = { len: 'int', int: 'int', abs: 'int', bool: 'bool', bytes: 'bytes', str: 'str', sum: 'int', 'int.from_bytes': 'int', 'bytes.fromhex': 'bytes' };

export interface Declared {
  events: Map<string, AbiEvent>;
  /** function name -> outputs, for functions that return a dict */
  outputs: Map<string, AbiOutput[]>;
}

export function inferAbi(cm: CheckedModule, declared: Declared): NormalizedAbi {
  const src = cm.src;
  const functions: AbiFunction[] = [];
  for (const f of cm.mod.funcs) {
    const sig = cm.signatures.get(f.name);
    if (!sig || f.name === CONSTRUCTOR) continue;
    let outputs: AbiOutput[] = sig.returns === 'none' ? [] : [{ type: sig.returns }];
    if (sig.returns === 'dict') {
      const d = declared.outputs.get(f.name);
      if (d) outputs = d;
      else {
        src.error('E-MANIFEST-INFER', `${f.name}() returns a dict: its output names and types cannot be read from the annotation; declare them in the manifest ("outputs": [{"name": "...", "type": "..."}]) or return a tuple`, f.returns?.at ?? f.at);
        outputs = [];
      }
    }
    functions.push({ name: f.name, inputs: f.params.map((p, i) => ({ name: p.name, type: sig.params[i] })), outputs });
  }
  const events = new Map<string, AbiEvent>();
  for (const f of cm.mod.funcs) {
    const types = new Types(cm, f);
    walkCalls(f.body, (e) => {
      if (!isEmit(cm, e)) return;
      const [nameArg, fieldsArg] = e.args;
      const name = nameArg && literalText(cm, nameArg);
      if (name === undefined) {
        src.error('E-MANIFEST-INFER', 'event name is not a literal (or a constant): the manifest cannot name this event; use a literal name', (nameArg ?? e).at);
        return;
      }
      const decl = declared.events.get(name);
      if (decl) {
        events.set(name, decl);
        return;
      }
      if (!fieldsArg || fieldsArg.k !== 'dict') {
        src.error('E-MANIFEST-INFER', `event ${name}: its fields are not a dict literal, so their names and types cannot be read; write {"field": value, ...} or declare the event in the manifest`, (fieldsArg ?? e).at);
        return;
      }
      const inputs: { name: string; type: string }[] = [];
      fieldsArg.keys.forEach((k, i) => {
        const key = literalText(cm, k);
        if (key === undefined) return src.error('E-MANIFEST-INFER', `event ${name}: a field name that is not a literal cannot be declared; use a literal`, k.at);
        const t = types.of(fieldsArg.values[i]);
        if (t === undefined || !['int', 'bytes', 'str', 'bool'].includes(t)) {
          return src.error('E-MANIFEST-INFER', `event ${name} field '${key}': cannot infer its type (int, bytes, str or bool) from this value; annotate where it comes from (a parameter, a helper's return) or declare the event in the manifest: {"name": "${name}", "inputs": [{"name": "${key}", "type": "..."}, ...]}`, fieldsArg.values[i].at);
        }
        inputs.push({ name: key, type: t });
      });
      const prev = events.get(name);
      const ev = { name, inputs };
      if (prev && JSON.stringify(prev) !== JSON.stringify(ev)) {
        src.error('E-MANIFEST-INFER', `event ${name} is emitted with different fields here (${inputs.map((p) => `${p.name}: ${p.type}`).join(', ')}) than elsewhere (${prev.inputs.map((p) => `${p.name}: ${p.type}`).join(', ')}); declare it in the manifest`, e.at);
      } else events.set(name, ev);
    });
  }
  return { functions, events: [...events.values()], errors: [] };
}

function isEmit(cm: CheckedModule, e: Expr & { k: 'call' }): boolean {
  return stdName(cm, e.fn) === 'events.emit';
}

/** The table name of a stdlib function an expression names (through imports), if any. */
function stdName(cm: CheckedModule, fn: Expr): string | undefined {
  const path: string[] = [];
  let x = fn;
  while (x.k === 'attr') {
    path.unshift(x.attr);
    x = x.obj;
  }
  if (x.k !== 'name') return undefined;
  const imp = cm.imports.get(x.id);
  if (!imp) return undefined;
  const r = resolveStdlibPath([...imp, ...path]);
  return r?.kind === 'func' ? r.name : undefined;
}

function literalText(cm: CheckedModule, e: Expr, depth = 0): string | undefined {
  if (e.k === 'str') return e.v;
  if (e.k === 'bytes') {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(e.v);
    } catch {
      return undefined;
    }
  }
  if (e.k === 'name' && depth < 8) {
    const c = cm.consts.get(e.id);
    return c ? literalText(cm, c, depth + 1) : undefined;
  }
  return undefined;
}

function walkCalls(ss: readonly Stmt[], f: (e: Expr & { k: 'call' }) => void): void {
  const ex = (e: Expr | null): void => {
    if (!e) return;
    switch (e.k) {
      case 'call':
        f(e);
        ex(e.fn);
        e.args.forEach(ex);
        e.kw.forEach((k) => ex(k.value));
        return;
      case 'attr':
        return ex(e.obj);
      case 'bin':
        ex(e.l);
        return ex(e.r);
      case 'unary':
        return ex(e.e);
      case 'boolop':
        ex(e.l);
        return ex(e.r);
      case 'cmp':
        return e.operands.forEach(ex);
      case 'ifexp':
        ex(e.test);
        ex(e.body);
        return ex(e.orelse);
      case 'index':
        ex(e.obj);
        return ex(e.index);
      case 'slice':
        ex(e.obj);
        ex(e.lo);
        return ex(e.hi);
      case 'list':
      case 'tuple':
        return e.elts.forEach(ex);
      case 'dict':
        e.keys.forEach(ex);
        return e.values.forEach(ex);
      case 'listcomp':
        ex(e.elt);
        for (const g of e.gens) {
          ex(g.iter);
          g.ifs.forEach(ex);
        }
        return;
    }
  };
  for (const s of ss) {
    switch (s.k) {
      case 'expr':
        ex(s.e);
        break;
      case 'assign':
        ex(s.value);
        break;
      case 'augassign':
      case 'annassign':
        ex(s.value);
        break;
      case 'if':
        ex(s.test);
        walkCalls(s.body, f);
        walkCalls(s.orelse, f);
        break;
      case 'while':
        ex(s.test);
        walkCalls(s.body, f);
        break;
      case 'for':
        ex(s.iter);
        walkCalls(s.body, f);
        break;
      case 'return':
        ex(s.value);
        break;
      case 'assert':
        ex(s.test);
        ex(s.msg);
        break;
    }
  }
}

/** Types of expressions inside one function, as far as the source shows them. */
class Types {
  private readonly params = new Map<string, string>();
  /** local name -> every value assigned to it */
  private readonly assigned = new Map<string, Expr[]>();
  private depth = 0;

  constructor(
    private readonly cm: CheckedModule,
    f: FunctionDef,
  ) {
    for (const p of f.params) {
      const t = p.annotation ? annotationType(p.annotation) : null;
      if (t) this.params.set(p.name, t);
    }
    const visit = (ss: readonly Stmt[]) => {
      for (const s of ss) {
        if (s.k === 'assign') for (const t of s.targets) if (t.k === 'name') this.add(t.id, s.value);
        if (s.k === 'annassign' && s.target.k === 'name' && s.value) this.add(s.target.id, s.value);
        if (s.k === 'augassign' && s.target.k === 'name') this.add(s.target.id, { k: 'bin', at: s.at, op: s.op, l: s.target, r: s.value });
        if (s.k === 'for' && s.target.k === 'name') this.params.set(s.target.id, 'unknown');
        if (s.k === 'if') {
          visit(s.body);
          visit(s.orelse);
        }
        if (s.k === 'while' || s.k === 'for') visit(s.body);
      }
    };
    visit(f.body);
  }

  private add(name: string, e: Expr): void {
    const l = this.assigned.get(name) ?? [];
    l.push(e);
    this.assigned.set(name, l);
  }

  of(e: Expr): string | undefined {
    if (this.depth > 32) return undefined;
    this.depth++;
    try {
      return this.infer(e);
    } finally {
      this.depth--;
    }
  }

  private infer(e: Expr): string | undefined {
    switch (e.k) {
      case 'int':
        return 'int';
      case 'bytes':
        return 'bytes';
      case 'str':
        return 'str';
      case 'const':
        return e.v === null ? undefined : 'bool';
      case 'name': {
        const p = this.params.get(e.id);
        if (p) return p === 'unknown' ? undefined : p;
        const vs = this.assigned.get(e.id);
        if (vs) {
          // every assignment must agree; a self-referencing one (n = n + 1) adds nothing new
          const ts = new Set(vs.map((v) => (refersTo(v, e.id) ? 'self' : this.of(v))));
          ts.delete('self');
          return ts.size === 1 && !ts.has(undefined) ? [...ts][0] : undefined;
        }
        const c = this.cm.consts.get(e.id);
        if (c) return this.of(c);
        if (e.id === 'True' || e.id === 'False') return 'bool';
        return undefined;
      }
      case 'bin': {
        const l = this.of(e.l);
        const r = this.of(e.r);
        if (l === 'int' && r === 'int') return 'int';
        if (e.op === '+' && l === r && (l === 'bytes' || l === 'str')) return l;
        if (e.op === '*' && ((l === 'int' && (r === 'bytes' || r === 'str')) || (r === 'int' && (l === 'bytes' || l === 'str')))) return l === 'int' ? r : l;
        return undefined;
      }
      case 'unary':
        if (e.op === 'not') return 'bool';
        return this.of(e.e) === 'int' || this.of(e.e) === 'bool' ? 'int' : undefined;
      case 'cmp':
        return 'bool';
      case 'boolop': {
        const l = this.of(e.l);
        return l !== undefined && l === this.of(e.r) ? l : undefined;
      }
      case 'ifexp': {
        const b = this.of(e.body);
        return b !== undefined && b === this.of(e.orelse) ? b : undefined;
      }
      case 'slice': {
        const t = this.of(e.obj);
        return t === 'bytes' || t === 'str' ? t : undefined;
      }
      case 'index': {
        const t = this.of(e.obj);
        if (t === 'bytes') return 'int';
        if (t === 'str') return 'str';
        const m = t ? /^list<(.+)>$/.exec(t) : null;
        return m ? m[1] : undefined;
      }
      case 'call': {
        const std = stdName(this.cm, e.fn);
        if (std) return STD_RETURNS[std];
        if (e.fn.k === 'name') {
          const f = this.cm.funcs.get(e.fn.id);
          if (f) {
            const t = f.returns ? annotationType(f.returns) : null;
            return t && t !== 'none' ? t : undefined;
          }
          if (e.fn.id === 'min' || e.fn.id === 'max') return e.args.length && e.args.every((a) => this.of(a) === 'int') ? 'int' : undefined;
          return BUILTIN_RETURNS[e.fn.id];
        }
        if (e.fn.k === 'attr' && e.fn.obj.k === 'name' && BUILTIN_RETURNS[`${e.fn.obj.id}.${e.fn.attr}`]) return BUILTIN_RETURNS[`${e.fn.obj.id}.${e.fn.attr}`];
        if (e.fn.k === 'attr') {
          const o = this.of(e.fn.obj);
          if (o === 'bytes' && ['hex'].includes(e.fn.attr)) return 'str';
          if ((o === 'str' || o === 'bytes') && ['upper', 'lower', 'strip', 'replace', 'lstrip', 'rstrip'].includes(e.fn.attr)) return o;
          if (o === 'str' && e.fn.attr === 'encode') return 'bytes';
          if (o === 'bytes' && e.fn.attr === 'decode') return 'str';
          if (o === 'int' && e.fn.attr === 'to_bytes') return 'bytes';
        }
        return undefined;
      }
    }
    return undefined;
  }
}

function refersTo(e: Expr, name: string): boolean {
  if (e.k === 'name') return e.id === name;
  if (e.k === 'bin') return refersTo(e.l, name) || refersTo(e.r, name);
  return false;
}
