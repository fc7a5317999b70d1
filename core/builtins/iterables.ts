// Builtins over iterables: len() range() list() tuple() dict() enumerate() zip() sorted()
// reversed() all() any() isinstance(). Lazy Python iterators (range, enumerate, zip,
// reversed) are materialized as lists: contracts only loop over them, index them or pass
// them on, and a list keeps every value plain data (spec/DETERMINISM.md).
import { VmError } from '../../spec/errors.js';
import { typeBits, type Prices } from '../../spec/table.js';
import { stableSort } from '../sort.js';
import { iterItems, strLen, strScanWords } from '../containers.js';
import type { Machine } from '../machine.js';
import { normBig, PyDict, PyDictView, PyTuple, toBig, truthy, typeName, type Value } from '../values.js';
import type { Impl } from './convert.js';
import { countInt, dictBytes, seqBytes } from '../memory.js';
import { bitLenBig } from '../bigint.js';
import { limbsOver } from '../pricing.js';
import { arity, intArg, iterLen, notIterable } from './util.js';

const len: Impl = (m, a, b, n, p) => {
  arity('len', n, 1, 1);
  const v = a[b];
  if (typeof v === 'string') {
    m.charge(p.scan_words * strScanWords(v));
    return strLen(v);
  }
  if (v instanceof Uint8Array || Array.isArray(v)) return v.length;
  if (v instanceof PyTuple) return v.items.length;
  if (v instanceof PyDict) return v.size;
  if (v instanceof PyDictView) return v.dict.size;
  throw new VmError('TypeError', `object of type '${typeName(v)}' has no len()`);
};

/** Items of an iterable argument, charging per item first. */
function items(m: Machine, v: Value, p: Prices): Value[] {
  const k = iterLen(v);
  if (k < 0) notIterable(v);
  m.charge(p.items * k);
  const xs = iterItems(v, false, m);
  // a new list: its slots, and the one-code-point strs of a str source. A tuple's items are
  // copied: the result must not alias the tuple (list(t).append(x) would change t).
  m.mem += seqBytes(xs.length) + (typeof v === 'string' ? v.length : 0);
  return v instanceof PyTuple ? xs.slice() : xs;
}

const range: Impl = (m, a, b, n, p) => {
  if (n < 1 || n > 3) throw new VmError('TypeError', `range expected at most 3 arguments, got ${n}`);
  const ints = [];
  for (let i = 0; i < n; i++) ints.push(toBig(intArg(a[b + i], 'range()')));
  const [start, stop, step] = n === 1 ? [0n, ints[0], 1n] : n === 2 ? [ints[0], ints[1], 1n] : ints;
  if (step === 0n) throw new VmError('ValueError', 'range() arg 3 must not be zero');
  const span = step > 0n ? stop - start : start - stop;
  const as = step > 0n ? step : -step;
  const count = span <= 0n ? 0n : (span + as - 1n) / as;
  if (count > BigInt(m.limits.max_container_len)) m.capLen(m.limits.max_container_len + 1, 'list');
  const k = Number(count);
  m.charge(p.items * k);
  m.mem += seqBytes(k);
  const out: Value[] = new Array(k);
  const s0 = Number(start);
  const st = Number(step);
  // every item a safe integer (k <= max_container_len): plain number arithmetic, no BigInt per item
  if (Number.isSafeInteger(s0) && Number.isSafeInteger(st) && Number.isSafeInteger(s0 + st * k)) {
    for (let i = 0; i < k; i++) out[i] = s0 + st * i;
    return out;
  }
  // big items: each is a big-int sum as wide as the widest bound (`limbs` per item, as ADD):
  // 2,048 items of 4,000 bits took 0.6 ms for 2,053 gas (~130x the arithmetic loop)
  const wide = Math.max(bitLenBig(start), bitLenBig(stop), bitLenBig(start + step * count));
  m.charge(p.limbs * limbsOver(wide) * k);
  for (let i = 0; i < k; i++) out[i] = countInt(m, normBig(start + BigInt(i) * step));
  return out;
};

const list: Impl = (m, a, b, n, p) => {
  arity('list', n, 0, 1);
  if (n > 0) return items(m, a[b], p);
  m.mem += seqBytes(0);
  return [];
};

const tuple: Impl = (m, a, b, n, p) => {
  arity('tuple', n, 0, 1);
  if (n === 0) {
    m.mem += seqBytes(0);
    return new PyTuple([]);
  }
  if (a[b] instanceof PyTuple) return a[b];
  return new PyTuple(items(m, a[b], p));
};

const dict: Impl = (m, a, b, n, p) => {
  arity('dict', n, 0, 1);
  const d = new PyDict();
  m.mem += dictBytes(0);
  if (n === 0) return d;
  const src = a[b];
  if (src instanceof PyDict) {
    m.charge(p.items * src.size);
    m.mem += 16 * src.size;
    for (const [k, v] of src.map.values()) d.set(k, v, m, p.key_units);
    return d;
  }
  // read like items(), but the list read into is a temporary and does not count
  const len = iterLen(src);
  if (len < 0) notIterable(src);
  m.charge(p.items * len);
  const xs = iterItems(src, false, m);
  m.capLen(xs.length, 'dict');
  xs.forEach((x, i) => {
    const kv = Array.isArray(x) ? x : x instanceof PyTuple ? x.items : typeof x === 'string' || x instanceof Uint8Array ? iterItems(x) : null;
    if (kv === null) throw new VmError('TypeError', `cannot convert dictionary update sequence element #${i} to a sequence`);
    if (kv.length !== 2) throw new VmError('ValueError', `dictionary update sequence element #${i} has length ${kv.length}; 2 is required`);
    d.set(kv[0], kv[1], m, p.key_units);
  });
  m.mem += 16 * d.size;
  return d;
};

const enumerate: Impl = (m, a, b, n, p) => {
  arity('enumerate', n, 1, 2);
  const start = n === 2 ? intArg(a[b + 1], 'enumerate()') : 0;
  const xs = items(m, a[b], p);
  m.mem += seqBytes(2) * xs.length;
  return xs.map(
    (x, i) => new PyTuple([typeof start === 'number' && Number.isSafeInteger(start + i) ? start + i : countInt(m, normBig(toBig(start) + BigInt(i))), x]),
  );
};

const zip: Impl = (m, a, b, n, p) => {
  const lists: Value[][] = [];
  for (let i = 0; i < n; i++) {
    const v = a[b + i];
    if (iterLen(v) < 0) throw new VmError('TypeError', `zip argument #${i + 1} must support iteration`);
    lists.push(iterItems(v, true, m));
  }
  if (n === 0) {
    m.mem += seqBytes(0);
    return [];
  }
  // a loop, not Math.min(...): zip(*rows) passes up to 65,536 lists, and a spread of that
  // many arguments overflowed a small host stack (an outcome that depended on its size)
  let k = lists[0].length;
  for (let i = 1; i < n; i++) if (lists[i].length < k) k = lists[i].length;
  m.charge(p.items * k * n);
  m.mem += seqBytes(k) + k * seqBytes(n);
  for (let i = 0; i < n; i++) if (typeof a[b + i] === 'string') m.mem += (a[b + i] as string).length;
  const out: Value[] = new Array(k);
  for (let i = 0; i < k; i++) out[i] = new PyTuple(lists.map((l) => l[i]));
  return out;
};

const sorted: Impl = (m, a, b, n, p) => {
  arity('sorted', n, 1, 2);
  const xs = items(m, a[b], p);
  const rev = n === 2 && truthy(a[b + 1]);
  return stableSort(m, xs, rev, p.comparisons);
};

const reversed: Impl = (m, a, b, n, p) => {
  arity('reversed', n, 1, 1);
  const v = a[b];
  if (iterLen(v) < 0) throw new VmError('TypeError', `'${typeName(v)}' object is not reversible`);
  return items(m, v, p).reverse();
};

function allAny(name: 'all' | 'any'): Impl {
  return (m, a, b, n, p) => {
    arity(name, n, 1, 1);
    const v = a[b];
    if (iterLen(v) < 0) notIterable(v);
    const xs = iterItems(v, true, m);
    for (let i = 0; i < xs.length; i++) {
      if (truthy(xs[i]) === (name === 'any')) {
        m.charge(p.items * (i + 1));
        return name === 'any';
      }
    }
    m.charge(p.items * xs.length);
    return name === 'all';
  };
}

// a value's isinstance() bits, from the table (bool's include int's)
const T_INT = typeBits('int');
const T_BOOL = typeBits('bool');
const T_STR = typeBits('str');
const T_BYTES = typeBits('bytes');
const T_LIST = typeBits('list');
const T_TUPLE = typeBits('tuple');
const T_DICT = typeBits('dict');
const T_NONE = typeBits('NoneType');

/** isinstance(x, MASK): the compiler turns the type (or tuple of types) into a bit mask. */
const isinstance: Impl = (_m, a, b, n) => {
  arity('isinstance', n, 2, 2);
  const mask = a[b + 1];
  // the compiler always passes a small int; IR is untrusted, so anything else is refused
  if (typeof mask !== 'number' || (mask | 0) !== mask) throw new VmError('TypeError', 'isinstance() arg 2 must be a type mask');
  const v = a[b];
  let bit: number;
  switch (typeof v) {
    case 'number':
    case 'bigint':
      bit = T_INT;
      break;
    case 'boolean':
      bit = T_BOOL;
      break;
    case 'string':
      bit = T_STR;
      break;
    default:
      bit = v === null ? T_NONE : v instanceof Uint8Array ? T_BYTES : Array.isArray(v) ? T_LIST : v instanceof PyTuple ? T_TUPLE : T_DICT;
  }
  return (bit & mask) !== 0;
};

export const ITERABLES: Record<string, Impl> = {
  len,
  range,
  list,
  tuple,
  dict,
  enumerate,
  zip,
  sorted,
  reversed,
  all: allAny('all'),
  any: allAny('any'),
  isinstance,
};
