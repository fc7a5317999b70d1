// CHECK_RETURN: a returned value against its function's return annotation, at the return,
// where the compiler could not prove it (compiler/return_check.ts). A mismatch is a
// TypeError located at the return statement. List and tuple items are checked too: each
// container's items are charged (`items`) before they are looked at.
import { parseReturnType, showReturnType, type RType } from '../compiler/return_types.js';
import { VmError } from '../spec/errors.js';
import { Op } from '../spec/table.js';
import type { Machine } from './machine.js';
import { OP_PRICE } from './pricing.js';
import { PyDict, PyTuple, typeName, type Value } from './values.js';

const ITEM = OP_PRICE.items[Op.CHECK_RETURN];

// Parsed once per type name; names are verified constants of at most 1,024 characters.
const parsed = new Map<string, RType>();

function typeOf(name: string): RType {
  let t = parsed.get(name);
  if (t === undefined) {
    t = parseReturnType(name);
    // the verifier refuses modules whose CHECK_RETURN names no type
    if (t === undefined) throw new VmError('InvalidProgram', `CHECK_RETURN names no type: ${JSON.stringify(name)}`);
    if (parsed.size < 4096) parsed.set(name, t);
  }
  return t;
}

/** Raise TypeError unless `v` is a value of the type `name` (function `fn`'s annotation). */
export function checkReturn(m: Machine, fn: string, name: string, v: Value): void {
  const t = typeOf(name);
  const bad = mismatch(m, t, v, '');
  if (bad !== null) throw new VmError('TypeError', `${fn}() is annotated -> ${showReturnType(t)} but returned ${bad}`);
}

/** What does not fit, as a phrase ("str", "a list whose [2] is bytes"), or null. */
function mismatch(m: Machine, t: RType, v: Value, path: string): string | null {
  const what = (s: string) => (path === '' ? s : `a value whose ${path} is ${s}`);
  switch (t.k) {
    case 'optional':
      return v === null ? null : mismatch(m, t.item, v, path);
    case 'none':
      return v === null ? null : what(typeName(v));
    case 'bool':
      return typeof v === 'boolean' ? null : what(typeName(v));
    case 'int': {
      if (typeof v === 'boolean') return t.min === undefined ? null : what('bool');
      if (typeof v !== 'number' && typeof v !== 'bigint') return what(typeName(v));
      if (t.min !== undefined && (BigInt(v) < t.min || BigInt(v) > t.max!)) return what(`${v}, out of range for "${t.name}"`);
      return null;
    }
    case 'bytes':
      if (!(v instanceof Uint8Array)) return what(typeName(v));
      return t.size === undefined || v.length === t.size ? null : what(`${v.length} bytes, not ${t.size}`);
    case 'address':
      if (!(v instanceof Uint8Array)) return what(typeName(v));
      return v.length === m.limits.address_bytes ? null : what(`${v.length} bytes, not an address of ${m.limits.address_bytes}`);
    case 'str':
      return typeof v === 'string' ? null : what(typeName(v));
    case 'dict':
      return v instanceof PyDict ? null : what(typeName(v));
    case 'list': {
      if (!Array.isArray(v)) return what(typeName(v));
      if (t.item === null) return null;
      m.charge(v.length * ITEM);
      for (let i = 0; i < v.length; i++) {
        const bad = mismatch(m, t.item, v[i], `${path}[${i}]`);
        if (bad !== null) return bad;
      }
      return null;
    }
    case 'tuple': {
      if (!(v instanceof PyTuple)) return what(typeName(v));
      const ts = t.items;
      if (ts === null) return null;
      m.charge(v.items.length * ITEM);
      if (v.items.length !== ts.length) return what(`a tuple of ${v.items.length} items, not ${ts.length}`);
      for (let i = 0; i < ts.length; i++) {
        const bad = mismatch(m, ts[i], v.items[i], `${path}[${i}]`);
        if (bad !== null) return bad;
      }
      return null;
    }
  }
}
