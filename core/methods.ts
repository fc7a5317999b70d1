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
import { CASE } from './methods/case.js';
import { strFormat } from './methods/str_format.js';
import { isInt, PyTuple, typeName, type Value } from './values.js';
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
  ...CASE,
  format: strFormat,
};

export const METHOD_NAMES_IMPLEMENTED: ReadonlySet<string> = new Set(Object.keys(IMPLS));

export const METHOD_IMPLS: MethodImpl[] = pricedTable('method', METHODS, IMPLS);

/**
 * The receiver types of each method (isinstance type bits): CHECK_METHOD raises CPython's
 * AttributeError for any other receiver before the arguments are evaluated.
 * tests/method_receivers.test.ts holds this to what the implementations accept.
 */
const INT = 1 | 2;
const BYTES = 4;
const STR = 8;
const LIST = 16;
const TUPLE = 32;
const DICT = 64;
const TEXT_ONLY = STR | BYTES;
const RECEIVERS: Record<string, number> = {
  to_bytes: INT,
  bit_length: INT,
  hex: BYTES,
  decode: BYTES,
  encode: STR,
  startswith: TEXT_ONLY,
  endswith: TEXT_ONLY,
  find: TEXT_ONLY,
  join: TEXT_ONLY,
  strip: TEXT_ONLY,
  rjust: TEXT_ONLY,
  ljust: TEXT_ONLY,
  append: LIST,
  insert: LIST,
  extend: LIST,
  pop: LIST | DICT,
  index: LIST | TUPLE | TEXT_ONLY,
  get: DICT,
  keys: DICT,
  values: DICT,
  items: DICT,
  setdefault: DICT,
  split: TEXT_ONLY,
  rsplit: TEXT_ONLY,
  replace: TEXT_ONLY,
  lower: TEXT_ONLY,
  upper: TEXT_ONLY,
  count: TEXT_ONLY | LIST | TUPLE,
  partition: TEXT_ONLY,
  rpartition: TEXT_ONLY,
  lstrip: TEXT_ONLY,
  rstrip: TEXT_ONLY,
  rfind: TEXT_ONLY,
  rindex: TEXT_ONLY,
  zfill: TEXT_ONLY,
  center: TEXT_ONLY,
  removeprefix: TEXT_ONLY,
  removesuffix: TEXT_ONLY,
  isdigit: TEXT_ONLY,
  isdecimal: STR,
  isnumeric: STR,
  isalpha: TEXT_ONLY,
  isalnum: TEXT_ONLY,
  isspace: TEXT_ONLY,
  islower: TEXT_ONLY,
  isupper: TEXT_ONLY,
  isascii: TEXT_ONLY,
  sort: LIST,
  reverse: LIST,
  remove: LIST,
  copy: LIST | DICT,
  clear: LIST | DICT,
  update: DICT,
  popitem: DICT,
  capitalize: TEXT_ONLY,
  title: TEXT_ONLY,
  swapcase: TEXT_ONLY,
  casefold: STR,
  istitle: TEXT_ONLY,
  splitlines: TEXT_ONLY,
  format: STR,
};

/** Receiver type bits per method id (0 for an id the table does not have). */
export const METHOD_RECEIVERS: Int32Array = (() => {
  const out = new Int32Array(256);
  for (const e of METHODS) {
    if (RECEIVERS[e.name] === undefined) throw new Error(`method ${e.name} has no receiver types`);
    out[e.id] = RECEIVERS[e.name];
  }
  return out;
})();

/** The type bit of a value, as isinstance() tests it. */
export function typeBits(v: Value): number {
  switch (typeof v) {
    case 'number':
    case 'bigint':
      return 1;
    case 'boolean':
      return 2;
    case 'string':
      return 8;
  }
  return v === null ? 128 : v instanceof Uint8Array ? 4 : Array.isArray(v) ? 16 : v instanceof PyTuple ? 32 : 64;
}

/** CHECK_METHOD: AttributeError unless v's type has the method. */
export function checkMethod(v: Value, id: number): void {
  if ((METHOD_RECEIVERS[id] & typeBits(v)) === 0) {
    const name = METHODS.find((e) => e.id === id)?.name ?? '?';
    throw new VmError('AttributeError', `'${typeName(v)}' object has no attribute '${name}'`);
  }
}
