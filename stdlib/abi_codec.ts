// stdlib.abi.encode(types, values) / abi.decode(types, data): the animica:abi:v1 tuple
// codec (spec/ABI.md §2) made available to contracts, e.g. to build a message to sign or to
// unpack bytes another party produced. `types` is a list or tuple of type names.
// Price: base + per_word * (words(type names) + words(bytes)) + per_item * values encoded or
// decoded (each scalar, list and tuple, nested ones included: each is an allocation). decode
// knows its input size up front and counts its values from the length prefixes before it
// builds any; encode charges base + the type-name part and its values first, then the
// output part before the bytes reach the contract.
import { AbiError, VmError } from '../spec/errors.js';
import { STDLIB_BY_NAME } from '../spec/table.js';
import { countEncodedItems, decodeArgs, type AbiOptions } from '../core/abi/codec.js';
import { encodeCharged } from '../core/abi/charged_encode.js';
import { toType } from '../core/abi/types.js';
import type { AbiType } from '../core/abi/types.js';
import type { Machine, StdImpl } from '../core/machine.js';
import { PyTuple, typeName, type Value } from '../core/values.js';
import { needBytes, words } from './args.js';

const ENCODE = STDLIB_BY_NAME.get('abi.encode')!;
const DECODE = STDLIB_BY_NAME.get('abi.decode')!;

function items(fn: string, param: string, v: Value): Value[] {
  if (Array.isArray(v)) return v;
  if (v instanceof PyTuple) return v.items;
  throw new VmError('TypeError', `${fn}() argument '${param}' must be a list or tuple, not ${typeName(v)}`);
}

/** The type names and their total length (UTF-16 units: type names are ASCII). */
function typeNames(fn: string, v: Value): { names: string[]; nameBytes: number } {
  const names = items(fn, 'types', v);
  let nameBytes = 0;
  for (const n of names) {
    if (typeof n !== 'string') throw new VmError('TypeError', `${fn}(): type names must be str, not ${typeName(n)}`);
    nameBytes += n.length;
  }
  return { names: names as string[], nameBytes };
}

function parse(fn: string, name: string): AbiType {
  try {
    return toType(name);
  } catch (e) {
    if (e instanceof AbiError) throw new VmError('ValueError', `${fn}(): ${e.message}`);
    throw e;
  }
}

function opts(m: Machine): AbiOptions {
  const L = m.limits;
  return { addressBytes: L.address_bytes, maxIntBits: L.max_int_bits, maxBytesLength: L.max_bytes_len, maxListLength: L.max_container_len };
}

export const encode: StdImpl = (m, a, b) => {
  const t = typeNames('abi.encode', a[b]);
  const values = items('abi.encode', 'values', a[b + 1]);
  m.charge(ENCODE.base + ENCODE.dynamic.words * words(t.nameBytes));
  if (values.length !== t.names.length) throw new VmError('ValueError', `abi.encode(): ${t.names.length} types but ${values.length} values`);
  const ts = t.names.map((n) => parse('abi.encode', n));
  // every value encoded, nested ones included, before any is (`items`); the bytes bounded by
  // the bytes cap and by what the gas left pays (`words`)
  try {
    return encodeCharged(m, ts, values, opts(m), m.limits.max_bytes_len, { item: ENCODE.dynamic.items, word: ENCODE.dynamic.words });
  } catch (e) {
    if (e instanceof AbiError) throw new VmError('ValueError', `abi.encode(): ${e.message}`);
    throw e;
  }
};

export const decode: StdImpl = (m, a, b) => {
  const t = typeNames('abi.decode', a[b]);
  const data = needBytes('abi.decode', 'data', a[b + 1]);
  m.charge(DECODE.base + DECODE.dynamic.words * (words(t.nameBytes) + words(data.length)));
  const ts = t.names.map((n) => parse('abi.decode', n));
  // every value the data holds, read from its length prefixes before any is built (`items`)
  m.charge(DECODE.dynamic.items * countEncodedItems(ts, data, m.limits.max_container_len));
  try {
    return new PyTuple(decodeArgs(ts, data, opts(m)));
  } catch (e) {
    if (e instanceof AbiError) throw new VmError('ValueError', `abi.decode(): ${e.message}`);
    throw e;
  }
};
