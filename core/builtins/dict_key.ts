// The key check of a big dict literal (16 items or more, a key that is not a constant):
// CPython inserts each item of such a literal as soon as it is evaluated, so an unhashable key
// raises TypeError before the later items are evaluated; the compiler calls this after each
// such key (the dict itself is still built by BUILD_DICT). Gas: the key's units, as a dict
// lookup charges them, before it is hashed.
import { PyDict } from '../values.js';
import type { Impl } from './convert.js';
import { arity } from './util.js';

export const dictKey: Impl = (m, a, b, n, p) => {
  arity('dict', n, 1, 1);
  new PyDict().set(a[b], null, m, p.key_units);
  return a[b];
};
