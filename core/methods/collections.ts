// list and dict methods: append pop insert index extend get keys values items setdefault.
// dict views are live PyDictView values (core/dict_view.ts).
import { VmError } from '../../spec/errors.js';
import { arity, intArg, iterLen, notIterable, smallInt } from '../builtins/util.js';
import { iterItems, reprKey } from '../containers.js';
import { PyDict, PyDictView, PyTuple, typeName, type Value } from '../values.js';
import { eqCharged } from '../compare.js';
import type { MImpl } from './numbers.js';
import { textIndex } from './text.js';

function noAttr(v: Value, name: string): never {
  throw new VmError('AttributeError', `'${typeName(v)}' object has no attribute '${name}'`);
}

function listRecv(v: Value, name: string): Value[] {
  if (Array.isArray(v)) return v;
  return noAttr(v, name);
}

function dictRecv(v: Value, name: string): PyDict {
  if (v instanceof PyDict) return v;
  return noAttr(v, name);
}

const append: MImpl = (m, a, b, n) => {
  const l = listRecv(a[b], 'append');
  arity('append', n, 1, 1);
  if (l.length >= m.limits.max_container_len) m.capLen(l.length + 1, 'list');
  m.mem += 8;
  l.push(a[b + 1]);
  return null;
};

const extend: MImpl = (m, a, b, n, p) => {
  const l = listRecv(a[b], 'extend');
  arity('extend', n, 1, 1);
  const src = a[b + 1];
  const k = iterLen(src);
  if (k < 0) notIterable(src);
  m.capLen(l.length + k, 'list');
  m.charge(p.items * k);
  const xs = iterItems(src, false, m);
  m.mem += 8 * xs.length + (typeof src === 'string' ? src.length : 0); // a str source adds new one-code-point strs
  for (const x of xs) l.push(x);
  return null;
};

const insert: MImpl = (m, a, b, n, p) => {
  const l = listRecv(a[b], 'insert');
  arity('insert', n, 2, 2);
  let i = smallInt(intArg(a[b + 1], 'insert()'));
  if (i < 0) i = Math.max(0, i + l.length);
  if (i > l.length) i = l.length;
  m.capLen(l.length + 1, 'list');
  m.charge(p.items * (l.length - i));
  m.mem += 8;
  l.splice(i, 0, a[b + 2]);
  return null;
};

const pop: MImpl = (m, a, b, n, p) => {
  const r = a[b];
  if (r instanceof PyDict) {
    arity('pop', n, 1, 2);
    const k = a[b + 1];
    const v = r.pop(k, m, p.key_units);
    if (v === undefined) {
      if (n === 2) return a[b + 2];
      throw new VmError('KeyError', reprKey(k, m));
    }
    m.charge(p.removals);
    return v;
  }
  const l = listRecv(r, 'pop');
  arity('pop', n, 0, 1);
  if (l.length === 0) throw new VmError('IndexError', 'pop from empty list');
  let i = n === 1 ? smallInt(intArg(a[b + 1], 'pop()')) : l.length - 1;
  if (i < 0) i += l.length;
  if (!(i >= 0 && i < l.length)) throw new VmError('IndexError', 'pop index out of range');
  m.charge(p.items * (l.length - 1 - i));
  return l.splice(i, 1)[0];
};

const index: MImpl = (m, a, b, n, p) => {
  const r = a[b];
  if (typeof r === 'string' || r instanceof Uint8Array) return textIndex(m, a, b, n, p);
  const items = Array.isArray(r) ? r : r instanceof PyTuple ? r.items : noAttr(r, 'index');
  arity('index', n, 1, 3);
  const norm = (v: Value, d: number): number => {
    let i = smallInt(intArg(v, 'slice index'));
    if (i < 0) i = Math.max(0, i + items.length);
    return Math.min(i, items.length);
  };
  const lo = n >= 2 ? norm(a[b + 2], 0) : 0;
  const hi = n >= 3 ? norm(a[b + 3], items.length) : items.length;
  const x = a[b + 1];
  // per item scanned, and each item's equality walk as == charges it
  for (let i = lo; i < hi; i++) {
    m.charge(p.items);
    const y = items[i];
    if (typeof x === 'number' && typeof y === 'number' ? x === y : eqCharged(m, y, x)) return i;
  }
  throw new VmError('ValueError', Array.isArray(r) ? `${reprKey(x, m)} is not in list` : 'tuple.index(x): x not in tuple');
};

const get: MImpl = (m, a, b, n, p) => {
  const d = dictRecv(a[b], 'get');
  arity('get', n, 1, 2);
  const v = d.get(a[b + 1], m, p.key_units);
  return v === undefined ? (n === 2 ? a[b + 2] : null) : v;
};

const setdefault: MImpl = (m, a, b, n, p) => {
  const d = dictRecv(a[b], 'setdefault');
  arity('setdefault', n, 1, 2);
  const v = d.get(a[b + 1], m, p.key_units);
  if (v !== undefined) return v;
  const dv = n === 2 ? a[b + 2] : null;
  m.capLen(d.size + 1, 'dict');
  m.mem += 16;
  d.set(a[b + 1], dv, m, p.key_units);
  return dv;
};

function view(name: 'keys' | 'values' | 'items', kind: 0 | 1 | 2): MImpl {
  return (m, a, b, n) => {
    const d = dictRecv(a[b], name);
    arity(name, n, 0, 0);
    // a live view: O(1), it reads the dict at each use (core/dict_view.ts)
    m.mem += VIEW_BYTES;
    return new PyDictView(d, kind);
  };
}
const VIEW_BYTES = 16;

export const COLLECTIONS: Record<string, MImpl> = {
  append,
  extend,
  insert,
  pop,
  index,
  get,
  setdefault,
  keys: view('keys', 0),
  values: view('values', 1),
  items: view('items', 2),
};
