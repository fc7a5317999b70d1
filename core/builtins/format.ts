// Text renderings as CPython 3.11 makes them: repr() of every contract value, str() of
// containers, format(value, spec) (the f-string field), and printf-style `%` formatting of
// str and bytes. Output is built piece by piece; each piece is charged (per 32-byte word) and
// checked against the str cap before it is appended, so a huge rendering stops at the cap.
import { VmError } from '../../spec/errors.js';
import type { Machine } from '../machine.js';
import { PyDict, PyDictView, PyTuple, tooDeep, MAX_VALUE_DEPTH, typeName, type Value } from '../values.js';
import { viewItems } from '../dict_view.js';
import { isPrintable, codePointsOf } from './unicode.js';
import { words } from './util.js';
import { bitLenBig } from '../bigint.js';
import { unitsToString } from './units.js';
import { BUILTIN_BY_NAME } from '../../spec/table.js';

/** repr()'s prices (its table entry), for every rendering that is a repr() */
const REPR = BUILTIN_BY_NAME.get('repr')!.dynamic;

/** Accumulates output text, charging per word and enforcing the str cap as it grows. */
export class Out {
  s = '';
  private charged = 0;
  constructor(
    private readonly m: Machine,
    private readonly per: number,
  ) {}
  add(t: string): void {
    const n = this.s.length + t.length;
    this.m.capLen(n, 'str');
    const w = words(n);
    if (w > this.charged) {
      this.m.charge(this.per * (w - this.charged));
      this.charged = w;
    }
    this.s += t;
  }
  done(): string {
    this.m.mem += this.s.length;
    return this.s;
  }
}

/** Spreads are chunked: a million arguments would overflow the host's stack. */
function fromCodes(xs: number[]): string {
  let s = '';
  for (let i = 0; i < xs.length; i += 4096) s += String.fromCodePoint(...xs.slice(i, i + 4096));
  return s;
}
function latin1(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i += 4096) s += String.fromCharCode(...b.subarray(i, i + 4096));
  return s;
}

const HEXD = Uint16Array.from('0123456789abcdef', (c) => c.charCodeAt(0));

/** Writes `\\` + tag + the low `digits` hex digits of c at o; returns the new end. */
function esc(out: Uint16Array, o: number, tag: number, c: number, digits: number): number {
  out[o++] = 0x5c;
  out[o++] = tag;
  for (let k = digits - 1; k >= 0; k--) out[o++] = HEXD[(c >>> (4 * k)) & 15];
  return o;
}

/**
 * The escapes of a str or bytes repr, written unit by unit into one array (at most 6 units
 * per input unit: `\\uXXXX`; an astral pair's `\\UXXXXXXXX` is 5 per unit) and decoded once:
 * a string per char cost ~20x the arithmetic loop's ns per gas.
 */
/** printable ASCII but for the quote and the backslash: a str of these reprs as itself, quoted */
const PLAIN = /^[\x20-\x26\x28-\x5b\x5d-\x7e]*$/;

export function reprStr(s: string): string {
  if (PLAIN.test(s)) return "'" + s + "'";
  const q = s.includes("'") && !s.includes('"') ? 0x22 : 0x27;
  const n = s.length;
  if (n <= 32) return reprShortStr(s, q);
  const out = new Uint16Array(6 * n + 2);
  let o = 0;
  let surrogates = false;
  out[o++] = q;
  for (let i = 0; i < n; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0x20 && c < 0x7f) {
      if (c === 0x5c || c === q) out[o++] = 0x5c;
      out[o++] = c;
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        c = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
        if (isPrintable(c)) {
          out[o++] = s.charCodeAt(i - 1);
          out[o++] = d;
          surrogates = true;
        } else o = esc(out, o, 0x55, c, 8);
        continue;
      }
    }
    if (c === 10) o = put2(out, o, 0x6e);
    else if (c === 13) o = put2(out, o, 0x72);
    else if (c === 9) o = put2(out, o, 0x74);
    else if (c < 0x20 || c === 0x7f) o = esc(out, o, 0x78, c, 2);
    else if (isPrintable(c))
      out[o++] = c; // never a surrogate: those are not printable
    else if (c < 0x100) o = esc(out, o, 0x78, c, 2);
    else o = esc(out, o, 0x75, c, 4);
  }
  out[o++] = q;
  return unitsToString(out, o, surrogates);
}

function put2(out: Uint16Array, o: number, c: number): number {
  out[o] = 0x5c;
  out[o + 1] = c;
  return o + 2;
}

export function reprBytes(b: Uint8Array): string {
  let hasSingle = false;
  let hasDouble = false;
  for (let i = 0; i < b.length; i++) {
    const c = b[i];
    if (c === 0x27) hasSingle = true;
    else if (c === 0x22) hasDouble = true;
  }
  const q = hasSingle && !hasDouble ? 0x22 : 0x27;
  if (b.length <= 64) return reprShortBytes(b, q);
  const out = new Uint16Array(4 * b.length + 3);
  let o = 0;
  out[o++] = 0x62;
  out[o++] = q;
  for (let i = 0; i < b.length; i++) {
    const c = b[i];
    if (c === 0x5c || c === q) o = put2(out, o, c);
    else if (c === 10) o = put2(out, o, 0x6e);
    else if (c === 13) o = put2(out, o, 0x72);
    else if (c === 9) o = put2(out, o, 0x74);
    else if (c < 0x20 || c >= 0x7f) o = esc(out, o, 0x78, c, 2);
    else out[o++] = c;
  }
  out[o++] = q;
  return unitsToString(out, o, false);
}

/** A short str's repr built piece by piece (an array and a decode cost more for a few chars). */
function reprShortStr(s: string, q: number): string {
  const qc = q === 0x22 ? '"' : "'";
  let out = qc;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0x20 && c < 0x7f) {
      out += c === 0x5c || c === q ? '\\' + s[i] : s[i];
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
        out += isPrintable(c) ? s.slice(i, i + 2) : '\\U' + c.toString(16).padStart(8, '0');
        i++;
        continue;
      }
    }
    if (c === 10) out += '\\n';
    else if (c === 13) out += '\\r';
    else if (c === 9) out += '\\t';
    else if (c < 0x20 || c === 0x7f) out += HEX_ESC[c];
    else if (isPrintable(c)) out += s[i];
    else if (c < 0x100) out += HEX_ESC[c];
    else out += '\\u' + c.toString(16).padStart(4, '0');
  }
  return out + qc;
}

/** A short bytes' repr as a string built piece by piece (an array and a decode cost more here). */
function reprShortBytes(b: Uint8Array, q: number): string {
  const qc = q === 0x22 ? '"' : "'";
  let out = 'b' + qc;
  for (let i = 0; i < b.length; i++) {
    const c = b[i];
    if (c === 0x5c) out += '\\\\';
    else if (c === q) out += '\\' + qc;
    else if (c === 10) out += '\\n';
    else if (c === 13) out += '\\r';
    else if (c === 9) out += '\\t';
    else if (c < 0x20 || c >= 0x7f) out += HEX_ESC[c];
    else out += String.fromCharCode(c);
  }
  return out + qc;
}
const HEX_ESC = Array.from({ length: 256 }, (_, c) => '\\x' + (c < 16 ? '0' : '') + c.toString(16));

/**
 * convert_steps of rendering big int v in `radix`: decimal is quadratic in the size, as str()
 * (V8 divides by powers of ten), w * max(1, w - 3) for w words of hex digits; a power-of-two
 * radix is linear, w. A small int (a JS number) takes none.
 */
export function convertSteps(v: number | bigint, radix: number): number {
  if (typeof v !== 'bigint') return 0;
  const w = words(bitLenBig(v < 0n ? -v : v) >>> 2);
  return radix === 10 ? w * Math.max(1, w - 3) : w;
}

function intText(m: Machine, v: number | bigint, per: number, conv: number): string {
  if (typeof v === 'bigint') m.charge(per * words(v.toString(16).length) + conv * convertSteps(v, 10)); // ~bits/4 decimal digits
  return v.toString();
}

/** repr(v) appended to out; containers nest at most MAX_VALUE_DEPTH deep. */
export function reprInto(m: Machine, out: Out, v: Value, per: number, conv: number, depth = 0): void {
  if (depth > MAX_VALUE_DEPTH) throw tooDeep('repr()');
  if (typeof v === 'number' || typeof v === 'bigint') return out.add(intText(m, v, per, conv));
  if (v === true) return out.add('True');
  if (v === false) return out.add('False');
  if (v === null) return out.add('None');
  if (typeof v === 'string') return out.add(reprStr(v));
  if (v instanceof Uint8Array) return out.add(reprBytes(v));
  if (Array.isArray(v) || v instanceof PyTuple) {
    const items = Array.isArray(v) ? v : v.items;
    out.add(Array.isArray(v) ? '[' : '(');
    items.forEach((x, i) => {
      if (i > 0) out.add(', ');
      reprInto(m, out, x, per, conv, depth + 1);
    });
    return out.add(Array.isArray(v) ? ']' : items.length === 1 ? ',)' : ')');
  }
  if (v instanceof PyDictView) {
    // dict_keys(['a']), as CPython
    out.add(typeName(v) + '(');
    reprInto(m, out, viewItems(v), per, conv, depth + 1);
    return out.add(')');
  }
  out.add('{');
  let first = true;
  for (const [k, x] of (v as PyDict).map.values()) {
    if (!first) out.add(', ');
    first = false;
    reprInto(m, out, k, per, conv, depth + 1);
    out.add(': ');
    reprInto(m, out, x, per, conv, depth + 1);
  }
  out.add('}');
}

/** repr(v), charged `per` word of output and `conv` per convert step of each big int in it. */
export function repr(m: Machine, v: Value, per: number, conv: number): string {
  const out = new Out(m, per);
  reprInto(m, out, v, per, conv);
  return out.done();
}

/** str(v): the text itself for str, Python's rendering for the rest (containers use repr). */
export function strValue(m: Machine, v: Value, per: number, conv: number): string {
  if (typeof v === 'string') return v;
  return repr(m, v, per, conv);
}

// ---------- format(value, spec) ----------

interface Spec {
  fill: string;
  align: string; // '' | '<' | '>' | '=' | '^'
  sign: string; // '' | '+' | '-' | ' '
  alt: boolean;
  zero: boolean;
  width: number;
  grouping: string; // '' | ',' | '_'
  precision: number; // -1 when absent
  type: string;
}

function badSpec(): never {
  throw new VmError('ValueError', 'Invalid format specifier');
}

export function parseSpec(spec: string): Spec {
  const cs = Array.from(spec);
  const s: Spec = { fill: ' ', align: '', sign: '', alt: false, zero: false, width: -1, grouping: '', precision: -1, type: '' };
  let i = 0;
  const isAlign = (c: string | undefined): boolean => c === '<' || c === '>' || c === '=' || c === '^';
  if (cs.length >= 2 && isAlign(cs[1])) {
    s.fill = cs[0];
    s.align = cs[1];
    i = 2;
  } else if (isAlign(cs[0])) {
    s.align = cs[0];
    i = 1;
  }
  const explicitAlign = s.align !== '';
  if (cs[i] === '+' || cs[i] === '-' || cs[i] === ' ') s.sign = cs[i++];
  if (cs[i] === 'z') throw new VmError('ValueError', 'Negative zero coercion (z) not allowed in format specifier (contracts have no floats)');
  if (cs[i] === '#') {
    s.alt = true;
    i++;
  }
  if (cs[i] === '0') {
    s.zero = true;
    if (!explicitAlign) {
      s.fill = '0';
      s.align = '=';
    }
    i++;
  }
  const num = (): number => {
    let v = '';
    while (i < cs.length && cs[i] >= '0' && cs[i] <= '9') v += cs[i++];
    if (v === '') return -1;
    if (v.length > 9) throw new VmError('ValueError', 'Too many decimal digits in format string');
    return Number(v);
  };
  s.width = num();
  if (cs[i] === ',' || cs[i] === '_') s.grouping = cs[i++];
  if (cs[i] === ',' || cs[i] === '_') throw new VmError('ValueError', "Cannot specify both ',' and '_'.");
  if (cs[i] === '.') {
    i++;
    s.precision = num();
    if (s.precision < 0) throw new VmError('ValueError', 'Format specifier missing precision');
  }
  if (i < cs.length) s.type = cs[i++];
  if (i < cs.length) badSpec();
  return s;
}

const FLOAT_TYPES = 'eEfFgG%';

/** Code points in s: UTF-16 units less the low halves of surrogate pairs (no array built). */
function cpCount(s: string): number {
  let n = s.length;
  for (let i = 1; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff) {
      const h = s.charCodeAt(i - 1);
      if (h >= 0xd800 && h <= 0xdbff) n--;
    }
  }
  return n;
}

function pad(m: Machine, body: string, s: Spec, defaultAlign: string, per: number, signPrefix = ''): string {
  const width = Math.max(s.width, 0);
  // no width: nothing to count (a code point array of a 4000-digit body cost more than the digits)
  if (width === 0) return signPrefix + body;
  const len = cpCount(signPrefix) + cpCount(body);
  if (len >= width) return signPrefix + body;
  m.capLen(width, 'str');
  m.charge(per * words(width));
  const n = width - len;
  const fill = (k: number): string => s.fill.repeat(k);
  switch (s.align || defaultAlign) {
    case '<':
      return signPrefix + body + fill(n);
    case '^':
      return fill(n >> 1) + signPrefix + body + fill(n - (n >> 1));
    case '=':
      return signPrefix + fill(n) + body;
    default:
      return fill(n) + signPrefix + body;
  }
}

function group(digits: string, sep: string, every: number, minLen: number): string {
  // zero padding inside grouping, as CPython: add leading zeros until the grouped text is wide enough
  let d = digits;
  while (d.length + Math.floor((d.length - 1) / every) < minLen) d = '0' + d;
  let out = '';
  for (let k = 0; k < d.length; k++) {
    if (k > 0 && (d.length - k) % every === 0) out += sep;
    out += d[k];
  }
  return out;
}

function formatInt(m: Machine, v: number | bigint, s: Spec, per: number, conv: number): string {
  const t = s.type || 'd';
  if (FLOAT_TYPES.includes(t)) throw new VmError('ValueError', `format code '${t}' makes a float; contracts have no floats`);
  if (!'bcdoxXn'.includes(t)) throw new VmError('ValueError', `Unknown format code '${t}' for object of type 'int'`);
  if (s.precision >= 0) throw new VmError('ValueError', 'Precision not allowed in integer format specifier');
  if (s.grouping && 'bcoxXn'.includes(t) && !(s.grouping === '_' && t !== 'c' && t !== 'n')) {
    throw new VmError('ValueError', `Cannot specify '${s.grouping}' with '${t}'.`);
  }
  if (t === 'c') {
    if (s.sign) throw new VmError('ValueError', "Sign not allowed with integer format specifier 'c'");
    if (s.alt) throw new VmError('ValueError', "Alternate form (#) not allowed with integer format specifier 'c'");
    const cp = typeof v === 'bigint' ? -1 : v;
    if (!(cp >= 0 && cp <= 0x10ffff)) throw new VmError('OverflowError', '%c arg not in range(0x110000)');
    if (cp >= 0xd800 && cp <= 0xdfff) throw new VmError('ValueError', 'surrogate code points are not allowed in contract strings');
    return pad(m, String.fromCodePoint(cp), s, '<', per);
  }
  const neg = typeof v === 'bigint' ? v < 0n : v < 0;
  const abs = neg ? -BigInt(v) : BigInt(v);
  const radix = t === 'b' ? 2 : t === 'o' ? 8 : t === 'x' || t === 'X' ? 16 : 10;
  m.charge(per * words(digitBound(abs.toString(16).length * 4, radix)) + conv * convertSteps(v, radix));
  let digits = abs.toString(radix);
  if (t === 'X') digits = digits.toUpperCase();
  const prefix = s.alt && radix !== 10 ? '0' + (t === 'X' ? 'X' : t) : '';
  const sign = neg ? '-' : s.sign === '+' ? '+' : s.sign === ' ' ? ' ' : '';
  const lead = sign + prefix;
  if (s.grouping) {
    const every = radix === 10 ? 3 : 4;
    const minLen = s.align === '=' && s.fill === '0' && s.zero ? Math.max(0, s.width - lead.length) : 0;
    m.capLen(minLen, 'str');
    digits = group(digits, s.grouping, every, minLen);
    if (minLen > 0) return lead + digits;
  }
  return pad(m, digits, s, '>', per, lead);
}

function formatStr(m: Machine, v: string, s: Spec, per: number): string {
  if (s.type !== '' && s.type !== 's') throw new VmError('ValueError', `Unknown format code '${s.type}' for object of type 'str'`);
  if (s.sign) throw new VmError('ValueError', 'Sign not allowed in string format specifier');
  if (s.alt) throw new VmError('ValueError', 'Alternate form (#) not allowed in string format specifier');
  if (s.align === '=') throw new VmError('ValueError', "'=' alignment not allowed in string format specifier");
  if (s.grouping) throw new VmError('ValueError', `Cannot specify '${s.grouping}' with 's'.`);
  let body = v;
  if (s.precision >= 0) {
    const cps = codePointsOf(v);
    if (cps.length > s.precision) body = fromCodes(cps.slice(0, s.precision));
  }
  return pad(m, body, s, '<', per);
}

/** format(v, spec) as CPython's __format__ of v's type. */
/** format(v, spec): `per` word of output, `conv` per convert step of a big int. */
export function formatValue(m: Machine, v: Value, spec: string, per: number, conv: number): string {
  m.charge(per * words(spec.length));
  if (typeof v === 'string') return spec === '' ? v : formatStr(m, v, parseSpec(spec), per);
  if (typeof v === 'boolean') {
    if (spec === '') return v ? 'True' : 'False';
    return formatInt(m, v ? 1 : 0, parseSpec(spec), per, conv);
  }
  if (typeof v === 'number' || typeof v === 'bigint') {
    if (spec === '') return intText(m, v, per, conv);
    return formatInt(m, v, parseSpec(spec), per, conv);
  }
  if (spec !== '') throw new VmError('TypeError', `unsupported format string passed to ${v === null ? 'NoneType' : typeName(v)}.__format__`);
  // bytes, None and containers render as repr(): at repr()'s prices, as repr() renders them
  // char by char (at the caller's G_WORD, f"{xs}" cost 1/64 of repr(xs))
  return repr(m, v, REPR.words, REPR.convert_steps);
}

// ---------- printf-style: fmt % args ----------

function intArgOf(v: Value, t: string): number | bigint {
  if (typeof v === 'number' || typeof v === 'bigint') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (t === 'd' || t === 'i' || t === 'u') throw new VmError('TypeError', `%${t} format: a real number is required, not ${typeName(v)}`);
  throw new VmError('TypeError', `%${t} format: an integer is required, not ${typeName(v)}`);
}

/** fmt % args for str (bytes formats are handled as latin-1 text with bytes arguments). */
export function percentFormat(m: Machine, fmt: string | Uint8Array, args: Value, per: number, conv: number): Value {
  const isBytes = fmt instanceof Uint8Array;
  const f = isBytes ? latin1(fmt) : fmt;
  m.charge(per * words(f.length));
  const list = args instanceof PyTuple ? args.items : [args];
  const mapping = args instanceof PyDict ? args : null;
  // CPython treats any non-tuple, non-str argument with __getitem__ as a mapping: extra
  // "arguments" are then never an error
  const mappingLike = mapping !== null || Array.isArray(args) || args instanceof Uint8Array;
  let next = 0;
  const take = (): Value => {
    if (next >= list.length) throw new VmError('TypeError', 'not enough arguments for format string');
    return list[next++];
  };
  const out = new Out(m, per);
  const cs = Array.from(f);
  let i = 0;
  while (i < cs.length) {
    const c = cs[i++];
    if (c !== '%') {
      out.add(c);
      continue;
    }
    let key: Value | undefined;
    if (cs[i] === '(') {
      if (!mapping) throw new VmError('TypeError', mappingLike ? 'indices must be integers' : 'format requires a mapping');
      let depth = 1;
      let j = i + 1;
      let name = '';
      while (j < cs.length) {
        if (cs[j] === '(') depth++;
        else if (cs[j] === ')' && --depth === 0) break;
        name += cs[j++];
      }
      if (j >= cs.length) throw new VmError('ValueError', 'incomplete format key');
      i = j + 1;
      const k: Value = isBytes ? Uint8Array.from(name, (ch) => ch.charCodeAt(0)) : name;
      key = mapping.get(k);
      if (key === undefined) throw new VmError('KeyError', reprStr(name));
    }
    const s: Spec = { fill: ' ', align: '>', sign: '', alt: false, zero: false, width: -1, grouping: '', precision: -1, type: '' };
    while (i < cs.length && '-+ #0'.includes(cs[i])) {
      const fl = cs[i++];
      if (fl === '-') s.align = '<';
      else if (fl === '+') s.sign = '+';
      else if (fl === ' ') s.sign = s.sign || ' ';
      else if (fl === '#') s.alt = true;
      else s.zero = true;
    }
    const num = (): number => {
      if (cs[i] === '*') {
        i++;
        const w = take();
        if (typeof w !== 'number' && typeof w !== 'boolean') throw new VmError('TypeError', '* wants int');
        return Number(w);
      }
      let v = '';
      while (i < cs.length && cs[i] >= '0' && cs[i] <= '9') v += cs[i++];
      if (v.length > 9) throw new VmError('ValueError', 'width too big');
      return v === '' ? -1 : Number(v);
    };
    s.width = num();
    if (s.width < -1) {
      s.align = '<';
      s.width = -s.width;
    }
    if (cs[i] === '.') {
      i++;
      s.precision = Math.max(0, num());
    }
    while (i < cs.length && 'hlL'.includes(cs[i])) i++;
    if (i >= cs.length) throw new VmError('ValueError', 'incomplete format');
    const t = cs[i++];
    if (t === '%') {
      out.add('%');
      continue;
    }
    const v = key !== undefined ? key : take();
    let body: string;
    let lead = '';
    let numeric = false;
    switch (t) {
      case 'd':
      case 'i':
      case 'u':
      case 'o':
      case 'x':
      case 'X': {
        const x = intArgOf(v, t);
        numeric = true;
        const neg = typeof x === 'bigint' ? x < 0n : x < 0;
        const abs = neg ? -BigInt(x) : BigInt(x);
        const radix = t === 'o' ? 8 : t === 'x' || t === 'X' ? 16 : 10;
        m.charge(per * words(abs.toString(16).length * 2) + conv * convertSteps(x, radix));
        body = abs.toString(radix);
        if (t === 'X') body = body.toUpperCase();
        if (s.precision > body.length) {
          m.capLen(s.precision, 'str');
          body = '0'.repeat(s.precision - body.length) + body;
        }
        lead = (neg ? '-' : s.sign) + (s.alt && radix !== 10 ? '0' + t : '');
        break;
      }
      case 'c': {
        if (isBytes) {
          if (v instanceof Uint8Array && v.length === 1) body = String.fromCharCode(v[0]);
          else if (typeof v === 'number' && v >= 0 && v < 256) body = String.fromCharCode(v);
          else throw new VmError(typeof v === 'number' ? 'OverflowError' : 'TypeError', '%c requires an integer in range(256) or a single byte');
        } else if (typeof v === 'string' && codePointsOf(v).length === 1) body = v;
        else if (typeof v === 'number' || typeof v === 'boolean') {
          const cp = Number(v);
          if (!(cp >= 0 && cp <= 0x10ffff)) throw new VmError('OverflowError', '%c arg not in range(0x110000)');
          if (cp >= 0xd800 && cp <= 0xdfff) throw new VmError('ValueError', 'surrogate code points are not allowed in contract strings');
          body = String.fromCodePoint(cp);
        } else if (typeof v === 'bigint') throw new VmError('OverflowError', '%c arg not in range(0x110000)');
        else throw new VmError('TypeError', '%c requires int or char');
        break;
      }
      case 's':
      case 'r':
      case 'b':
      case 'a': {
        if (t === 'a') throw new VmError('ValueError', '%a is not supported in contracts; use %r');
        if (isBytes) {
          if (t === 'r') body = repr(m, v, per, conv);
          else if (v instanceof Uint8Array) body = latin1(v);
          else throw new VmError('TypeError', `%b requires a bytes-like object, not '${typeName(v)}'`);
        } else {
          if (t === 'b') throw new VmError('ValueError', "unsupported format character 'b' (0x62)");
          body = t === 'r' ? repr(m, v, per, conv) : strValue(m, v, per, conv);
        }
        if (s.precision >= 0) {
          const cps = codePointsOf(body);
          if (cps.length > s.precision) body = fromCodes(cps.slice(0, s.precision));
        }
        break;
      }
      default:
        if ('eEfFgG'.includes(t)) throw new VmError('ValueError', `%${t} formats a float; contracts have no floats`);
        throw new VmError('ValueError', `unsupported format character '${t}' (0x${t.charCodeAt(0).toString(16)}) at index ${i - 1}`);
    }
    // the width counts code points; without one, no count (a long %s body is not split up)
    const len = s.width > 0 ? codePointsOf(lead + body).length : 0;
    if (s.width > len) {
      m.capLen(s.width, 'str');
      const n = s.width - len;
      if (s.align === '<') body = lead + body + ' '.repeat(n);
      else if (s.zero && numeric) body = lead + '0'.repeat(n) + body;
      else body = ' '.repeat(n) + lead + body;
    } else body = lead + body;
    out.add(body);
  }
  if (next < list.length && !mappingLike) {
    throw new VmError('TypeError', 'not all arguments converted during string formatting');
  }
  const r = out.done();
  if (!isBytes) return r;
  const b = new Uint8Array(r.length);
  for (let k = 0; k < r.length; k++) {
    const code = r.charCodeAt(k);
    if (code > 0xff) throw new VmError('TypeError', '%r of a non-ASCII str cannot go into bytes');
    b[k] = code;
  }
  return b;
}

/**
 * An upper bound on the digits of a `bits`-bit number in `radix`, in integers only: gas may not
 * depend on a float (ceil(bits / log2(radix)); for 10, log10(2) to 15 places, which equals the
 * exact ceiling for every width up to 16,384 bits).
 */
function digitBound(bits: number, radix: number): number {
  if (radix === 2) return bits;
  if (radix === 8) return Math.ceil(bits / 3);
  if (radix === 16) return Math.ceil(bits / 4);
  return Number((BigInt(bits) * 301029995663981n + 999999999999999n) / 1000000000000000n);
}
