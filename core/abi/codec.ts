// animica:abi:v1 value codec (spec/ABI.md §2). One encoding per value: shortest varints,
// exact lengths, and decoders that refuse anything else, so calldata hashes are stable.
import { AbiError } from '../../spec/errors.js';
import { ByteWriter } from '../../compiler/bytewriter.js';
import type { Cursor } from '../../compiler/uvarint.js';
import { PyDict, PyTuple, normBig, typeName, type Value } from '../values.js';
import { intRange, minEncodedSize, toType, type AbiType, type TypeRef } from './types.js';

export type { Cursor };

/** Caps come from the YAML `limits` ; these are its defaults. */
export interface AbiOptions {
  addressBytes?: number;
  maxIntBits?: number;
  maxBytesLength?: number; // bytes and str (UTF-8 bytes)
  maxListLength?: number;
  /**
   * Encoders stop with OutputTooLong once the output would pass this many bytes (default: no
   * bound): a value made of shared references can be small in memory and huge encoded.
   */
  maxOutputBytes?: number;
}

/** The encoding would pass AbiOptions.maxOutputBytes; nothing past the bound was written. */
export class OutputTooLong extends AbiError {
  constructor(readonly bound: number) {
    super(`the encoding is longer than ${bound} bytes`);
  }
}

export const SELECTOR_BYTES = 8;

interface Ctx {
  addressBytes: number;
  maxIntBits: number;
  intLimit: bigint; // |x| must be below this: 2**maxIntBits
  maxIntVarintBytes: number;
  maxBytesLength: number;
  maxListLength: number;
  maxOutput: number;
  path: (string | number)[]; // joined only when reporting an error
}

function makeCtx(o: AbiOptions | undefined, root: string): Ctx {
  const addressBytes = o?.addressBytes ?? 32;
  const maxIntBits = o?.maxIntBits ?? 4096;
  if (!Number.isSafeInteger(addressBytes) || addressBytes < 1) throw new AbiError(`bad addressBytes option ${addressBytes}`);
  if (!Number.isSafeInteger(maxIntBits) || maxIntBits < 1) throw new AbiError(`bad maxIntBits option ${maxIntBits}`);
  return {
    addressBytes,
    maxIntBits,
    intLimit: 1n << BigInt(maxIntBits),
    // zigzag adds one bit; each LEB128 byte carries 7.
    maxIntVarintBytes: Math.trunc((maxIntBits + 1 + 6) / 7),
    maxBytesLength: o?.maxBytesLength ?? 1 << 20,
    maxListLength: o?.maxListLength ?? 65536,
    maxOutput: o?.maxOutputBytes ?? Infinity,
    path: [root],
  };
}

function pathStr(ctx: Ctx): string {
  let s = '';
  for (const p of ctx.path) s += typeof p === 'number' ? `[${p}]` : s === '' ? p : `.${p}`;
  return s;
}

function resolve(ref: TypeRef): AbiType {
  // Trees from parseType are trusted as is; names and object forms go through the parser.
  if (typeof ref === 'object' && ref !== null && 'kind' in ref) return ref as AbiType;
  return toType(ref);
}

// ---------------------------------------------------------------- encoding

function encErr(ctx: Ctx, msg: string): never {
  throw new AbiError(`${pathStr(ctx)}: ${msg}`);
}

function describe(v: unknown): string {
  if (v === undefined) return 'undefined';
  if (typeof v === 'number' && !Number.isSafeInteger(v)) return `non-integer number ${v}`;
  if (typeof v === 'function' || typeof v === 'symbol') return typeof v;
  if (typeof v === 'object' && v !== null && !(v instanceof Uint8Array) && !Array.isArray(v) && !(v instanceof PyTuple) && !(v instanceof PyDict)) {
    return 'object';
  }
  return typeName(v as Value);
}

// Lone surrogates cannot be UTF-8 encoded; TextEncoder would silently write U+FFFD instead.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const utf8enc = new TextEncoder();

/** UTF-8 bytes of a well-formed string, or undefined when it holds a lone surrogate. */
export function utf8Encode(s: string): Uint8Array | undefined {
  let ascii = true;
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) {
    const out = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
    return out;
  }
  if (LONE_SURROGATE.test(s)) return undefined;
  return utf8enc.encode(s);
}

function encodeInt(w: ByteWriter, t: AbiType & { kind: 'int' }, v: unknown, ctx: Ctx): void {
  let x: number | bigint;
  if (typeof v === 'number') {
    if (!Number.isSafeInteger(v)) encErr(ctx, `expected int, got ${describe(v)}`);
    x = v === 0 ? 0 : v; // -0 is 0
  } else if (typeof v === 'bigint') {
    x = v;
  } else if (typeof v === 'boolean') {
    x = v ? 1 : 0; // bool is an int subtype in the contract language
  } else {
    encErr(ctx, `expected int, got ${describe(v)}`);
  }
  const range = intRange(t);
  if (range && (x < range.min || x > range.max)) {
    encErr(ctx, `int ${x} out of range for ${t.signed ? 'i' : 'u'}${t.bits} [${range.min}, ${range.max}]`);
  }
  // |x| < 2**52 keeps the zigzag value below 2**53, exact as a number.
  if (typeof x === 'number' && x < 0x10000000000000 && x > -0x10000000000000 && ctx.maxIntBits >= 53) {
    w.uvarint(x >= 0 ? x * 2 : -x * 2 - 1);
    return bounded(w, ctx);
  }
  const b = BigInt(x);
  if ((b < 0n ? -b : b) >= ctx.intLimit) encErr(ctx, `int wider than ${ctx.maxIntBits} bits`);
  w.uvarintBig(b >= 0n ? b << 1n : (-b << 1n) - 1n);
  bounded(w, ctx);
}

function encodeBytesLike(w: ByteWriter, b: Uint8Array, ctx: Ctx, what: string): void {
  if (b.length > ctx.maxBytesLength) encErr(ctx, `${what} of ${b.length} bytes exceeds the cap of ${ctx.maxBytesLength}`);
  // checked before the copy: the one write that can be large
  if (w.len + b.length > ctx.maxOutput) throw new OutputTooLong(ctx.maxOutput);
  w.uvarint(b.length);
  w.bytes(b);
  bounded(w, ctx);
}

/** After a write of at most a few hundred bytes (a varint, a flag): past the bound, stop. */
function bounded(w: ByteWriter, ctx: Ctx): void {
  if (w.len > ctx.maxOutput) throw new OutputTooLong(ctx.maxOutput);
}

function encodeInto(w: ByteWriter, t: AbiType, v: unknown, ctx: Ctx): void {
  switch (t.kind) {
    case 'int':
      return encodeInt(w, t, v, ctx);
    case 'bool':
      if (typeof v !== 'boolean') encErr(ctx, `expected bool, got ${describe(v)}`);
      w.byte(v ? 1 : 0);
      return bounded(w, ctx);
    case 'bytes':
      if (!(v instanceof Uint8Array)) encErr(ctx, `expected bytes, got ${describe(v)}`);
      if (t.size !== undefined && v.length !== t.size) encErr(ctx, `expected bytes${t.size}, got ${v.length} bytes`);
      return encodeBytesLike(w, v, ctx, 'bytes');
    case 'str': {
      if (typeof v !== 'string') encErr(ctx, `expected str, got ${describe(v)}`);
      const b = utf8Encode(v);
      if (!b) encErr(ctx, 'str holds a lone surrogate and cannot be UTF-8 encoded');
      return encodeBytesLike(w, b, ctx, 'str');
    }
    case 'address':
      if (!(v instanceof Uint8Array)) encErr(ctx, `expected address (bytes), got ${describe(v)}`);
      if (v.length !== ctx.addressBytes) encErr(ctx, `address must be ${ctx.addressBytes} bytes, got ${v.length}`);
      w.uvarint(v.length);
      w.bytes(v);
      return bounded(w, ctx);
    case 'list': {
      // A tuple is accepted where a list is declared (and vice versa): both are sequences.
      const items = Array.isArray(v) ? v : v instanceof PyTuple ? v.items : encErr(ctx, `expected list, got ${describe(v)}`);
      if (items.length > ctx.maxListLength) encErr(ctx, `list of ${items.length} items exceeds the cap of ${ctx.maxListLength}`);
      w.uvarint(items.length);
      bounded(w, ctx);
      for (let i = 0; i < items.length; i++) {
        ctx.path.push(i);
        encodeInto(w, t.item, items[i], ctx);
        ctx.path.pop();
      }
      return;
    }
    case 'tuple': {
      const items = v instanceof PyTuple ? v.items : Array.isArray(v) ? v : encErr(ctx, `expected tuple, got ${describe(v)}`);
      if (items.length !== t.items.length) encErr(ctx, `expected a tuple of ${t.items.length} items, got ${items.length}`);
      for (let i = 0; i < items.length; i++) {
        ctx.path.push(i);
        encodeInto(w, t.items[i], items[i], ctx);
        ctx.path.pop();
      }
      return;
    }
  }
}

/** Encode one value of `type`. Throws AbiError naming the offending element. */
export function encodeValue(type: TypeRef, value: Value, opts?: AbiOptions): Uint8Array {
  const w = new ByteWriter();
  encodeInto(w, resolve(type), value, makeCtx(opts, 'value'));
  return w.finish();
}

/** tuple(values): the concatenation of each encoding (call arguments and return payloads). */
export function encodeArgs(types: readonly TypeRef[], values: readonly Value[], opts?: AbiOptions): Uint8Array {
  const w = new ByteWriter();
  encodeArgsInto(w, types, values, opts);
  return w.finish();
}

function encodeArgsInto(w: ByteWriter, types: readonly TypeRef[], values: readonly Value[], opts?: AbiOptions): void {
  const ctx = makeCtx(opts, 'args');
  if (!Array.isArray(values)) throw new AbiError('args: expected an array of values');
  if (values.length !== types.length) throw new AbiError(`args: expected ${types.length} values, got ${values.length}`);
  for (let i = 0; i < types.length; i++) {
    ctx.path.push(i);
    encodeInto(w, resolve(types[i]), values[i], ctx);
    ctx.path.pop();
  }
}

/** Call payload: selector || tuple(args). */
export function encodeCall(selector: Uint8Array, types: readonly TypeRef[], values: readonly Value[], opts?: AbiOptions): Uint8Array {
  if (selector.length !== SELECTOR_BYTES) throw new AbiError(`selector must be ${SELECTOR_BYTES} bytes, got ${selector.length}`);
  const w = new ByteWriter();
  w.bytes(selector);
  encodeArgsInto(w, types, values, opts);
  return w.finish();
}

// ---------------------------------------------------------------- decoding

function decErr(ctx: Ctx, at: number, msg: string): never {
  throw new AbiError(`${pathStr(ctx)}: ${msg} at byte ${at}`);
}

/** A length prefix: shortest LEB128, at most 8 bytes, value <= max and within the buffer. */
function readLen(c: Cursor, ctx: Ctx, max: number, what: string): number {
  const buf = c.buf;
  const start = c.pos;
  let n = 0;
  let mul = 1;
  for (let k = 0; ; k++) {
    if (c.pos >= buf.length) decErr(ctx, start, `truncated ${what} length`);
    const b = buf[c.pos++];
    n += (b & 0x7f) * mul;
    if (b < 0x80) {
      if (b === 0 && k > 0) decErr(ctx, start, `overlong varint in ${what} length`);
      break;
    }
    if (k === 7) decErr(ctx, start, `${what} length varint too long`);
    mul *= 0x80;
  }
  if (n > max) decErr(ctx, start, `${what} length ${n} exceeds the cap of ${max}`);
  return n;
}

function take(c: Cursor, ctx: Ctx, n: number, what: string): Uint8Array {
  if (n > c.buf.length - c.pos) decErr(ctx, c.pos, `truncated ${what}: need ${n} bytes, have ${c.buf.length - c.pos}`);
  // A copy, so decoded values never alias (and never pin) the caller's buffer.
  const out = c.buf.slice(c.pos, c.pos + n);
  c.pos += n;
  return out;
}

function readInt(c: Cursor, t: AbiType & { kind: 'int' }, ctx: Ctx): number | bigint {
  const buf = c.buf;
  const start = c.pos;
  let x: number | bigint | undefined;
  // Fast path: up to 7 bytes (49 bits) stays exact in a number.
  let u = 0;
  let mul = 1;
  for (let i = start; i < buf.length && i - start < 7; i++) {
    const b = buf[i];
    u += (b & 0x7f) * mul;
    if (b < 0x80) {
      if (b === 0 && i > start) decErr(ctx, start, 'overlong int varint');
      c.pos = i + 1;
      x = u % 2 === 0 ? u / 2 : -(u + 1) / 2;
      if (ctx.maxIntBits < 53 && BigInt(x < 0 ? -x : x) >= ctx.intLimit) decErr(ctx, start, `int wider than ${ctx.maxIntBits} bits`);
      break;
    }
    mul *= 0x80;
  }
  if (x === undefined) {
    // Find the last byte first so an absurdly long varint is refused before any bigint work.
    let end = start;
    for (;;) {
      if (end >= buf.length) decErr(ctx, start, 'truncated int varint');
      if (end - start >= ctx.maxIntVarintBytes) decErr(ctx, start, `int wider than ${ctx.maxIntBits} bits`);
      if (buf[end] < 0x80) break;
      end++;
    }
    if (buf[end] === 0 && end > start) decErr(ctx, start, 'overlong int varint');
    // Most significant group first, 7 groups (49 bits, exact in a number) per bigint step.
    let big = 0n;
    let chunk = 0;
    let groups = 0;
    for (let i = end; i >= start; i--) {
      chunk = chunk * 0x80 + (buf[i] & 0x7f);
      if (++groups === 7) {
        big = (big << 49n) | BigInt(chunk);
        chunk = 0;
        groups = 0;
      }
    }
    if (groups > 0) big = (big << BigInt(7 * groups)) | BigInt(chunk);
    const xb = (big & 1n) === 0n ? big >> 1n : -((big + 1n) >> 1n);
    if ((xb < 0n ? -xb : xb) >= ctx.intLimit) decErr(ctx, start, `int wider than ${ctx.maxIntBits} bits`);
    c.pos = end + 1;
    x = normBig(xb);
  }
  const range = intRange(t);
  if (range && (x < range.min || x > range.max)) {
    decErr(ctx, start, `int ${x} out of range for ${t.signed ? 'i' : 'u'}${t.bits}`);
  }
  return x;
}

// fatal: invalid UTF-8 is an error, not U+FFFD; ignoreBOM: a leading U+FEFF is data.
const utf8dec = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Strict UTF-8 decode, or undefined when the bytes are not valid UTF-8. */
export function utf8Decode(b: Uint8Array): string | undefined {
  let ascii = true;
  for (let i = 0; i < b.length; i++) {
    if (b[i] >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii && b.length <= 4096) return String.fromCharCode(...b);
  try {
    return utf8dec.decode(b);
  } catch {
    return undefined;
  }
}

function decodeFrom(c: Cursor, t: AbiType, ctx: Ctx): Value {
  switch (t.kind) {
    case 'int':
      return readInt(c, t, ctx);
    case 'bool': {
      if (c.pos >= c.buf.length) decErr(ctx, c.pos, 'truncated bool');
      const b = c.buf[c.pos];
      if (b > 1) decErr(ctx, c.pos, `bad bool byte 0x${b.toString(16).padStart(2, '0')}`);
      c.pos++;
      return b === 1;
    }
    case 'bytes': {
      const start = c.pos;
      const n = readLen(c, ctx, ctx.maxBytesLength, 'bytes');
      if (t.size !== undefined && n !== t.size) decErr(ctx, start, `expected bytes${t.size}, got length ${n}`);
      return take(c, ctx, n, 'bytes');
    }
    case 'str': {
      const n = readLen(c, ctx, ctx.maxBytesLength, 'str');
      const at = c.pos;
      const s = utf8Decode(take(c, ctx, n, 'str'));
      if (s === undefined) decErr(ctx, at, 'invalid UTF-8 in str');
      return s;
    }
    case 'address': {
      const start = c.pos;
      const n = readLen(c, ctx, ctx.maxBytesLength, 'address');
      if (n !== ctx.addressBytes) decErr(ctx, start, `address must be ${ctx.addressBytes} bytes, got length ${n}`);
      return take(c, ctx, n, 'address');
    }
    case 'list': {
      const start = c.pos;
      const n = readLen(c, ctx, ctx.maxListLength, 'list');
      // Refuse counts the remaining bytes cannot possibly hold before allocating anything.
      const min = minEncodedSize(t.item);
      if (min > 0 && n * min > c.buf.length - c.pos) decErr(ctx, start, `truncated list: ${n} items cannot fit in ${c.buf.length - c.pos} bytes`);
      const out: Value[] = new Array(n);
      for (let i = 0; i < n; i++) {
        ctx.path.push(i);
        out[i] = decodeFrom(c, t.item, ctx);
        ctx.path.pop();
      }
      return out;
    }
    case 'tuple': {
      const out: Value[] = new Array(t.items.length);
      for (let i = 0; i < t.items.length; i++) {
        ctx.path.push(i);
        out[i] = decodeFrom(c, t.items[i], ctx);
        ctx.path.pop();
      }
      return new PyTuple(out);
    }
  }
}

/** Decode one value at `cursor` and advance it. Trailing bytes are the caller's business. */
export function decodeValue(type: TypeRef, cursor: Cursor, opts?: AbiOptions): Value {
  return decodeFrom(cursor, resolve(type), makeCtx(opts, 'value'));
}

/** Decode exactly one value filling all of `bytes`. */
export function decodeValueExact(type: TypeRef, bytes: Uint8Array, opts?: AbiOptions): Value {
  const c = { buf: bytes, pos: 0 };
  const ctx = makeCtx(opts, 'value');
  const v = decodeFrom(c, resolve(type), ctx);
  if (c.pos !== bytes.length) decErr(ctx, c.pos, `${bytes.length - c.pos} trailing bytes`);
  return v;
}

/** Inverse of encodeArgs; rejects trailing bytes. */
export function decodeArgs(types: readonly TypeRef[], bytes: Uint8Array, opts?: AbiOptions): Value[] {
  const c = { buf: bytes, pos: 0 };
  const ctx = makeCtx(opts, 'args');
  const out: Value[] = new Array(types.length);
  for (let i = 0; i < types.length; i++) {
    ctx.path.push(i);
    out[i] = decodeFrom(c, resolve(types[i]), ctx);
    ctx.path.pop();
  }
  if (c.pos !== bytes.length) decErr(ctx, c.pos, `${bytes.length - c.pos} trailing bytes`);
  return out;
}

/** Split a call payload into its selector and argument bytes (views, not copies). */
export function splitCall(data: Uint8Array): { selector: Uint8Array; args: Uint8Array } {
  if (data.length < SELECTOR_BYTES) throw new AbiError(`calldata: ${data.length} bytes is shorter than the ${SELECTOR_BYTES}-byte selector`);
  return { selector: data.subarray(0, SELECTOR_BYTES), args: data.subarray(SELECTOR_BYTES) };
}

// ---------------------------------------------------------------- item counts (gas)

/**
 * How many values encoding `values` as `types` makes (every scalar, list and tuple, nested
 * ones included), walked without encoding: the `items` measure of abi.encode. A value whose
 * shape does not match its type counts as one (the encoder then refuses it).
 */
export function countValueItems(types: readonly TypeRef[], values: readonly Value[], limit = Infinity): number {
  let n = 0;
  const walk = (t: AbiType, v: Value): void => {
    // past what the caller can pay for: stop (shared references can make billions of items)
    if (++n > limit) return;
    if (t.kind === 'list') {
      // the encoder takes a tuple where a list is declared: its items are encoded too
      const items = Array.isArray(v) ? v : v instanceof PyTuple ? v.items : null;
      if (items) for (let i = 0; i < items.length && n <= limit; i++) walk(t.item, items[i]);
    } else if (t.kind === 'tuple') {
      const items = v instanceof PyTuple ? v.items : Array.isArray(v) ? v : null;
      if (items) for (let i = 0; i < Math.min(items.length, t.items.length) && n <= limit; i++) walk(t.items[i], items[i]);
    }
  };
  for (let i = 0; i < Math.min(types.length, values.length); i++) walk(resolve(types[i]), values[i]);
  return n;
}

/**
 * How many values decoding `bytes` as `types` makes, read from the length prefixes without
 * building any: the `items` measure of abi.decode. It stops at the first malformed or
 * truncated part (the decoder then reports it); list counts are capped at max_list_length.
 */
export function countEncodedItems(types: readonly TypeRef[], bytes: Uint8Array, maxListLength = 65536): number {
  const buf = bytes;
  let pos = 0;
  let n = 0;
  const varint = (): number => {
    let v = 0;
    let mul = 1;
    for (let k = 0; k < 8 && pos < buf.length; k++) {
      const b = buf[pos++];
      v += (b & 0x7f) * mul;
      if (b < 0x80) return v;
      mul *= 0x80;
    }
    return -1;
  };
  const skipVarint = (): boolean => {
    while (pos < buf.length) if (buf[pos++] < 0x80) return true;
    return false;
  };
  const walk = (t: AbiType): boolean => {
    n++;
    switch (t.kind) {
      case 'int':
        return skipVarint();
      case 'bool':
        return ++pos <= buf.length;
      case 'bytes':
      case 'str':
      case 'address': {
        const len = varint();
        if (len < 0 || len > buf.length - pos) return false;
        pos += len;
        return true;
      }
      case 'list': {
        const len = varint();
        if (len < 0 || len > maxListLength) return false;
        // items that take no bytes (empty tuples, tuples of them): counted, not walked one by one
        if (minEncodedSize(t.item) === 0) {
          n += len * fixedItems(t.item);
          return true;
        }
        for (let i = 0; i < len; i++) if (!walk(t.item) || pos > buf.length) return false;
        return true;
      }
      case 'tuple':
        for (const x of t.items) if (!walk(x)) return false;
        return true;
    }
  };
  for (const t of types) if (!walk(resolve(t))) break;
  return n;
}

/** The values one value of a type that takes no bytes makes: tuples of tuples, each counted. */
function fixedItems(t: AbiType): number {
  return t.kind === 'tuple' ? 1 + t.items.reduce((a, x) => a + fixedItems(x), 0) : 1;
}
