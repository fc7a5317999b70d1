// dict views (d.keys(), d.values(), d.items()): live, as in CPython. A view holds its dict and
// reads it at each use, so len(v), `x in v`, iteration and == see every later change.
import { Op } from '../spec/table.js';
import type { Machine } from './machine.js';
import { opPrices } from './pricing.js';
import { MAX_VALUE_DEPTH, PyDictView, PyTuple, tooDeep, type Value } from './values.js';

const EQ = opPrices(Op.EQ);
const IN = opPrices(Op.IN);

/** The view's items now, in the dict's order (items as fresh (key, value) tuples). */
export function viewItems(v: PyDictView): Value[] {
  const out: Value[] = new Array(v.dict.size);
  let i = 0;
  if (v.kind === 0) for (const e of v.dict.map.values()) out[i++] = e[0];
  else if (v.kind === 1) for (const e of v.dict.map.values()) out[i++] = e[1];
  else for (const e of v.dict.map.values()) out[i++] = new PyTuple([e[0], e[1]]);
  return out;
}

/**
 * `x in v`: keys look the key up (priced as `in` on the dict); items look x[0] up and compare
 * the value, and anything but a 2-tuple is simply absent, as CPython; values scan with ==,
 * priced per value as `in` on a list.
 */
export function viewContains(m: Machine, v: PyDictView, x: Value, eq: (m: Machine, a: Value, b: Value, d?: number) => boolean, d = 0): boolean {
  const dict = v.dict;
  if (v.kind === 0) return dict.has(x, m, IN.key_units);
  if (v.kind === 2) {
    if (!(x instanceof PyTuple) || x.items.length !== 2) return false;
    const w = dict.get(x.items[0], m, IN.key_units);
    return w !== undefined && eq(m, w, x.items[1], d + 1);
  }
  for (const e of dict.map.values()) {
    m.charge(IN.items);
    if (eq(m, e[1], x, d + 1)) return true;
  }
  return false;
}

/**
 * `a == b` with a view on either side. keys and items views are set-like: equal when the same
 * size and every item of a is in b (EQ's items and lookups per item, each key's units as `in`).
 * values views, and a view against anything but a set-like view, are equal only to themselves.
 */
export function viewEq(m: Machine, a: Value, b: Value, eq: (m: Machine, a: Value, b: Value, d?: number) => boolean, d = 0): boolean {
  if (a === b) return true;
  if (!isSetLike(a) || !isSetLike(b)) return false;
  if (a.dict.size !== b.dict.size) return false;
  if (a.dict.size !== 0 && d >= MAX_VALUE_DEPTH) throw tooDeep('comparison');
  // nothing runs contract code during the walk, so a's entries cannot change under it
  for (const e of a.dict.map.values()) {
    m.charge(EQ.items + EQ.lookups);
    if (!viewContains(m, b, a.kind === 0 ? e[0] : new PyTuple([e[0], e[1]]), eq, d)) return false;
  }
  return true;
}

function isSetLike(v: Value): v is PyDictView {
  return v instanceof PyDictView && v.kind !== 1;
}
