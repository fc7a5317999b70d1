// Methods (CALL_METHOD): the receiver is a[base], arguments a[base+1 .. base+1+argc).
// One id per method name; the implementation dispatches on the receiver's type.
import { VmError } from '../spec/errors.js';
import { METHODS } from '../spec/table.js';
import type { Machine } from './machine.js';
import { typeName, type Value } from './values.js';

export type MethodImpl = (m: Machine, a: Value[], base: number, argc: number) => Value;

const IMPLS: Record<string, MethodImpl> = {};

export const METHOD_NAMES_IMPLEMENTED: ReadonlySet<string> = new Set(Object.keys(IMPLS));

export const METHOD_IMPLS: MethodImpl[] = (() => {
  const out: MethodImpl[] = [];
  for (const b of METHODS) {
    out[b.id] = IMPLS[b.name] ?? ((_m, a, base) => {
      throw new VmError('AttributeError', `'${typeName(a[base])}' object has no attribute '${b.name}'`);
    });
  }
  return out;
})();
