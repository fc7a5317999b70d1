// zip(*rows): the rows of an iterable passed as zip's arguments (transpose, unzip). The only
// star argument contracts have; it reads rows first, then is zip() over them. Gas: the rows,
// then zip's items, each charged before the work.
import { VmError } from '../../spec/errors.js';
import { iterItems } from '../containers.js';
import { typeName } from '../values.js';
import type { Impl } from './convert.js';
import { ITERABLES } from './iterables.js';
import { arity, iterLen } from './util.js';

export const zipStar: Impl = (m, a, b, n, p) => {
  arity('zip', n, 1, 1);
  const len = iterLen(a[b]);
  if (len < 0) throw new VmError('TypeError', `zip() argument after * must be an iterable, not ${typeName(a[b])}`);
  m.charge(p.items * len);
  const rows = iterItems(a[b], false, m);
  return ITERABLES.zip(m, rows, 0, rows.length, p);
};
