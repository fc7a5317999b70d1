// JSON <-> contract values for the CLI (spec/ABI.md §6). Input is typed (the ABI says what
// each argument is); output is untyped (any runtime value can be shown).
import { AbiError } from '../../spec/errors.js';
import { MAX_VALUE_DEPTH, PyDict, PyDictView, PyTuple, normBig, type Value } from '../../core/values.js';
import { viewItems } from '../../core/dict_view.js';
import { utf8Encode } from '../../core/abi/codec.js';
import { bytesToHex } from '../../core/hex.js';
import { intRange, toType, type AbiType, type TypeRef } from '../../core/abi/types.js';
import { parse as parseLossless } from 'lossless-json';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export interface JsonOptions {
  addressBytes?: number;
  maxIntBits?: number;
  maxBytesLength?: number;
}

function show(j: unknown): string {
  let s: string;
  try {
    s = JSON.stringify(j) ?? String(j);
  } catch {
    s = String(j);
  }
  return s.length > 48 ? s.slice(0, 45) + '...' : s;
}

function fail(path: string, expected: string, got: unknown): never {
  throw new AbiError(`${path}: expected ${expected}, got ${show(got)}`);
}

const DEC = /^-?[0-9]+$/;
const JSON_INT = /^-?(?:0|[1-9][0-9]*)$/;
/** Far beyond any int the caps allow (4096 bits is ~1234 digits), short enough to parse fast. */
const MAX_NUMBER_TEXT = 4096;

/**
 * JSON text -> plain data, with integers read exactly: a safe integer becomes a number, a
 * bigger one a bigint (JSON.parse would round 18446744073709551615 to a double). Other numbers
 * stay numbers, for the typed conversion to refuse. lossless-json is a maintained parser made
 * for exactly this (numbers handed over as text), with no dependencies, and it keeps
 * `__proto__` an own key; a key given twice with different values is an error.
 */
export function parseJsonExact(text: string): unknown {
  return parseLossless(text, null, (s: string) => {
    if (s.length > MAX_NUMBER_TEXT) throw new AbiError(`JSON number of ${s.length} characters is too long`);
    if (!JSON_INT.test(s)) return Number(s);
    const n = Number(s);
    return Number.isSafeInteger(n) ? n : BigInt(s);
  });
}
const HEX_INT = /^(-?)0x([0-9a-fA-F]+)$/;

function jsonToInt(t: AbiType & { kind: 'int' }, j: unknown, path: string, maxIntBits: number): number | bigint {
  let x: bigint;
  if (typeof j === 'number') {
    if (!Number.isSafeInteger(j)) fail(path, 'int (an integer number, or a decimal string)', j);
    x = BigInt(j);
  } else if (typeof j === 'bigint') {
    x = j; // an exact integer from parseJsonExact
  } else if (typeof j === 'string') {
    // Bound the text before BigInt parses it: a digit carries at least 3 bits, a hex digit 4.
    if (j.length > maxIntBits + 3) throw new AbiError(`${path}: int literal too long`);
    const h = HEX_INT.exec(j);
    if (h) x = h[1] ? -BigInt('0x' + h[2]) : BigInt('0x' + h[2]);
    else if (DEC.test(j)) x = BigInt(j);
    else fail(path, 'int', j);
  } else {
    fail(path, 'int', j);
  }
  if ((x < 0n ? -x : x) >= 1n << BigInt(maxIntBits)) throw new AbiError(`${path}: int wider than ${maxIntBits} bits`);
  const r = intRange(t);
  if (r && (x < r.min || x > r.max)) throw new AbiError(`${path}: int ${x} out of range for ${t.signed ? 'i' : 'u'}${t.bits}`);
  return normBig(x);
}

function hexToBytes(s: string): Uint8Array | undefined {
  if (!/^0x(?:[0-9a-fA-F]{2})*$/.test(s)) return undefined;
  const out = new Uint8Array((s.length - 2) >> 1);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(s.slice(2 + 2 * i, 4 + 2 * i), 16);
  return out;
}

function convert(t: AbiType, j: unknown, path: string, o: Required<JsonOptions>): Value {
  switch (t.kind) {
    case 'int':
      return jsonToInt(t, j, path, o.maxIntBits);
    case 'bool':
      if (typeof j !== 'boolean') fail(path, 'bool (true or false)', j);
      return j;
    case 'str':
      if (typeof j !== 'string') fail(path, 'str', j);
      if (!utf8Encode(j)) throw new AbiError(`${path}: str holds a lone surrogate`);
      return j;
    case 'bytes':
    case 'address': {
      const what = t.kind === 'address' ? 'address' : t.size === undefined ? 'bytes' : `bytes${t.size}`;
      if (typeof j !== 'string') fail(path, `${what} as 0x-hex`, j);
      if ((j.length - 2) >> 1 > o.maxBytesLength) throw new AbiError(`${path}: ${what} longer than ${o.maxBytesLength} bytes`);
      const b = hexToBytes(j);
      if (!b) fail(path, `${what} as 0x-hex with an even number of digits`, j);
      const want = t.kind === 'address' ? o.addressBytes : t.size;
      if (want !== undefined && b.length !== want) throw new AbiError(`${path}: ${what} must be ${want} bytes, got ${b.length}`);
      return b;
    }
    case 'list':
      if (!Array.isArray(j)) fail(path, 'list (a JSON array)', j);
      return j.map((x, i) => convert(t.item, x, `${path}[${i}]`, o));
    case 'tuple': {
      if (!Array.isArray(j)) fail(path, `tuple of ${t.items.length} (a JSON array)`, j);
      if (j.length !== t.items.length) throw new AbiError(`${path}: expected a tuple of ${t.items.length} items, got ${j.length}`);
      return new PyTuple(j.map((x, i) => convert(t.items[i], x, `${path}[${i}]`, o)));
    }
  }
}

function fullOpts(o?: JsonOptions): Required<JsonOptions> {
  return { addressBytes: o?.addressBytes ?? 32, maxIntBits: o?.maxIntBits ?? 4096, maxBytesLength: o?.maxBytesLength ?? 1 << 20 };
}

/** One JSON value to a contract value of `type`; `path` names it in errors. */
export function jsonToValue(type: TypeRef, json: unknown, path = 'value', opts?: JsonOptions): Value {
  return convert(toType(type), json, path, fullOpts(opts));
}

/** A JSON array of call arguments; errors say `args[i]...`. */
export function jsonToArgs(types: readonly TypeRef[], json: unknown, opts?: JsonOptions): Value[] {
  if (!Array.isArray(json)) fail('args', `an array of ${types.length} arguments`, json);
  if (json.length !== types.length) throw new AbiError(`args: expected ${types.length} arguments, got ${json.length}`);
  const o = fullOpts(opts);
  return types.map((t, i) => convert(toType(t), json[i], `args[${i}]`, o));
}

// ---------------------------------------------------------------- output

function hex(b: Uint8Array): string {
  return '0x' + bytesToHex(b);
}

/** How a dict key is shown as a JSON object key (Python json.dumps-like for scalars). */
export function renderKey(k: Value): string {
  switch (typeof k) {
    case 'string':
      return k;
    case 'number':
    case 'bigint':
      return k.toString();
    case 'boolean':
      return k ? 'true' : 'false';
  }
  if (k === null) return 'null';
  if (k instanceof Uint8Array) return hex(k);
  return JSON.stringify(valueToJson(k));
}

/**
 * A runtime value as JSON: ints as numbers when safe else decimal strings, bytes as 0x-hex,
 * tuples as arrays, dicts as objects. Keys that render alike: the later one wins.
 */
export function valueToJson(v: Value, d = 0): Json {
  switch (typeof v) {
    case 'number':
      return v === 0 ? 0 : v;
    case 'bigint':
      return v.toString();
    case 'boolean':
    case 'string':
      return v;
  }
  if (v === null) return null;
  if (v instanceof Uint8Array) return hex(v);
  if (v instanceof PyDictView) return valueToJson(viewItems(v), d); // a dict view shows as the list it would make
  if (d >= MAX_VALUE_DEPTH && (Array.isArray(v) ? v.length : v instanceof PyTuple ? v.items.length : (v as PyDict).size) !== 0) throw tooDeepJson();
  if (Array.isArray(v)) return v.map((x) => valueToJson(x, d + 1));
  if (v instanceof PyTuple) return v.items.map((x) => valueToJson(x, d + 1));
  if (v instanceof PyDict) {
    // A null prototype so a key named "__proto__" is just a key.
    const out = Object.create(null) as { [k: string]: Json };
    for (const [, [k, x]] of v.map) out[renderKey(k)] = valueToJson(x, d + 1);
    return out;
  }
  throw new AbiError(`cannot show a value of JS type ${typeof v} as JSON`);
}

/**
 * JSON text of a runtime value that keeps dict insertion order (a JS object would move
 * integer-like keys first). Compact, or indented by `indent` spaces.
 */
export function valueToJsonText(v: Value, indent = 0): string {
  const parts: string[] = [];
  write(v, parts, indent, 0);
  return parts.join('');
}

function tooDeepJson(): AbiError {
  return new AbiError(`value nested deeper than ${MAX_VALUE_DEPTH} (limits.max_value_depth) cannot be shown as JSON`);
}

function write(v: Value, out: string[], indent: number, level: number): void {
  if (v instanceof PyDictView) return write(viewItems(v), out, indent, level);
  if (v instanceof PyDict) {
    const entries = new Map<string, Value>();
    for (const [, [k, x]] of v.map) {
      entries.set(renderKey(k), x); // keys that render alike: first position, later value, like a JS object
    }
    if (entries.size !== 0 && level >= MAX_VALUE_DEPTH) throw tooDeepJson();
    seq('{', '}', [...entries], out, indent, level, ([k, x]) => {
      out.push(JSON.stringify(k), indent ? ': ' : ':');
      write(x, out, indent, level + 1);
    });
    return;
  }
  const items = Array.isArray(v) ? v : v instanceof PyTuple ? v.items : undefined;
  if (items) {
    if (items.length !== 0 && level >= MAX_VALUE_DEPTH) throw tooDeepJson();
    seq('[', ']', items, out, indent, level, (x) => write(x, out, indent, level + 1));
    return;
  }
  out.push(JSON.stringify(valueToJson(v)));
}

function seq<T>(open: string, close: string, xs: T[], out: string[], indent: number, level: number, each: (x: T) => void): void {
  if (xs.length === 0) {
    out.push(open + close);
    return;
  }
  const pad = indent ? '\n' + ' '.repeat(indent * (level + 1)) : '';
  out.push(open);
  xs.forEach((x, i) => {
    out.push(i ? ',' + pad : pad);
    each(x);
  });
  out.push(indent ? '\n' + ' '.repeat(indent * level) + close : close);
}
