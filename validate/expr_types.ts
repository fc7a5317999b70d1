// What the source shows of an expression's type, inside one function: literals, constants,
// annotated parameters, locals whose every assignment agrees, the return annotations of the
// module's functions, stdlib and builtin return types, and operators over those. Used where
// a type must be known without running the code (manifest inference, return checks).
import type { Expr, FunctionDef, Stmt } from './ast.js';
import { annotationType, type CheckedModule } from './check.js';
import { resolveStdlibPath } from './names.js';

/** Return types of stdlib functions, as event fields carry them. */
export const STD_RETURNS: Record<string, string> = {
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
const BUILTIN_RETURNS: Record<string, string> = {
  len: 'int',
  int: 'int',
  abs: 'int',
  bool: 'bool',
  bytes: 'bytes',
  str: 'str',
  sum: 'int',
  'int.from_bytes': 'int',
  'bytes.fromhex': 'bytes',
  'dict.fromkeys': 'dict',
};

/** The table name of a stdlib function an expression names (through imports), if any. */
export function stdName(cm: CheckedModule, fn: Expr): string | undefined {
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

/** Types of expressions inside one function, as far as the source shows them. */
export class Types {
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
