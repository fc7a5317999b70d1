// Python ordering and membership for the slow path (anything but two small ints).
import { VmError } from '../spec/errors.js';
import { Op } from '../spec/table.js';
import { findBytes } from './bytesearch.js';
import { limbsOver, opPrices, words } from './pricing.js';
import { bitLenBig } from './bigint.js';
import type { Machine } from './machine.js';
import { viewContains, viewEq } from './dict_view.js';
import { bytesEq, MAX_VALUE_DEPTH, PyDict, PyDictView, PyTuple, scalarEq, tooDeep, typeName, type Value } from './values.js';

// the shared walks are priced by the formulas of the opcodes they implement (NE, LE, GT, GE
// and NOT_IN are priced_as these in the table)
const ORDER = opPrices(Op.LT);
const EQ = opPrices(Op.EQ);
const IN = opPrices(Op.IN);
/** the prices of `<` and `==` walks, for the sort's shortcuts over its keys (core/sort.ts) */
export { ORDER as ORDER_PRICES, EQ as EQ_PRICES };

/** -1, 0, 1 for a < b, a == b, a > b; TypeError when Python has no order between them. */
export function pyCompare(m: Machine, a: Value, b: Value, sym: string, d = 0): number {
  if (a instanceof PyTuple && b instanceof PyTuple) return compareSequences(m, a.items, b.items, sym, d);
  const ta = typeof a;
  const tb = typeof b;
  if ((ta === 'number' || ta === 'bigint' || ta === 'boolean') && (tb === 'number' || tb === 'bigint' || tb === 'boolean')) {
    // two big ints whose high limbs tie are compared limb by limb: LT's `limbs` of the shorter
    if (ta === 'bigint' && tb === 'bigint') m.charge(ORDER.limbs * orderLimbs(a as bigint, b as bigint));
    const x = ta === 'boolean' ? Number(a) : (a as number | bigint);
    const y = tb === 'boolean' ? Number(b) : (b as number | bigint);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (a instanceof Uint8Array && b instanceof Uint8Array) {
    m.charge(ORDER.words * words(Math.min(a.length, b.length)));
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
    return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
  }
  if (ta === 'string' && tb === 'string') {
    m.charge(ORDER.words * words(Math.min((a as string).length, (b as string).length)));
    return compareStr(a as string, b as string);
  }
  const sa = Array.isArray(a) ? a : null;
  const sb = Array.isArray(b) ? b : null;
  const qa = sa ?? (a instanceof PyTuple ? a.items : null);
  const qb = sb ?? (b instanceof PyTuple ? b.items : null);
  if (qa && qb && (sa === null) === (sb === null)) return compareSequences(m, qa, qb, sym, d);
  throw new VmError('TypeError', `'${sym}' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`);
}

const P256 = 1n << 256n;
const N256 = -P256;

/** LT's `limbs` for two big ints: limbs beyond 256 bits of the shorter magnitude. */
export function orderLimbs(a: bigint, b: bigint): number {
  if ((a < P256 && a > N256) || (b < P256 && b > N256)) return 0;
  const la = bitLenBig(a);
  const lb = bitLenBig(b);
  return limbsOver(la < lb ? la : lb);
}

/**
 * Two lists' or two tuples' order (also the sort's tuple keys), the one sequence walk: the
 * items up front, then per pair the == walk (charged per node, like ==) and, at the first pair
 * that differs, its ordering. Small-int and str items are compared in place, charging what
 * eqCharged and pyCompare charge for them, in the same order.
 */
export function compareSequences(m: Machine, qa: Value[], qb: Value[], sym: string, d: number): number {
  const n = Math.min(qa.length, qb.length);
  m.charge(n * ORDER.items);
  if (n !== 0 && d >= MAX_VALUE_DEPTH) throw tooDeep('comparison');
  for (let i = 0; i < n; i++) {
    const x = qa[i];
    const y = qb[i];
    if (typeof x === 'number' && typeof y === 'number') {
      if (x !== y) return x < y ? -1 : 1;
    } else if (typeof x === 'string' && typeof y === 'string') {
      const w = words(Math.min(x.length, y.length));
      m.charge(EQ.words * w);
      if (x !== y) {
        m.charge(ORDER.words * w);
        return compareStr(x, y);
      }
    } else if (x instanceof PyTuple && y instanceof PyTuple) {
      // eqCharged and then pyCompare on two tuples, without their dispatch
      if (!eqCharged(m, x, y, d + 1)) return compareSequences(m, x.items, y.items, sym, d + 1);
    } else if (!eqCharged(m, x, y, d + 1)) return pyCompare(m, x, y, sym, d + 1);
  }
  return qa.length < qb.length ? -1 : qa.length > qb.length ? 1 : 0;
}

/** Code-point order, which differs from JS's UTF-16 order only around surrogates. */
export function compareStr(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      const sx = x >= 0xd800 && x <= 0xdfff;
      const sy = y >= 0xd800 && y <= 0xdfff;
      if (sx !== sy) return sx ? 1 : -1; // an astral char is above every BMP char
      return x < y ? -1 : 1;
    }
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

/**
 * Python `==` for everything but two small ints, charged as it goes: per 32-byte word of
 * bytes/str and per item of containers compared (nested items included), so that comparing
 * big values costs what it does.
 */
export function eqCharged(m: Machine, a: Value, b: Value, d = 0): boolean {
  // a sequence's last pair of items decides its result: it is walked by this loop rather
  // than a call (a chain of one-item lists, the deepest nesting, costs a loop turn a level)
  for (;;) {
    let qa: Value[] | null = null;
    let qb: Value[] | null = null;
    if (a instanceof PyTuple) {
      if (!(b instanceof PyTuple)) return false;
      qa = a.items;
      qb = b.items;
    } else if (Array.isArray(a)) {
      if (!Array.isArray(b)) return false;
      qa = a;
      qb = b;
    }
    if (qa === null || qb === null) break;
    // the sequence walk, in this frame (one frame per level: the walk may nest
    // max_value_depth deep on the smallest native stack a host runs with)
    const n = qa.length;
    if (n !== qb.length) return false;
    if (n !== 0 && d >= MAX_VALUE_DEPTH) throw tooDeep('comparison');
    let i = 0;
    for (; i < n; i++) {
      m.charge(EQ.items);
      const x = qa[i];
      const y = qb[i];
      if (typeof x === 'number' && typeof y === 'number') {
        if (x !== y) return false;
      } else if (typeof x === 'string' && typeof y === 'string') {
        m.charge(EQ.words * words(Math.min(x.length, y.length)));
        if (x !== y) return false;
      } else if (i === n - 1) break;
      else if (!eqCharged(m, x, y, d + 1)) return false;
    }
    if (i === n) return true;
    a = qa[i];
    b = qb[i];
    d++;
  }
  if (a instanceof Uint8Array && b instanceof Uint8Array) {
    m.charge(EQ.words * words(Math.min(a.length, b.length)));
    return bytesEq(a, b);
  }
  if (typeof a === 'string' && typeof b === 'string') {
    m.charge(EQ.words * words(Math.min(a.length, b.length)));
    return a === b;
  }
  if (a instanceof PyDict && b instanceof PyDict) {
    if (a.size !== b.size) return false;
    if (a.size !== 0 && d >= MAX_VALUE_DEPTH) throw tooDeep('comparison');
    for (const [k, v] of a.map.values()) {
      m.charge(EQ.items + EQ.lookups);
      const w = b.get(k, m, EQ.key_units);
      if (w === undefined || !eqCharged(m, v, w, d + 1)) return false;
    }
    return true;
  }
  if (a instanceof PyDictView || b instanceof PyDictView) return viewEq(m, a, b, eqCharged, d);
  return scalarEq(a, b);
}

/** `x in c`. */
export function contains(m: Machine, c: Value, x: Value): boolean {
  if (c instanceof Uint8Array) {
    if (typeof x === 'number' || typeof x === 'boolean' || typeof x === 'bigint') {
      const v = Number(x);
      if (!(v >= 0 && v <= 255)) throw new VmError('ValueError', 'byte must be in range(0, 256)');
      m.charge(IN.words * words(c.length));
      return c.indexOf(v) >= 0;
    }
    if (x instanceof Uint8Array) {
      m.charge(IN.words * words(c.length));
      return indexOfBytes(c, x, 0) >= 0;
    }
    throw new VmError('TypeError', `a bytes-like object is required, not '${typeName(x)}'`);
  }
  if (typeof c === 'string') {
    if (typeof x !== 'string') throw new VmError('TypeError', `'in <string>' requires string as left operand, not ${typeName(x)}`);
    m.charge(IN.words * words(c.length));
    return c.includes(x);
  }
  if (Array.isArray(c) || c instanceof PyTuple) {
    const items = Array.isArray(c) ? c : c.items;
    // IN's items price per item scanned, and each item's equality walk as == charges it
    const small = typeof x === 'number';
    for (let i = 0; i < items.length; i++) {
      m.charge(IN.items);
      const y = items[i];
      if (small && typeof y === 'number' ? x === y : eqCharged(m, y, x)) return true;
    }
    return false;
  }
  if (c instanceof PyDict) return c.has(x, m, IN.key_units);
  if (c instanceof PyDictView) return viewContains(m, c, x, eqCharged);
  throw new VmError('TypeError', `argument of type '${typeName(c)}' is not iterable`);
}

export function indexOfBytes(h: Uint8Array, n: Uint8Array, from: number): number {
  return findBytes(h, n, from, h.length);
}

export { bytesEq };
