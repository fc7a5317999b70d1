// Indexing, slicing, unpacking and iteration setup for lists, tuples, bytes, str and dicts.
import { VmError } from '../spec/errors.js';
import { CONSTANTS, Op } from '../spec/table.js';
import { opPrices, words } from './pricing.js';
import type { Machine } from './machine.js';
import { dictBytes, seqBytes } from './memory.js';
import { SMALL_BYTES, smallBytes } from './smallbytes.js';
import { astralIndex, cpAt, cpLen, cpSlice, strChars } from './strindex.js';
import { PyDict, PyDictView, PyTuple, typeName, type Value } from './values.js';
import { DictIter } from './dict_iter.js';
import { reprForError } from './error_repr.js';
import { viewItems } from './dict_view.js';

const SLICE = opPrices(Op.SLICE);
/** a (key, value) tuple made by reading an items view whole (spec/GAS.md §4) */
const VIEW_TUPLE = CONSTANTS.G_ENTRY;
const ITER_INIT = opPrices(Op.ITER_INIT);

/** str as code points; only strings with astral characters need the slow split. */
export function codePoints(s: string): string[] | null {
  return astralIndex(s).length !== 0 ? strChars(s) : null;
}
export function strLen(s: string): number {
  return cpLen(s);
}

/**
 * The `scan_words` measure of a str (len, s[i], slicing): its words, for the surrogate scan
 * a str missing from the position cache needs on every use (spec/GAS.md).
 */
export function strScanWords(s: string): number {
  return words(s.length);
}
const SUBSCR = opPrices(Op.SUBSCR);
const STORE_SUBSCR = opPrices(Op.STORE_SUBSCR);
const DEL_SUBSCR = opPrices(Op.DEL_SUBSCR);
const BUILD_DICT = opPrices(Op.BUILD_DICT);

function intIndex(i: Value, what: string): number {
  if (typeof i === 'number') return i;
  if (typeof i === 'boolean') return i ? 1 : 0;
  if (typeof i === 'bigint') return i < 0n ? -Infinity : Infinity; // certainly out of range
  throw new VmError('TypeError', `${what} indices must be integers or slices, not ${typeName(i)}`);
}

/** The key or item an error message names: its repr(), charged as repr() is (core/error_repr.ts). */
export function reprKey(k: Value, m?: Machine): string {
  return reprForError(k, m);
}

export function subscr(obj: Value, idx: Value, m?: Machine): Value {
  if (Array.isArray(obj)) {
    let i = intIndex(idx, 'list');
    if (i < 0) i += obj.length;
    if (!(i >= 0 && i < obj.length)) throw new VmError('IndexError', 'list index out of range');
    return obj[i];
  }
  // a record's field (r[1]): tuples before the other kinds, whose tests cost a prototype walk each
  if (obj instanceof PyTuple) {
    let i = intIndex(idx, 'tuple');
    if (i < 0) i += obj.items.length;
    if (!(i >= 0 && i < obj.items.length)) throw new VmError('IndexError', 'tuple index out of range');
    return obj.items[i];
  }
  if (obj instanceof PyDict) {
    const v = obj.get(idx, m, SUBSCR.key_units);
    if (v === undefined) throw new VmError('KeyError', reprKey(idx, m));
    return v;
  }
  if (obj instanceof Uint8Array) {
    let i = intIndex(idx, 'byte');
    if (i < 0) i += obj.length;
    if (!(i >= 0 && i < obj.length)) throw new VmError('IndexError', 'index out of range');
    return obj[i];
  }
  if (typeof obj === 'string') {
    if (m !== undefined) m.charge(SUBSCR.scan_words * strScanWords(obj));
    const ax = astralIndex(obj);
    const n = obj.length - ax.length;
    let i = intIndex(idx, 'string');
    if (i < 0) i += n;
    if (!(i >= 0 && i < n)) throw new VmError('IndexError', 'string index out of range');
    return cpAt(obj, ax, i);
  }
  throw new VmError('TypeError', `'${typeName(obj)}' object is not subscriptable`);
}

export function storeSubscr(m: Machine, obj: Value, idx: Value, v: Value): void {
  if (Array.isArray(obj)) {
    let i = intIndex(idx, 'list');
    if (i < 0) i += obj.length;
    if (!(i >= 0 && i < obj.length)) throw new VmError('IndexError', 'list assignment index out of range');
    obj[i] = v;
    return;
  }
  if (obj instanceof PyDict) {
    // one keying, charged once: a new entry is checked against the cap after it is added
    const n = obj.size;
    obj.set(idx, v, m, STORE_SUBSCR.key_units);
    if (obj.size !== n) {
      if (obj.size > m.limits.max_container_len) {
        obj.delete(idx);
        m.capLen(obj.size + 1, 'dict');
      }
      m.mem += 16; // a new entry
    }
    return;
  }
  throw new VmError('TypeError', `'${typeName(obj)}' object does not support item assignment`);
}

export function delSubscr(obj: Value, idx: Value, m?: Machine): void {
  if (obj instanceof PyDict) {
    if (!obj.delete(idx, m, DEL_SUBSCR.key_units)) throw new VmError('KeyError', reprKey(idx, m));
    // the hole it leaves is compacted later, with every live entry moved
    m?.charge(DEL_SUBSCR.removals);
    return;
  }
  if (Array.isArray(obj)) {
    let i = intIndex(idx, 'list');
    if (i < 0) i += obj.length;
    if (!(i >= 0 && i < obj.length)) throw new VmError('IndexError', 'list assignment index out of range');
    // the items after i move down one, as list.pop(i) charges them
    if (m !== undefined) m.charge((obj.length - 1 - i) * DEL_SUBSCR.items);
    obj.splice(i, 1);
    return;
  }
  throw new VmError('TypeError', `'${typeName(obj)}' object doesn't support item deletion`);
}

function sliceBound(v: Value, n: number, dflt: number): number {
  if (v === null) return dflt;
  let i: number;
  if (typeof v === 'number') i = v;
  else if (typeof v === 'boolean') i = v ? 1 : 0;
  else if (typeof v === 'bigint') i = v < 0n ? -Infinity : Infinity;
  else throw new VmError('TypeError', 'slice indices must be integers or None');
  if (i < 0) {
    i += n;
    if (i < 0) i = 0;
  } else if (i > n) i = n;
  return i;
}

export function slice(m: Machine, obj: Value, lo: Value, hi: Value): Value {
  if (obj instanceof Uint8Array) {
    const a = sliceBound(lo, obj.length, 0);
    const b = sliceBound(hi, obj.length, obj.length);
    const n = b > a ? b - a : 0;
    m.charge(SLICE.words * words(n));
    m.mem += n;
    if (n > SMALL_BYTES) return obj.slice(a, a + n);
    const out = smallBytes(n);
    // a few bytes (a field parsed out of a record): a loop copy beats set() of a subarray
    if (n <= 16) for (let i = 0; i < n; i++) out[i] = obj[a + i];
    else out.set(obj.subarray(a, a + n));
    return out;
  }
  if (Array.isArray(obj) || obj instanceof PyTuple) {
    const items = Array.isArray(obj) ? obj : obj.items;
    const a = sliceBound(lo, items.length, 0);
    const b = sliceBound(hi, items.length, items.length);
    const n = b > a ? b - a : 0;
    m.charge(SLICE.items * n);
    m.mem += seqBytes(n);
    const out = items.slice(a, a + n);
    return Array.isArray(obj) ? out : new PyTuple(out);
  }
  if (typeof obj === 'string') {
    m.charge(SLICE.scan_words * strScanWords(obj));
    const ax = astralIndex(obj);
    const len = obj.length - ax.length;
    const a = sliceBound(lo, len, 0);
    const b = sliceBound(hi, len, len);
    const n = b > a ? b - a : 0;
    m.charge(SLICE.words * words(n));
    const out = cpSlice(obj, ax, a, a + n);
    m.mem += out.length;
    return out;
  }
  throw new VmError('TypeError', `'${typeName(obj)}' object is not subscriptable`);
}

/** The items of an iterable as an array (a fresh one unless `live` and the source is a list). */
export function iterItems(v: Value, live = false, m?: Machine): Value[] {
  if (Array.isArray(v)) return live ? v : v.slice();
  if (v instanceof PyTuple) return v.items;
  if (v instanceof Uint8Array) return Array.from(v);
  if (typeof v === 'string') return strChars(v);
  if (v instanceof PyDict) return Array.from(v.map.values(), (e) => e[0]);
  if (v instanceof PyDictView) {
    // an items view read whole makes a (key, value) tuple per entry, all held at once: G_ENTRY
    // each, as enumerate and zip price their pairs (list(d.items()) cost ~50x the arithmetic
    // loop's ns/gas at the reader's G_ITEM alone). A loop step over it is BUILD_TUPLE's.
    if (m !== undefined && v.kind === 2) m.charge(VIEW_TUPLE * v.dict.size);
    return viewItems(v);
  }
  throw new VmError('TypeError', `'${typeName(v)}' object is not iterable`);
}

/** UNPACK: items pushed so that the first is on top (stored to targets in order). */
export function unpack(stack: Value[], sp: number, v: Value, n: number): number {
  const items = iterItems(v, true);
  if (items.length !== n) {
    if (items.length > n) throw new VmError('ValueError', `too many values to unpack (expected ${n})`);
    throw new VmError('ValueError', `not enough values to unpack (expected ${n}, got ${items.length})`);
  }
  for (let i = n - 1; i >= 0; i--) stack[sp++] = items[i];
  return sp;
}

/**
 * BUILD_DICT: a dict literal laid out as CPython 3.11 builds it (its later loops that change it
 * see what CPython's see): up to 15 items into a table presized for them (repeated keys
 * included), 16 one at a time; past that, the first 17 one at a time and each next run of up
 * to 17 as a dict of its own merged in as dict.update merges (one resize up front when the
 * table's usable part is smaller than the run). Every item's key is charged once.
 */
export function buildDict(m: Machine, stack: Value[], from: number, n: number): PyDict {
  const d = new PyDict();
  if (n > 5 && n <= 15) d.grow(((3 * n + 1) / 2) | 0);
  const first = n <= 16 ? n : 17;
  for (let i = 0; i < first; i++) d.set(stack[from + 2 * i], stack[from + 2 * i + 1], m, BUILD_DICT.key_units);
  for (let i = first; i < n; i += 17) {
    const run = new PyDict();
    for (let j = i; j < n && j < i + 17; j++) run.set(stack[from + 2 * j], stack[from + 2 * j + 1], m, BUILD_DICT.key_units);
    if ((((d.cap << 1) / 3) | 0) < run.size) d.grow(((3 * (d.size + run.size) + 1) / 2) | 0);
    for (const [k, v] of run.map.values()) d.set(k, v);
  }
  m.capLen(d.size, 'dict');
  m.mem += dictBytes(d.size);
  return d;
}

/**
 * ITER_INIT: loop state in three slots: [source, next index, null]. Lists iterate live
 * (appends during the loop are seen, as in Python). A dict or a dict view iterates live over
 * the dict ([DictIter, 0, null]): no copy of its keys, so starting is O(1) (core/dict_iter.ts).
 */
export function iterInit(m: Machine, stack: Value[], at: number, v: Value): void {
  // a str loop starts from a list of its code points: ITER_INIT's `items` (a str counts its
  // code units, an upper bound on its code points)
  if (typeof v === 'string') m.charge(ITER_INIT.items * v.length);
  stack[at + 2] = null;
  if (Array.isArray(v) || v instanceof Uint8Array) stack[at] = v;
  // reversed(x) in a for, zip or map (builtin reversed.live): the reverse iterator steps itself
  else if (v instanceof DictIter) stack[at] = v;
  else if (v instanceof PyDict) stack[at] = new DictIter(v, 0);
  else if (v instanceof PyDictView) stack[at] = new DictIter(v.dict, v.kind);
  else {
    stack[at] = iterItems(v);
    // a str loop holds a list of its code points (a tuple loop holds the tuple's own items)
    if (typeof v === 'string') m.mem += seqBytes((stack[at] as Value[]).length) + v.length;
  }
  stack[at + 1] = 0;
}

export function rangeInit(stack: Value[], at: number, args: Value[], base: number, n: number): void {
  const ints: (number | bigint)[] = [];
  for (let i = 0; i < n; i++) {
    const v = args[base + i];
    if (typeof v === 'number' || typeof v === 'bigint') ints.push(v);
    else if (typeof v === 'boolean') ints.push(v ? 1 : 0);
    else throw new VmError('TypeError', `'${typeName(v)}' object cannot be interpreted as an integer`);
  }
  const [start, stop, step] = n === 1 ? [0, ints[0], 1] : n === 2 ? [ints[0], ints[1], 1] : ints;
  if (step === 0) throw new VmError('ValueError', 'range() arg 3 must not be zero');
  stack[at] = start;
  stack[at + 1] = stop;
  stack[at + 2] = step;
}
