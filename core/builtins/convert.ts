// Conversions between ints, bools, bytes and str: int() bool() str() bytes() bytearray()
// hex() ord() chr() bytes.fromhex() int.from_bytes(). Sizes are checked against the caps
// and charged before anything is built.
import { VmError } from '../../spec/errors.js';
import { bitLenBig } from '../bigint.js';
import { limbsOver } from '../pricing.js';
import type { Machine } from '../machine.js';
import { countInt } from '../memory.js';
import { normBig, PyDict, PyTuple, truthy, typeName, type Value } from '../values.js';
import { bigFromBE } from '../bigbytes.js';
import { SMALL_BYTES, smallBytes } from '../smallbytes.js';
import { intHex } from '../inthex.js';
import { strLen } from '../containers.js';
import { arity, codec, errorsArg, intArg, isPySpace, iterLen, smallInt, strictErrors, words } from './util.js';
import { decodeBytes, encodeStr } from './text.js';
import { formatValue, repr } from './format.js';

import type { Prices } from '../../spec/table.js';

export type Impl = (m: Machine, a: Value[], b: number, n: number, p: Prices) => Value;

function pyReprStr(s: string): string {
  const q = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === q) out += '\\' + q;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else out += ch;
  }
  return q + out + q;
}

function latin1(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i += 8192) s += String.fromCharCode.apply(null, b.subarray(i, i + 8192) as unknown as number[]);
  return s;
}

const DIGIT = (c: number): number => (c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 122 ? c - 87 : c >= 65 && c <= 90 ? c - 55 : 99);

/**
 * Zero code points of the non-ASCII decimal-digit runs (Unicode 14.0, the database of
 * CPython 3.11). A fixed table, not \p{Nd}: the host's ICU version must not change what a
 * contract computes. Unicode keeps every run contiguous, zero to nine.
 */
const DIGIT_ZEROS = [
  0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66, 0xde6, 0xe50, 0xed0, 0xf20, 0x1040, 0x1090, 0x17e0, 0x1810, 0x1946,
  0x19d0, 0x1a80, 0x1a90, 0x1b50, 0x1bb0, 0x1c40, 0x1c50, 0xa620, 0xa8d0, 0xa900, 0xa9d0, 0xa9f0, 0xaa50, 0xabf0, 0xff10, 0x104a0, 0x10d30, 0x11066, 0x110f0,
  0x11136, 0x111d0, 0x112f0, 0x11450, 0x114d0, 0x11650, 0x116c0, 0x11730, 0x118e0, 0x11950, 0x11c50, 0x11d50, 0x11da0, 0x16a60, 0x16ac0, 0x16b50, 0x1d7ce,
  0x1d7d8, 0x1d7e2, 0x1d7ec, 0x1d7f6, 0x1e140, 0x1e2f0, 0x1e950, 0x1fbf0,
];

/** ASCII digits and letters, and (as CPython) any Unicode decimal digit. */
function digitCode(c: number): number {
  if (c < 0x80) return DIGIT(c);
  // the last run starting at or below c (the runs are sorted): a binary search, not a scan
  let lo = 0;
  let hi = DIGIT_ZEROS.length - 1;
  if (c < DIGIT_ZEROS[0]) return 99;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (DIGIT_ZEROS[mid] <= c) lo = mid;
    else hi = mid - 1;
  }
  const z = DIGIT_ZEROS[lo];
  return c <= z + 9 ? c - z : 99;
}

/**
 * Whitespace int() skips, as CPython: below 128 only space and \t\n\v\f\r (its C parser's
 * set, so \x1c-\x1f are not), above 127 every Unicode space (turned into ' ' first).
 */
function intSpace(cp: number): boolean {
  return cp < 128 ? cp === 0x20 || (cp >= 0x09 && cp <= 0x0d) : isPySpace(cp);
}

/** int(text, base) with CPython's grammar: whitespace, sign, optional prefix, single underscores. */
export function parseIntText(m: Machine, text: string, base: number, convertPrice = 0): Value {
  const bad = (): never => {
    throw new VmError('ValueError', `invalid literal for int() with base ${base}: ${pyReprStr(text)}`);
  };
  // the common case, plain ASCII decimal: no array of code points (same checks, charges and result)
  if (base === 10) {
    const f = ASCII_DECIMAL.exec(text);
    if (f !== null) return decimalInt(m, f[1] === '-', f[2], convertPrice);
  }
  // walk the text's code points in place (UTF-16 indices i..j): no array of the whole text
  let i = 0;
  let j = text.length;
  while (i < j) {
    const c = text.codePointAt(i)!;
    if (!intSpace(c)) break;
    i += c > 0xffff ? 2 : 1;
  }
  while (j > i) {
    const lo = text.charCodeAt(j - 1);
    const hi = j - 2 >= i ? text.charCodeAt(j - 2) : 0;
    const pair = lo >= 0xdc00 && lo <= 0xdfff && hi >= 0xd800 && hi <= 0xdbff;
    if (!intSpace(pair ? text.codePointAt(j - 2)! : lo)) break;
    j -= pair ? 2 : 1;
  }
  let neg = false;
  const c0 = i < j ? text.charCodeAt(i) : 0;
  if (c0 === 0x2b || c0 === 0x2d) {
    neg = c0 === 0x2d;
    i++;
  }
  let b = base;
  let prefixed = false;
  if (j - i >= 2 && text.charCodeAt(i) === 0x30) {
    const c = text.charCodeAt(i + 1) | 0x20; // ASCII lower case ('X' -> 'x'); other code points never match
    const pb = c === 0x78 ? 16 : c === 0x6f ? 8 : c === 0x62 ? 2 : 0;
    if (pb !== 0 && (b === 0 || b === pb)) {
      b = pb;
      i += 2;
      prefixed = true;
    }
  }
  if (b === 0) b = 10;
  const ds = new Uint8Array(j - i); // digit values as ASCII base-36 characters
  let nd = 0;
  let prevUnderscore = prefixed; // "0x_ff" is valid; "_1" and "1__2" are not
  if (i >= j) bad();
  for (let k = i; k < j; ) {
    const first = k === i;
    const ch = text.codePointAt(k)!;
    k += ch > 0xffff ? 2 : 1;
    if (ch === 0x5f) {
      if (prevUnderscore && !(prefixed && first)) bad();
      if (!prefixed && first) bad();
      prevUnderscore = true;
      continue;
    }
    const d = digitCode(ch);
    if (d >= b) bad();
    ds[nd++] = d < 10 ? 0x30 + d : 0x57 + d;
    prevUnderscore = false;
  }
  let digits = latin1(ds.subarray(0, nd));
  if (prevUnderscore || digits.length === 0) bad();
  // base 0 forbids leading zeros in a non-zero decimal ("010" is invalid, as in source code)
  if (base === 0 && !prefixed && digits.length > 1 && digits[0] === '0' && /[1-9]/.test(digits)) bad();
  let lead = 0;
  while (lead < digits.length - 1 && digits[lead] === '0') lead++;
  digits = digits.slice(lead);
  // the value is at least b^(len-1): refuse oversize input before any big arithmetic
  const log2b = 31 - Math.clz32(b);
  if (digits !== '0') m.capBits((digits.length - 1) * log2b + 1);
  // a base that is not a power of two converts in quadratic time, as str() of a big int
  // does: w * (w - 3) for w words of significant digits beyond the linear scan (w <= 4: 0)
  if (b !== 16 && b !== 8 && b !== 2 && b !== 4 && b !== 32) {
    const w = words(digits.length);
    if (w > 4) m.charge(w * (w - 3) * convertPrice);
  }
  let v: bigint;
  if (b === 10) v = BigInt(digits);
  else if (b === 16 || b === 8 || b === 2) v = BigInt((b === 16 ? '0x' : b === 8 ? '0o' : '0b') + digits);
  else {
    // k digits at a time as a double (b^k <= 2^53), one bigint multiply-add per chunk rather
    // than per digit
    let k = 1;
    while (b ** (k + 1) <= 2 ** 53) k++;
    v = 0n;
    for (let i = 0; i < digits.length; i += k) {
      const end = Math.min(i + k, digits.length);
      let x = 0;
      for (let j = i; j < end; j++) x = x * b + DIGIT(digits.charCodeAt(j));
      v = v * BigInt(b ** (end - i)) + BigInt(x);
    }
  }
  if (neg) v = -v;
  m.capBits(bitLenBig(v));
  return normBig(v);
}

/** Optional ASCII whitespace, sign, digits (no underscores), whitespace. */
const ASCII_DECIMAL = /^[\t-\r ]*([+-]?)0*([0-9]+)[\t-\r ]*$/;

/** int() of significant decimal digits (no leading zeros but a lone 0), as parseIntText does it. */
function decimalInt(m: Machine, neg: boolean, digits: string, convertPrice: number): Value {
  if (digits !== '0') m.capBits((digits.length - 1) * 3 + 1);
  const w = words(digits.length);
  if (w > 4) m.charge(w * (w - 3) * convertPrice);
  if (digits.length <= 15) {
    const x = Number(digits);
    return neg && x !== 0 ? -x : x;
  }
  const v = BigInt(digits);
  const r = neg ? -v : v;
  // d digits hold under 3.33 * d bits: only near the cap is the exact length needed
  if (digits.length * 10 > (m.limits.max_int_bits - 1) * 3) m.capBits(bitLenBig(r));
  return normBig(r);
}

const toInt: Impl = (m, a, b, n, p) => {
  arity('int', n, 0, 2);
  if (n === 0) return 0;
  const x = a[b];
  const baseArg = n === 2 ? a[b + 1] : null;
  if (baseArg !== null) {
    const base = smallInt(intArg(baseArg, 'int() base'));
    if (!(base === 0 || (base >= 2 && base <= 36))) throw new VmError('ValueError', 'int() base must be >= 2 and <= 36, or 0');
    if (typeof x === 'string' || x instanceof Uint8Array) return textToInt(m, x, base, p);
    throw new VmError('TypeError', "int() can't convert non-string with explicit base");
  }
  if (typeof x === 'number' || typeof x === 'bigint') return x;
  if (typeof x === 'boolean') return x ? 1 : 0;
  if (typeof x === 'string' || x instanceof Uint8Array) return textToInt(m, x, 10, p);
  throw new VmError('TypeError', `int() argument must be a string, a bytes-like object or a real number, not '${typeName(x)}'`);
};

function textToInt(m: Machine, x: string | Uint8Array, base: number, p: Prices): Value {
  m.charge(p.words * words(x.length));
  if (x instanceof Uint8Array) {
    for (let i = 0; i < x.length; i++) if (x[i] > 0x7f) throw new VmError('ValueError', `invalid literal for int() with base ${base}: b'...'`);
    return countInt(m, parseIntText(m, latin1(x), base, p.convert_steps));
  }
  return countInt(m, parseIntText(m, x, base, p.convert_steps));
}

const toBool: Impl = (_m, a, b, n) => {
  arity('bool', n, 0, 1);
  return n === 0 ? false : truthy(a[b]);
};

const toStr: Impl = (m, a, b, n, p) => {
  arity('str', n, 0, 3);
  if (n === 0) return '';
  const x = a[b];
  if (n >= 2) {
    // str(b, encoding[, errors]) decodes, as bytes.decode
    if (!(x instanceof Uint8Array)) throw new VmError('TypeError', `decoding to str: need a bytes-like object, ${typeName(x)} found`);
    const enc = codec(a[b + 1], 'str');
    return decodeBytes(m, x, enc, p, n === 3 ? errorsArg(a[b + 2], 'str') : 'strict');
  }
  if (typeof x === 'string') return x;
  const r = strOf(m, x, p);
  m.mem += r.length;
  return r;
};

function strOf(m: Machine, x: Value, p: Prices): string {
  if (typeof x === 'number') return String(x);
  if (typeof x === 'bigint') {
    // decimal conversion is quadratic in the size (V8 divides by powers of ten): w words of
    // hex digits cost w * max(1, w - 3) convert_steps, so up to 4 words it is linear
    const w = words(bitLenBig(x) >>> 2);
    m.charge(p.convert_steps * w * Math.max(1, w - 3));
    return x.toString();
  }
  if (x === true) return 'True';
  if (x === false) return 'False';
  if (x === null) return 'None';
  return repr(m, x, p.words, p.convert_steps); // bytes and containers render as CPython's repr
}

/** Bytes from an iterable of ints, each in range(0, 256). */
function bytesFromInts(m: Machine, items: Value[], p: Prices): Uint8Array {
  m.capLen(items.length, 'bytes');
  m.charge(p.items * items.length);
  m.mem += items.length;
  const out = items.length <= SMALL_BYTES ? smallBytes(items.length) : new Uint8Array(items.length);
  for (let i = 0; i < items.length; i++) {
    const v = intArg(items[i], 'bytes()');
    if (!(typeof v === 'number' && v >= 0 && v <= 255)) throw new VmError('ValueError', 'bytes must be in range(0, 256)');
    out[i] = v;
  }
  return out;
}

const toBytes: Impl = (m, a, b, n, p) => {
  arity('bytes', n, 0, 3);
  if (n === 0) return new Uint8Array(0);
  const x = a[b];
  // the compiler passes None for an encoding/errors the call did not give
  const given = n >= 2 && (a[b + 1] !== null || (n === 3 && a[b + 2] !== null));
  if (given) {
    if (typeof x !== 'string') throw new VmError('TypeError', 'encoding without a string argument');
    const enc = codec(a[b + 1] ?? 'utf-8', 'bytes');
    if (n === 3 && a[b + 2] !== null) strictErrors(a[b + 2], 'bytes');
    return encodeStr(m, x, enc, p);
  }
  if (typeof x === 'string') throw new VmError('TypeError', 'string argument without an encoding');
  if (x instanceof Uint8Array) {
    m.charge(p.words * words(x.length));
    return x;
  }
  if (typeof x === 'number' || typeof x === 'bigint' || typeof x === 'boolean') {
    const k = smallInt(intArg(x, 'bytes()'));
    if (k < 0) throw new VmError('ValueError', 'negative count');
    m.capLen(k, 'bytes');
    m.charge(p.words * words(k));
    m.mem += k;
    return new Uint8Array(k);
  }
  if (Array.isArray(x)) return bytesFromInts(m, x, p);
  if (x instanceof PyTuple) return bytesFromInts(m, x.items, p);
  if (x instanceof PyDict)
    return bytesFromInts(
      m,
      Array.from(x.map.values(), (e) => e[0]),
      p,
    );
  throw new VmError('TypeError', `cannot convert '${typeName(x)}' object to bytes`);
};

const toHex: Impl = (m, a, b, n, p) => {
  arity('hex', n, 1, 1);
  const x = a[b];
  if (typeof x === 'boolean') return x ? '0x1' : '0x0';
  if (typeof x === 'number') {
    // words(bits >>> 2) as for a big int: one word from 8 up (a safe int has at most 14 digits)
    if (x >= 8 || x <= -8) m.charge(p.words);
    return x < 0 ? '-0x' + intHex(-x) : '0x' + intHex(x);
  }
  if (typeof x === 'bigint') {
    const bits = bitLenBig(x);
    m.charge(p.words * words(bits >>> 2) + p.limbs * limbsOver(bits));
    return x < 0n ? '-0x' + (-x).toString(16) : '0x' + x.toString(16);
  }
  throw new VmError('TypeError', `'${typeName(x)}' object cannot be interpreted as an integer`);
};

const ord: Impl = (_m, a, b, n) => {
  arity('ord', n, 1, 1);
  const x = a[b];
  if (typeof x === 'string') {
    // one code point is 1 or 2 UTF-16 units; anything longer fails (and ends the call)
    const k = x.length <= 2 ? strLen(x) : 3;
    if (k !== 1) throw new VmError('TypeError', `ord() expected a character, but string of length ${x.length <= 2 ? k : strLen(x)} found`);
    return x.codePointAt(0)!;
  }
  if (x instanceof Uint8Array) {
    if (x.length !== 1) throw new VmError('TypeError', `ord() expected a character, but string of length ${x.length} found`);
    return x[0];
  }
  throw new VmError('TypeError', `ord() expected string of length 1, but ${typeName(x)} found`);
};

const chr: Impl = (_m, a, b, n) => {
  arity('chr', n, 1, 1);
  const i = smallInt(intArg(a[b], 'chr()'));
  if (!(i >= 0 && i <= 0x10ffff)) throw new VmError('ValueError', 'chr() arg not in range(0x110000)');
  // contract strings are UTF-8 encodable (spec/LANGUAGE.md, Decisions on Python semantics)
  if (i >= 0xd800 && i <= 0xdfff) throw new VmError('ValueError', 'chr() of a surrogate code point: contract strings hold only Unicode scalar values');
  return String.fromCodePoint(i);
};

const HEXVAL = (c: number): number => (c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1);

const fromhex: Impl = (m, a, b, n, p) => {
  arity('fromhex', n, 1, 1);
  const s = a[b];
  if (typeof s !== 'string') throw new VmError('TypeError', `fromhex() argument must be str, not ${typeName(s)}`);
  m.charge(p.words * words(s.length));
  const out = new Uint8Array(s.length >>> 1);
  let k = 0;
  let i = 0;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) {
      i++;
      continue;
    }
    const hi = HEXVAL(c);
    if (hi < 0) throw new VmError('ValueError', `non-hexadecimal number found in fromhex() arg at position ${i}`);
    const lo = i + 1 < s.length ? HEXVAL(s.charCodeAt(i + 1)) : -1;
    if (lo < 0) throw new VmError('ValueError', `non-hexadecimal number found in fromhex() arg at position ${i + 1}`);
    out[k++] = (hi << 4) | lo;
    i += 2;
  }
  m.mem += k;
  return out.slice(0, k);
};

export function byteorderArg(v: Value, what: string): boolean {
  if (typeof v !== 'string') throw new VmError('TypeError', `${what}() argument 'byteorder' must be str, not ${typeName(v)}`);
  if (v === 'big') return true;
  if (v === 'little') return false;
  throw new VmError('ValueError', "byteorder must be either 'little' or 'big'");
}

const fromBytes: Impl = (m, a, b, n, p) => {
  arity('from_bytes', n, 1, 3);
  let src = a[b];
  const big = n >= 2 ? byteorderArg(a[b + 1], 'from_bytes') : true;
  const signed = n >= 3 ? truthy(a[b + 2]) : false;
  if (!(src instanceof Uint8Array)) {
    if (typeof src === 'string') throw new VmError('TypeError', "cannot convert 'str' object to bytes");
    if (iterLen(src) < 0 || src instanceof PyDict) throw new VmError('TypeError', `cannot convert '${typeName(src)}' object to bytes`);
    src = bytesFromInts(m, Array.isArray(src) ? src : (src as PyTuple).items, p);
  }
  const bytes = src;
  m.charge(p.words * words(bytes.length));
  const len = bytes.length;
  if (len === 0) return 0;
  // significant bytes: refuse a result over the int cap before building it
  let sig = len;
  const at = (i: number): number => (big ? bytes[i] : bytes[len - 1 - i]);
  const neg = signed && (at(0) & 0x80) !== 0;
  const fill = neg ? 0xff : 0;
  let s = 0;
  while (s < len - 1 && at(s) === fill) s++;
  sig = len - s;
  m.capBits((sig - 1) * 8);
  if (sig <= 6) {
    // below 2^48: exact in a double, no BigInt
    let x = 0;
    for (let i = s; i < len; i++) x = x * 256 + at(i);
    return neg ? x - 2 ** (8 * sig) : x;
  }
  m.charge(p.limbs * limbsOver(sig * 8));
  let v: bigint;
  if (sig <= 64) {
    v = big
      ? bigFromBE(bytes, s, len)
      : bigFromBE(
          Array.from({ length: sig }, (_, k) => at(s + k)),
          0,
          sig,
        );
  } else {
    // 64 bytes at a time (at most 9 chunks under the int cap): no hex text
    const src = big ? bytes : Array.from({ length: sig }, (_, k) => at(s + k));
    const from = big ? s : 0;
    v = 0n;
    for (let i = from; i < from + sig; i += 64) {
      const e = Math.min(i + 64, from + sig);
      v = (v << BigInt(8 * (e - i))) | bigFromBE(src, i, e);
    }
  }
  if (neg) v -= 1n << BigInt(8 * sig);
  m.capBits(bitLenBig(v));
  return countInt(m, normBig(v));
};

export const CONVERT: Record<string, Impl> = {
  int: toInt,
  bool: toBool,
  str: toStr,
  bytes: toBytes,
  bytearray: (m, a, b, n, p) => toBytes(m, a, b, n, p),
  hex: (m, a, b, n, p) => {
    const r = toHex(m, a, b, n, p) as string;
    m.mem += r.length;
    return r;
  },
  ord,
  chr: (m, a, b, n, p) => {
    const r = chr(m, a, b, n, p) as string;
    m.mem += r.length;
    return r;
  },
  'bytes.fromhex': fromhex,
  'int.from_bytes': fromBytes,
  repr: (m, a, b, n, p) => {
    arity('repr', n, 1, 1);
    return repr(m, a[b], p.words, p.convert_steps);
  },
  format: (m, a, b, n, p) => {
    arity('format', n, 1, 2);
    const spec = n === 2 ? a[b + 1] : '';
    if (typeof spec !== 'string') throw new VmError('TypeError', `format() argument 2 must be str, not ${typeName(spec)}`);
    const r = formatValue(m, a[b], spec, p.words, p.convert_steps);
    m.mem += r.length;
    return r;
  },
};
