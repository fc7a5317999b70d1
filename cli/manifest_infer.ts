// The manifest's ABI read off a contract's source: public functions from their annotations,
// events from the `events.emit(name, {field: value})` calls with each field's type inferred
// from its value (a literal, a constant, an annotated parameter, a helper's or a stdlib
// function's return type, arithmetic over those). What cannot be known from the source (a
// field whose value has no evident type, a name that is not a literal, a function that
// returns a dict) is a diagnostic at its location saying what to declare; a declaration
// in the existing manifest settles it.
import type { AbiEvent, AbiFunction, AbiOutput, NormalizedAbi } from '../node/manifest.js';
import { CONSTRUCTOR } from '../spec/constructor.js';
import type { Expr, Stmt } from '../validate/ast.js';
import { stdName, Types } from '../validate/expr_types.js';
import type { CheckedModule } from '../validate/index.js';

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
        src.error(
          'E-MANIFEST-INFER',
          `${f.name}() returns a dict: its output names and types cannot be read from the annotation; declare them in the manifest ("outputs": [{"name": "...", "type": "..."}]) or return a tuple`,
          f.returns?.at ?? f.at,
        );
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
        src.error(
          'E-MANIFEST-INFER',
          'event name is not a literal (or a constant): the manifest cannot name this event; use a literal name',
          (nameArg ?? e).at,
        );
        return;
      }
      const decl = declared.events.get(name);
      if (decl) {
        events.set(name, decl);
        return;
      }
      if (!fieldsArg || fieldsArg.k !== 'dict') {
        src.error(
          'E-MANIFEST-INFER',
          `event ${name}: its fields are not a dict literal, so their names and types cannot be read; write {"field": value, ...} or declare the event in the manifest`,
          (fieldsArg ?? e).at,
        );
        return;
      }
      const inputs: { name: string; type: string }[] = [];
      fieldsArg.keys.forEach((k, i) => {
        const key = literalText(cm, k);
        if (key === undefined)
          return src.error('E-MANIFEST-INFER', `event ${name}: a field name that is not a literal cannot be declared; use a literal`, k.at);
        const t = types.of(fieldsArg.values[i]);
        if (t === undefined || !['int', 'bytes', 'str', 'bool'].includes(t)) {
          return src.error(
            'E-MANIFEST-INFER',
            `event ${name} field '${key}': cannot infer its type (int, bytes, str or bool) from this value; annotate where it comes from (a parameter, a helper's return) or declare the event in the manifest: {"name": "${name}", "inputs": [{"name": "${key}", "type": "..."}, ...]}`,
            fieldsArg.values[i].at,
          );
        }
        inputs.push({ name: key, type: t });
      });
      const prev = events.get(name);
      const ev = { name, inputs };
      if (prev && JSON.stringify(prev) !== JSON.stringify(ev)) {
        src.error(
          'E-MANIFEST-INFER',
          `event ${name} is emitted with different fields here (${inputs.map((p) => `${p.name}: ${p.type}`).join(', ')}) than elsewhere (${prev.inputs.map((p) => `${p.name}: ${p.type}`).join(', ')}); declare it in the manifest`,
          e.at,
        );
      } else events.set(name, ev);
    });
  }
  return { functions, events: [...events.values()], errors: [] };
}

function isEmit(cm: CheckedModule, e: Expr & { k: 'call' }): boolean {
  return stdName(cm, e.fn) === 'events.emit';
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
