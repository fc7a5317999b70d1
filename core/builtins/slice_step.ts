// `x[start:stop:step]` for str, bytes, lists and tuples (the compiler lowers a slice with a step
// to this builtin; a plain slice stays the SLICE instruction). The indices follow CPython's
// PySlice_Unpack and PySlice_AdjustIndices exactly: the step is read first (zero is
// ValueError), None bounds default by the step's sign, and out-of-range bounds clamp to -1/0 or
// len-1/len. Gas: a str pays its scan, then the result's words; bytes, gathered byte by byte,
// an item per byte of the result; a list or tuple the result's items; all charged before the
// result is built.
import { VmError } from '../../spec/errors.js';
import { strScanWords } from '../containers.js';
import { seqBytes } from '../memory.js';
import { astralIndex, cpAt, cpLen } from '../strindex.js';
import { PyTuple, typeName, type Value } from '../values.js';
import type { Impl } from './convert.js';
import { arity, words } from './util.js';

// a step past any length takes one item at most: a bigger one is the same slice
const STEP_CAP = 2 ** 53;

function index(v: Value, none: number): number {
  if (v === null) return none;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'bigint') return v < 0n ? -Infinity : Infinity;
  throw new VmError('TypeError', 'slice indices must be integers or None or have an __index__ method');
}

function readStep(v: Value): number {
  const s = index(v, 1);
  if (s === 0) throw new VmError('ValueError', 'slice step cannot be zero');
  return Math.max(-STEP_CAP, Math.min(STEP_CAP, s));
}

/** [start, count] of the slice over `len` items (CPython's PySlice_AdjustIndices). */
export function sliceRange(len: number, lo: Value, hi: Value, step: number): [number, number] {
  let start = index(lo, step < 0 ? Infinity : 0);
  let stop = index(hi, step < 0 ? -Infinity : Infinity);
  if (start < 0) {
    start += len;
    if (start < 0) start = step < 0 ? -1 : 0;
  } else if (start >= len) start = step < 0 ? len - 1 : len;
  if (stop < 0) {
    stop += len;
    if (stop < 0) stop = step < 0 ? -1 : 0;
  } else if (stop >= len) stop = step < 0 ? len - 1 : len;
  if (step < 0) return [start, stop < start ? Math.floor((start - stop - 1) / -step) + 1 : 0];
  return [start, start < stop ? Math.floor((stop - start - 1) / step) + 1 : 0];
}

export const sliceStep: Impl = (m, a, b, argc, p) => {
  arity('slice', argc, 4, 4);
  const obj = a[b];
  const ok = typeof obj === 'string' || obj instanceof Uint8Array || Array.isArray(obj) || obj instanceof PyTuple;
  if (!ok) throw new VmError('TypeError', `'${typeName(obj)}' object is not subscriptable`);
  const step = readStep(a[b + 3]);
  if (typeof obj === 'string') {
    m.charge(p.scan_words * strScanWords(obj));
    const ax = astralIndex(obj);
    const len = cpLen(obj, ax);
    const [start, n] = sliceRange(len, a[b + 1], a[b + 2], step);
    // a result of n code points is at most 2n UTF-16 units; words of n is what a plain slice pays
    m.charge(p.words * words(n));
    // only the code points taken are read (through the position index): splitting the whole
    // str into code points made s[-2::-30000] of 60k astral chars cost ~15x its gas
    let out = '';
    for (let i = 0, j = start; i < n; i++, j += step) out += cpAt(obj, ax, j);
    m.mem += out.length;
    return out;
  }
  if (obj instanceof Uint8Array) {
    const [start, n] = sliceRange(obj.length, a[b + 1], a[b + 2], step);
    // gathered byte by byte: an item each (words of the result were 1/32 of that work, ~28x
    // the arithmetic loop's ns/gas for b[::-7])
    m.charge(p.items * n);
    m.mem += n;
    const out = new Uint8Array(n);
    for (let i = 0, j = start; i < n; i++, j += step) out[i] = obj[j];
    return out;
  }
  const items = Array.isArray(obj) ? obj : obj.items;
  const [start, n] = sliceRange(items.length, a[b + 1], a[b + 2], step);
  m.charge(p.items * n);
  m.mem += seqBytes(n);
  const out: Value[] = new Array(n);
  for (let i = 0, j = start; i < n; i++, j += step) out[i] = items[j];
  return Array.isArray(obj) ? out : new PyTuple(out);
};
