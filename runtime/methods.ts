// Methods (CALL_METHOD): the receiver is a[base], arguments a[base+1 .. base+1+argc).
// One id per method name; the implementation dispatches on the receiver's type. Gas: the
// wrapper charges the table's `base`, the implementation `per_item` per item (or 32-byte
// word) it touches, before the work.
import { METHODS } from '../spec/table.js';
import type { Machine } from './machine.js';
import { COLLECTIONS } from './methods/collections.js';
import { bitLength, toBytes, type MImpl } from './methods/numbers.js';
import { TEXT } from './methods/text.js';
import { isInt, typeName, type Value } from './values.js';
import { VmError } from '../spec/errors.js';

export type MethodImpl = (m: Machine, a: Value[], base: number, argc: number) => Value;

function intOnly(name: string, f: MImpl): MImpl {
  return (m, a, b, n, per) => {
    if (!isInt(a[b])) throw new VmError('AttributeError', `'${typeName(a[b])}' object has no attribute '${name}'`);
    return f(m, a, b, n, per);
  };
}

const IMPLS: Record<string, MImpl> = {
  to_bytes: intOnly('to_bytes', toBytes),
  bit_length: intOnly('bit_length', bitLength),
  ...TEXT,
  ...COLLECTIONS,
};

export const METHOD_NAMES_IMPLEMENTED: ReadonlySet<string> = new Set(Object.keys(IMPLS));

export const METHOD_IMPLS: MethodImpl[] = (() => {
  const out: MethodImpl[] = [];
  for (const b of METHODS) {
    const impl = IMPLS[b.name];
    const base = b.base;
    const per = b.perItem;
    // the gas table test keeps priced == implemented; a gap is a build error, not a stub
    if (!impl) throw new Error(`method ${b.name} is priced in the gas table but has no implementation`);
    out[b.id] = (m, a, at, n) => {
      m.charge(base);
      return impl(m, a, at, n, per);
    };
  }
  return out;
})();
