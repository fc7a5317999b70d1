// Methods (CALL_METHOD): the receiver is a[base], arguments a[base+1 .. base+1+argc).
// One id per method name; the implementation dispatches on the receiver's type. Gas: the
// wrapper charges the table's `base`, the implementation `per_item` per item (or 32-byte
// word) it touches, before the work.
import { METHODS } from '../spec/table.js';
import { pricedTable, type Dispatch } from './priced.js';
import { COLLECTIONS } from './methods/collections.js';
import { bitLength, toBytes, type MImpl } from './methods/numbers.js';
import { TEXT } from './methods/text.js';
import { STRINGS } from './methods/strings.js';
import { LISTS } from './methods/lists.js';
import { isInt, typeName } from './values.js';
import { VmError } from '../spec/errors.js';

export type MethodImpl = Dispatch;

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
  ...STRINGS,
  ...LISTS,
};

export const METHOD_NAMES_IMPLEMENTED: ReadonlySet<string> = new Set(Object.keys(IMPLS));

export const METHOD_IMPLS: MethodImpl[] = pricedTable('method', METHODS, IMPLS);
