// dict.fromkeys(iterable, value=None): a new dict with each item as a key, all mapped to the
// one value, laid out as CPython's _PyDict_FromKeys (a dict source presizes the table for its
// size; any other iterable is inserted item by item). Gas: an entry and the key's units per
// item, before the dict is built.
import { iterItems } from '../containers.js';
import { dictBytes } from '../memory.js';
import { PyDict } from '../values.js';
import type { Impl } from './convert.js';
import { arity, iterLen, notIterable } from './util.js';

export const dictFromkeys: Impl = (m, a, b, n, p) => {
  arity('fromkeys', n, 1, 2);
  const src = a[b];
  const value = n === 2 ? a[b + 1] : null;
  const len = iterLen(src);
  if (len < 0) notIterable(src);
  m.charge(p.items * len);
  m.capLen(len, 'dict');
  const d = new PyDict();
  if (src instanceof PyDict && src.size > 0) d.grow(((3 * src.size + 1) / 2) | 0);
  for (const k of iterItems(src, false, m)) d.set(k, value, m, p.key_units);
  m.mem += dictBytes(d.size);
  return d;
};
