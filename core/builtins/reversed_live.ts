// The iterator of reversed(seq) where a loop reads it (a for, a zip or map in one, a
// comprehension): a list gets CPython's live reverse list iterator (ListRevIter: no copy, pops
// by the body end it early), a dict or a dict view CPython's reverse dict iterator (DictRevIter:
// live, RuntimeError when the body changes the dict's size); a tuple, str or bytes, which
// cannot change, a reversed copy. Gas: the items the iterator starts from (none for a list),
// before it is made.
import { VmError } from '../../spec/errors.js';
import { strChars } from '../strindex.js';
import { DictRevIter, ListRevIter } from '../dict_iter.js';
import { seqBytes } from '../memory.js';
import { PyDict, PyDictView, PyTuple, typeName } from '../values.js';
import type { Impl } from './convert.js';
import { arity } from './util.js';

export const reversedLive: Impl = (m, a, b, n, p) => {
  arity('reversed', n, 1, 1);
  const v = a[b];
  if (v instanceof PyDict || v instanceof PyDictView) {
    const d = v instanceof PyDict ? v : v.dict;
    m.charge(p.items * d.size);
    m.mem += seqBytes(d.size);
    return new DictRevIter(d, v instanceof PyDict ? 0 : v.kind);
  }
  // a list is walked live from its end (no copy)
  if (Array.isArray(v)) return new ListRevIter(v);
  let items;
  if (v instanceof PyTuple) items = v.items;
  else if (v instanceof Uint8Array) items = Array.from(v);
  else if (typeof v === 'string') {
    m.charge(p.items * v.length);
    items = strChars(v);
  } else throw new VmError('TypeError', `'${typeName(v)}' object is not reversible`);
  if (typeof v !== 'string') m.charge(p.items * items.length);
  m.mem += seqBytes(items.length);
  return items.slice().reverse();
};
