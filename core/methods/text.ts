// bytes and str methods: hex startswith endswith find join strip rjust ljust decode encode,
// plus index() for str/bytes. str positions are code points, as in Python.
import { VmError } from '../../spec/errors.js';
import { decodeBytes, encodeStr } from '../builtins/text.js';
import { BYTE_BITS, classBits, SPACE } from '../builtins/charclass.js';
import { arity, chars, codec, errorsArg, intArg, smallInt, strictErrors, words } from '../builtins/util.js';
import { findBytes } from '../bytesearch.js';
import { bytesToHex } from '../hex.js';
import { astralIndex, cpLen, cpToUnit, strFind } from '../strindex.js';
import { PyDict, PyDictView, PyTuple, typeName, type Value } from '../values.js';
import { viewItems } from '../dict_view.js';
import type { MImpl } from './numbers.js';

type Text = string | Uint8Array;

function size(x: Text): number {
  return x.length;
}

/** Python's slice-style clamping of optional start/end arguments. */
function bounds(a: Value[], b: number, n: number, len: number): [number, number] {
  const norm = (v: Value, d: number, isEnd: boolean): number => {
    if (v === null || v === undefined) return d;
    let i = smallInt(intArg(v, 'slice index'));
    if (i < 0) i = Math.max(0, i + len);
    // CPython clamps the end only: a start past the end finds nothing, not the empty string at len
    return isEnd ? Math.min(i, len) : i;
  };
  return [n >= 2 ? norm(a[b + 2], 0, false) : 0, n >= 3 ? norm(a[b + 3], len, true) : len];
}

function sameKind(recv: Text, arg: Value, what: string): Text {
  if (typeof recv === 'string') {
    if (typeof arg !== 'string') throw new VmError('TypeError', `${what} must be str, not ${typeName(arg)}`);
    return arg;
  }
  if (!(arg instanceof Uint8Array)) throw new VmError('TypeError', `a bytes-like object is required, not '${typeName(arg)}'`);
  return arg;
}

function findIn(hay: Text, needle: Text, from: number, to: number): number {
  if (typeof hay === 'string') return strFind(hay, needle as string, from, to);
  return findBytes(hay, needle as Uint8Array, from, to);
}

/** Length in code points (str) or bytes. */
function cpSize(x: Text): number {
  return typeof x === 'string' ? cpLen(x) : x.length;
}

function text(recv: Value, name: string): Text {
  if (typeof recv === 'string' || recv instanceof Uint8Array) return recv;
  throw new VmError('AttributeError', `'${typeName(recv)}' object has no attribute '${name}'`);
}

function affix(name: 'startswith' | 'endswith'): MImpl {
  return (m, a, b, n, p) => {
    const s = text(a[b], name);
    arity(name, n, 1, 3);
    m.charge(p.words * words(size(s)));
    const [lo, hi] = bounds(a, b, n, cpSize(s));
    const arg = a[b + 1];
    const cands = arg instanceof PyTuple ? arg.items : [arg];
    if (cands.length === 0) return false;
    if (hi < lo) {
      for (const c0 of cands) sameKind(s, c0, `${name} first arg`);
      return false;
    }
    if (typeof s === 'string') {
      // positions as UTF-16 offsets; a candidate is whole code points, so native compares suffice
      const ax = astralIndex(s);
      const uLo = cpToUnit(ax, lo);
      const uHi = cpToUnit(ax, hi);
      for (let k = 0; k < cands.length; k++) {
        const c = sameKind(s, cands[k], `${name} first arg`) as string;
        if (uHi - uLo < c.length) continue;
        // the receiver's words pay for one comparison; each further candidate pays its own
        if (k > 0) m.charge(p.words * words(c.length));
        // a slice compared whole: V8 compares flat strings word by word, startsWith unit by unit (~15x slower)
        if ((name === 'startswith' ? s.slice(uLo, uLo + c.length) : s.slice(uHi - c.length, uHi)) === c) return true;
      }
      return false;
    }
    for (let k = 0; k < cands.length; k++) {
      const c = sameKind(s, cands[k], `${name} first arg`) as Uint8Array;
      if (hi - lo < c.length) continue;
      if (k > 0) m.charge(p.words * words(c.length));
      const start = name === 'startswith' ? lo : hi - c.length;
      let j = 0;
      while (j < c.length && s[start + j] === c[j]) j++;
      if (j === c.length) return true;
    }
    return false;
  };
}

function needleArg(s: Text, v: Value, name: string): Text {
  if (s instanceof Uint8Array && (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint')) {
    const k = smallInt(intArg(v, name));
    if (!(k >= 0 && k <= 255)) throw new VmError('ValueError', 'byte must be in range(0, 256)');
    return Uint8Array.of(k);
  }
  return sameKind(s, v, 'must be');
}

const find: MImpl = (m, a, b, n, p) => {
  const s = text(a[b], 'find');
  arity('find', n, 1, 3);
  m.charge(p.words * words(size(s)));
  const nd = needleArg(s, a[b + 1], 'find');
  const [lo, hi] = bounds(a, b, n, cpSize(s));
  return findIn(s, nd, lo, hi);
};

/** str.index / bytes.index (list and tuple index live with the containers). */
export const textIndex: MImpl = (m, a, b, n, p) => {
  const s = a[b] as Text;
  arity('index', n, 1, 3);
  m.charge(p.words * words(size(s)));
  const nd = needleArg(s, a[b + 1], 'index');
  const [lo, hi] = bounds(a, b, n, cpSize(s));
  const r = findIn(s, nd, lo, hi);
  if (r < 0) throw new VmError('ValueError', typeof s === 'string' ? 'substring not found' : 'subsection not found');
  return r;
};

const join: MImpl = (m, a, b, n, p) => {
  const s = text(a[b], 'join');
  arity('join', n, 1, 1);
  const src = a[b + 1];
  // a dict joins its keys, as iterating it does
  const items = Array.isArray(src)
    ? src
    : src instanceof PyTuple
      ? src.items
      : typeof src === 'string'
        ? chars(src)
        : src instanceof PyDict
          ? Array.from(src.map.values(), (e) => e[0])
          : src instanceof PyDictView
            ? viewItems(src)
            : null;
  if (items === null) {
    if (src instanceof Uint8Array)
      throw new VmError('TypeError', `sequence item 0: expected ${typeof s === 'string' ? 'str instance' : 'a bytes-like object'}, int found`);
    throw new VmError('TypeError', 'can only join an iterable');
  }
  let total = items.length > 0 ? (items.length - 1) * s.length : 0;
  items.forEach((x, i) => {
    if (typeof s === 'string' ? typeof x !== 'string' : !(x instanceof Uint8Array)) {
      throw new VmError('TypeError', `sequence item ${i}: expected ${typeof s === 'string' ? 'str instance' : 'a bytes-like object'}, ${typeName(x)} found`);
    }
    total += (x as Text).length;
  });
  m.capLen(total, typeof s === 'string' ? 'str' : 'bytes');
  m.charge(p.words * words(total) + p.items * items.length);
  m.mem += total;
  if (typeof s === 'string') return (items as string[]).join(s);
  const out = new Uint8Array(total);
  let k = 0;
  items.forEach((x, i) => {
    if (i > 0) {
      out.set(s, k);
      k += s.length;
    }
    out.set(x as Uint8Array, k);
    k += (x as Uint8Array).length;
  });
  return out;
};

const strip: MImpl = (m, a, b, n, p) => {
  const s = text(a[b], 'strip');
  arity('strip', n, 0, 1);
  const arg = n === 1 ? a[b + 1] : null;
  // the receiver's words, and the argument's: its chars are read into a set once
  m.charge(p.words * (words(size(s)) + (typeof arg === 'string' || arg instanceof Uint8Array ? words(arg.length) : 0)));
  if (typeof s === 'string') {
    if (arg !== null && typeof arg !== 'string') throw new VmError('TypeError', `strip arg must be None or str`);
    const set = arg === null ? null : new Set(Array.from(arg, (c) => c.codePointAt(0)!));
    const drop = (c: number): boolean => (set ? set.has(c) : (classBits(c) & SPACE) !== 0);
    // code points from both ends, on UTF-16 offsets (no array of the whole str)
    let i = 0;
    let j = s.length;
    while (i < j) {
      const c = s.codePointAt(i)!;
      if (!drop(c)) break;
      i += c > 0xffff ? 2 : 1;
    }
    while (j > i) {
      const lo = s.charCodeAt(j - 1);
      const pair = lo >= 0xdc00 && lo <= 0xdfff && j - 2 >= i && s.charCodeAt(j - 2) >= 0xd800 && s.charCodeAt(j - 2) <= 0xdbff;
      if (!drop(pair ? s.codePointAt(j - 2)! : lo)) break;
      j -= pair ? 2 : 1;
    }
    const out = s.slice(i, j);
    m.mem += out.length;
    return out;
  }
  if (arg !== null && !(arg instanceof Uint8Array)) throw new VmError('TypeError', `a bytes-like object is required, not '${typeName(arg)}'`);
  // a 256-entry table: arg.includes per byte would be O(len(s) * len(arg))
  let table: Uint8Array | null = null;
  if (arg) {
    table = new Uint8Array(256);
    for (let k = 0; k < arg.length; k++) table[arg[k]] = 1;
  }
  const drop = (c: number): boolean => (table ? table[c] === 1 : (BYTE_BITS[c] & SPACE) !== 0);
  let i = 0;
  let j = s.length;
  while (i < j && drop(s[i])) i++;
  while (j > i && drop(s[j - 1])) j--;
  m.mem += j - i;
  return s.slice(i, j);
};

function justify(name: 'rjust' | 'ljust'): MImpl {
  return (m, a, b, n, p) => {
    const s = text(a[b], name);
    arity(name, n, 1, 2);
    const width = smallInt(intArg(a[b + 1], name));
    let fill: Text = typeof s === 'string' ? ' ' : Uint8Array.of(0x20);
    if (n === 2) {
      const f = a[b + 2];
      if (typeof s === 'string') {
        if (typeof f !== 'string' || chars(f).length !== 1) throw new VmError('TypeError', 'The fill character must be exactly one character long');
      } else if (!(f instanceof Uint8Array) || f.length !== 1) {
        throw new VmError('TypeError', `${name}() argument 2 must be a byte string of length 1, not ${typeName(f)}`);
      }
      fill = f as Text;
    }
    const len = cpSize(s);
    if (width <= len) return s;
    m.capLen(width, typeof s === 'string' ? 'str' : 'bytes');
    m.charge(p.words * words(width));
    const pad = width - len;
    if (typeof s === 'string') {
      const p = (fill as string).repeat(pad);
      m.mem += s.length + p.length;
      return name === 'rjust' ? p + s : s + p;
    }
    m.mem += width;
    const out = new Uint8Array(width).fill((fill as Uint8Array)[0]);
    out.set(s, name === 'rjust' ? pad : 0);
    return out;
  };
}

const hex: MImpl = (m, a, b, n, p) => {
  const s = a[b];
  if (!(s instanceof Uint8Array)) throw new VmError('AttributeError', `'${typeName(s)}' object has no attribute 'hex'`);
  arity('hex', n, 0, 2);
  let sep = '';
  let group = 1;
  if (n >= 1) {
    // hex(sep[, bytes_per_sep]): sep is one ASCII character (str or bytes), groups counted from the right (>0) or left (<0)
    const sv = a[b + 1];
    // a bytes sep is read only when it has the one byte it may have: a spread of a long one
    // into arguments overflowed the host's stack (an outcome that depended on its size)
    const st = typeof sv === 'string' ? sv : sv instanceof Uint8Array ? (sv.length === 1 ? String.fromCharCode(sv[0]) : '??') : null;
    if (st === null) throw new VmError('TypeError', 'sep must be str or bytes.');
    if (st.length !== 1) throw new VmError('ValueError', 'sep must be length 1.');
    if (st.charCodeAt(0) > 0x7f) throw new VmError('ValueError', 'sep must be ASCII.');
    sep = st;
    if (n === 2) group = smallInt(intArg(a[b + 2], 'hex()'));
    if (!Number.isFinite(group)) throw new VmError('OverflowError', 'bytes_per_sep is too large');
  }
  const g = Math.abs(group);
  const total = s.length * 2 + (sep && g > 0 && s.length > 0 ? Math.ceil(s.length / g) - 1 : 0);
  m.capLen(total, 'str');
  m.charge(p.words * words(total));
  m.mem += total;
  if (!sep || g === 0) return bytesToHex(s);
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (sep && g > 0 && i > 0 && (group > 0 ? (s.length - i) % g === 0 : i % g === 0)) out += sep;
    const x = s[i];
    out += (x < 16 ? '0' : '') + x.toString(16);
  }
  return out;
};

const decode: MImpl = (m, a, b, n, p) => {
  const s = a[b];
  if (!(s instanceof Uint8Array)) throw new VmError('AttributeError', `'${typeName(s)}' object has no attribute 'decode'`);
  arity('decode', n, 0, 2);
  const enc = codec(n >= 1 ? a[b + 1] : 'utf-8', 'decode');
  return decodeBytes(m, s, enc, p, n >= 2 ? errorsArg(a[b + 2], 'decode') : 'strict');
};

const encode: MImpl = (m, a, b, n, p) => {
  const s = a[b];
  if (typeof s !== 'string') throw new VmError('AttributeError', `'${typeName(s)}' object has no attribute 'encode'`);
  arity('encode', n, 0, 2);
  const enc = codec(n >= 1 ? a[b + 1] : 'utf-8', 'encode');
  if (n >= 2) strictErrors(a[b + 2], 'encode');
  return encodeStr(m, s, enc, p);
};

export const TEXT: Record<string, MImpl> = {
  hex,
  startswith: affix('startswith'),
  endswith: affix('endswith'),
  find,
  join,
  strip,
  rjust: justify('rjust'),
  ljust: justify('ljust'),
  decode,
  encode,
};
