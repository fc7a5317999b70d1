// `xs[a:b] = ys`, `xs[a:b:c] = ys` and `del xs[a:b]`, `del xs[a:b:c]` on lists, as CPython's
// list_ass_subscript: a step of 1 (or none) splices (the value may be any iterable, the list
// grows or shrinks; a list assigned into itself is copied first); another step replaces or
// removes exactly the items the slice names (ValueError when the lengths differ). Other types
// raise CPython's TypeError. Gas: the items written, read and moved, charged before the change.
import { VmError } from '../../spec/errors.js';
import { iterItems } from '../containers.js';
import { PyDict, typeName, type Value } from '../values.js';
import type { Impl } from './convert.js';
import { sliceRange } from './slice_step.js';
import { arity, iterLen } from './util.js';

function stepOf(v: Value): number {
  if (v === null) return 1;
  const s = typeof v === 'number' ? v : typeof v === 'boolean' ? (v ? 1 : 0) : typeof v === 'bigint' ? (v < 0n ? -(2 ** 53) : 2 ** 53) : NaN;
  if (Number.isNaN(s)) throw new VmError('TypeError', 'slice indices must be integers or None or have an __index__ method');
  if (s === 0) throw new VmError('ValueError', 'slice step cannot be zero');
  return s;
}

function notList(obj: Value, del: boolean): never {
  if (obj instanceof PyDict) throw new VmError('TypeError', "unhashable type: 'slice'");
  throw new VmError('TypeError', `'${typeName(obj)}' object ${del ? "doesn't support item deletion" : 'does not support item assignment'}`);
}

/** slice.set(value, xs, lo, hi, step): the compiler evaluates the value first, as CPython. */
export const sliceSet: Impl = (m, a, b, n, p) => {
  arity('slice', n, 5, 5);
  const [v, xs, lo, hi, st] = a.slice(b, b + 5);
  if (!Array.isArray(xs)) notList(xs, false);
  const step = stepOf(st);
  const len = iterLen(v);
  if (len < 0) throw new VmError('TypeError', step === 1 ? 'can only assign an iterable' : 'must assign iterable to extended slice');
  m.charge(p.items * len);
  const items = v === xs ? xs.slice() : iterItems(v, false, m);
  const [start, count] = sliceRange(xs.length, lo, hi, step);
  if (step === 1) {
    // CPython's list_ass_slice: the slice [start, start + count) is replaced, the tail moves
    m.capLen(xs.length - count + items.length, 'list');
    m.charge(p.items * (xs.length - start - count));
    m.mem += 8 * Math.max(0, items.length - count);
    xs.splice(start, count, ...items);
    return null;
  }
  if (items.length !== count) throw new VmError('ValueError', `attempt to assign sequence of size ${items.length} to extended slice of size ${count}`);
  for (let i = 0, j = start; i < count; i++, j += step) xs[j] = items[i];
  return null;
};

/** slice.del(xs, lo, hi, step) */
export const sliceDel: Impl = (m, a, b, n, p) => {
  arity('slice', n, 4, 4);
  const [xs, lo, hi, st] = a.slice(b, b + 4);
  if (!Array.isArray(xs)) notList(xs, true);
  const step = stepOf(st);
  const [start, count] = sliceRange(xs.length, lo, hi, step);
  m.charge(p.items * (xs.length - Math.min(start, xs.length)));
  if (count === 0) return null;
  if (step === 1) {
    xs.splice(start, count);
    return null;
  }
  // the removed positions, ascending; the rest keep their order
  const first = step > 0 ? start : start + (count - 1) * step;
  const every = Math.abs(step);
  let w = first;
  for (let r = first; r < xs.length; r++) {
    if (r <= first + (count - 1) * every && (r - first) % every === 0) continue;
    xs[w++] = xs[r];
  }
  xs.length = w;
  return null;
};
