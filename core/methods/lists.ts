// list methods sort reverse remove copy clear, and dict copy clear update. list.sort takes
// reverse= here; key= is lowered by the compiler to a decorated sort (compiler/lower.ts), so
// every key call is an ordinary, metered call. Gas: per item touched, before the work.
import { VmError } from '../../spec/errors.js';
import { eqCharged } from '../compare.js';
import { stableSort } from '../sort.js';
import { iterItems } from '../containers.js';
import { dictBytes, seqBytes } from '../memory.js';
import { PyDict, PyTuple, truthy, typeName, type Value } from '../values.js';
import { arity, iterLen, notIterable } from '../builtins/util.js';
import type { MImpl } from './numbers.js';

function noAttr(v: Value, name: string): never {
  throw new VmError('AttributeError', `'${typeName(v)}' object has no attribute '${name}'`);
}

const sort: MImpl = (m, a, b, n, p) => {
  const l = a[b];
  if (!Array.isArray(l)) return noAttr(l, 'sort');
  arity('sort', n, 0, 1);
  const rev = n === 1 && truthy(a[b + 1]);
  m.charge(p.items * l.length);
  // the sort of spec/SORT.md (stable; reverse keeps equal items in their original order), on
  // a copy: a comparison that fails leaves the list as it was, as CPython's does
  const xs = stableSort(m, l.slice(), rev, p.comparisons);
  for (let i = 0; i < xs.length; i++) l[i] = xs[i];
  return null;
};

const reverse: MImpl = (m, a, b, n, p) => {
  const l = a[b];
  if (!Array.isArray(l)) return noAttr(l, 'reverse');
  arity('reverse', n, 0, 0);
  m.charge(p.items * l.length);
  l.reverse();
  return null;
};

const remove: MImpl = (m, a, b, n, p) => {
  const l = a[b];
  if (!Array.isArray(l)) return noAttr(l, 'remove');
  arity('remove', n, 1, 1);
  // per item scanned, each item's equality walk as == charges it, then per item moved
  const x = a[b + 1];
  for (let i = 0; i < l.length; i++) {
    m.charge(p.items);
    const y = l[i];
    if (typeof x === 'number' && typeof y === 'number' ? x === y : eqCharged(m, y, x)) {
      m.charge(p.items * (l.length - 1 - i));
      l.splice(i, 1);
      return null;
    }
  }
  throw new VmError('ValueError', 'list.remove(x): x not in list');
};

const copy: MImpl = (m, a, b, n, p) => {
  const r = a[b];
  arity('copy', n, 0, 0);
  if (Array.isArray(r)) {
    m.charge(p.items * r.length);
    m.mem += seqBytes(r.length);
    return r.slice();
  }
  if (r instanceof PyDict) {
    // each entry is made again under the key it has in r (no key is hashed again), and each
    // key on the hashed path once more: its hash's slot list is kept in a second Map
    m.charge(p.entries * (r.size + r.hashedKeys));
    m.mem += dictBytes(r.size);
    const d = r.copy();
    // CPython clones the table (deleted entries and free room included) unless over a third
    // of it is deleted entries, and then inserts into a new one as above
    if (r.size > 0 && r.size >= (((r.nent * 2) / 3) | 0)) {
      d.nent = r.nent;
      d.usable = r.usable;
      d.cap = r.cap;
      const src = r.map.values();
      for (const e of d.map.values()) e[2] = src.next().value![2];
    }
    return d;
  }
  return noAttr(r, 'copy');
};

const clear: MImpl = (m, a, b, n, p) => {
  const r = a[b];
  arity('clear', n, 0, 0);
  if (Array.isArray(r)) {
    m.charge(p.items * r.length);
    r.length = 0;
    return null;
  }
  if (r instanceof PyDict) {
    m.charge(p.items * r.size);
    r.clear();
    return null;
  }
  return noAttr(r, 'clear');
};

const update: MImpl = (m, a, b, n, p) => {
  const d = a[b];
  if (!(d instanceof PyDict)) return noAttr(d, 'update');
  arity('update', n, 0, 1);
  if (n === 0) return null;
  const src = a[b + 1];
  if (src instanceof PyDict) {
    m.charge(p.items * src.size);
    m.capLen(d.size + src.size, 'dict');
    m.mem += 16 * src.size;
    // CPython first resizes once for both, when the table's usable part is smaller than src
    if (src !== d && src.size !== 0 && (((d.cap << 1) / 3) | 0) < src.size) d.grow(((3 * (d.size + src.size) + 1) / 2) | 0);
    for (const [k, v] of Array.from(src.map.values())) d.set(k, v, m, p.key_units);
    return null;
  }
  const len = iterLen(src);
  if (len < 0) notIterable(src);
  m.charge(p.items * len);
  m.capLen(d.size + len, 'dict');
  iterItems(src, false, m).forEach((x, i) => {
    const kv = Array.isArray(x) ? x : x instanceof PyTuple ? x.items : null;
    if (kv === null) throw new VmError('TypeError', `cannot convert dictionary update sequence element #${i} to a sequence`);
    if (kv.length !== 2) throw new VmError('ValueError', `dictionary update sequence element #${i} has length ${kv.length}; 2 is required`);
    d.set(kv[0], kv[1], m, p.key_units);
  });
  m.mem += 16 * len;
  return null;
};

/** dict.popitem(): the last inserted pair, as CPython 3.7+. */
const popitem: MImpl = (m, a, b, n, p) => {
  const d = a[b];
  if (!(d instanceof PyDict)) return noAttr(d, 'popitem');
  arity('popitem', n, 0, 0);
  m.charge(p.items * d.size);
  let last: [Value, Value, number] | undefined;
  for (const e of d.map.values()) last = e;
  if (last === undefined) throw new VmError('KeyError', "'popitem(): dictionary is empty'");
  m.charge(p.removals);
  const pos = last[2];
  d.delete(last[0]);
  // CPython cuts its table back to the popped entry (its free room stays as it was)
  d.nent = pos;
  d.resizes++;
  return new PyTuple([last[0], last[1]]);
};

export const LISTS: Record<string, MImpl> = { sort, reverse, remove, copy, clear, update, popitem };
