// `a, *b, c = v` (also in a for target): the compiler passes v and the counts of the targets
// before and after the starred one; the result holds those items with a new list of the middle
// ones between them, for UNPACK. CPython's ValueError when v has too few items; the same
// TypeError as UNPACK's for a value that is not iterable. Gas: v's items, before they are read.
import { VmError } from '../../spec/errors.js';
import { iterItems } from '../containers.js';
import { seqBytes } from '../memory.js';
import { PyTuple, typeName } from '../values.js';
import type { Impl } from './convert.js';
import { arity, iterLen } from './util.js';

export const unpackStar: Impl = (m, a, b, n, p) => {
  arity('unpack', n, 3, 3);
  const v = a[b];
  const before = a[b + 1] as number;
  const after = a[b + 2] as number;
  const len = iterLen(v);
  if (len < 0) throw new VmError('TypeError', `cannot unpack non-iterable ${typeName(v)} object`);
  m.charge(p.items * len);
  const items = iterItems(v, false, m);
  if (items.length < before + after) throw new VmError('ValueError', `not enough values to unpack (expected at least ${before + after}, got ${items.length})`);
  const mid = items.slice(before, items.length - after);
  m.mem += seqBytes(mid.length) + seqBytes(before + after + 1);
  return new PyTuple([...items.slice(0, before), mid, ...items.slice(items.length - after)]);
};
