// bytes and str methods: hex startswith endswith find join strip rjust ljust decode encode,
// plus index() for str/bytes. str positions are code points, as in Python.
import { VmError } from '../../spec/errors.js';
import { decodeBytes, encodeStr } from '../builtins/text.js';
import { arity, chars, codec, intArg, isAsciiSpace, isPySpace, smallInt, strictErrors, words } from '../builtins/util.js';
import { indexOfBytes } from '../compare.js';
import { PyTuple, typeName, type Value } from '../values.js';
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

function seqOf(x: Text): ArrayLike<number> | string[] {
  return typeof x === 'string' ? chars(x) : x;
}

function findIn(hay: Text, needle: Text, from: number, to: number): number {
  if (typeof hay === 'string') {
    const h = chars(hay).slice(0, to);
    const nd = chars(needle as string);
    outer: for (let i = from; i + nd.length <= h.length; i++) {
      for (let j = 0; j < nd.length; j++) if (h[i + j] !== nd[j]) continue outer;
      return i;
    }
    return -1;
  }
  if (from > to) return -1;
  const r = indexOfBytes(hay.subarray(0, to), needle as Uint8Array, from);
  return r;
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
    const [lo, hi] = bounds(a, b, n, typeof s === 'string' ? chars(s).length : s.length);
    const arg = a[b + 1];
    const cands = arg instanceof PyTuple ? arg.items : [arg];
    if (cands.length === 0) return false;
    const seq = seqOf(s);
    for (const c0 of cands) {
      const c = sameKind(s, c0, `${name} first arg`);
      const cs = seqOf(c);
      if (hi - lo < cs.length) continue;
      const start = name === 'startswith' ? lo : hi - cs.length;
      let ok = true;
      for (let j = 0; j < cs.length; j++) if (seq[start + j] !== cs[j]) ok = false;
      if (ok) return true;
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
  const [lo, hi] = bounds(a, b, n, typeof s === 'string' ? chars(s).length : s.length);
  return findIn(s, nd, lo, hi);
};

/** str.index / bytes.index (list and tuple index live with the containers). */
export const textIndex: MImpl = (m, a, b, n, p) => {
  const s = a[b] as Text;
  arity('index', n, 1, 3);
  m.charge(p.words * words(size(s)));
  const nd = needleArg(s, a[b + 1], 'index');
  const [lo, hi] = bounds(a, b, n, typeof s === 'string' ? chars(s).length : s.length);
  const r = findIn(s, nd, lo, hi);
  if (r < 0) throw new VmError('ValueError', typeof s === 'string' ? 'substring not found' : 'subsection not found');
  return r;
};

const join: MImpl = (m, a, b, n, p) => {
  const s = text(a[b], 'join');
  arity('join', n, 1, 1);
  const src = a[b + 1];
  const items = Array.isArray(src) ? src : src instanceof PyTuple ? src.items : typeof src === 'string' ? chars(src) : null;
  if (items === null) {
    if (src instanceof Uint8Array) throw new VmError('TypeError', `sequence item 0: expected ${typeof s === 'string' ? 'str instance' : 'a bytes-like object'}, int found`);
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
  m.charge(p.words * words(size(s)));
  const arg = n === 1 ? a[b + 1] : null;
  if (typeof s === 'string') {
    if (arg !== null && typeof arg !== 'string') throw new VmError('TypeError', `strip arg must be None or str`);
    const set = arg === null ? null : new Set(chars(arg));
    const cs = chars(s);
    const drop = (c: string): boolean => (set ? set.has(c) : isPySpace(c.codePointAt(0)!));
    let i = 0;
    let j = cs.length;
    while (i < j && drop(cs[i])) i++;
    while (j > i && drop(cs[j - 1])) j--;
    const out = cs.slice(i, j).join('');
    m.mem += out.length;
    return out;
  }
  if (arg !== null && !(arg instanceof Uint8Array)) throw new VmError('TypeError', `a bytes-like object is required, not '${typeName(arg)}'`);
  const drop = (c: number): boolean => (arg ? arg.includes(c) : isAsciiSpace(c));
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
    const len = typeof s === 'string' ? chars(s).length : s.length;
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
  arity('hex', n, 0, 0);
  m.capLen(s.length * 2, 'str');
  m.charge(p.words * words(s.length * 2));
  m.mem += s.length * 2;
  let out = '';
  for (const x of s) out += (x < 16 ? '0' : '') + x.toString(16);
  return out;
};

const decode: MImpl = (m, a, b, n, p) => {
  const s = a[b];
  if (!(s instanceof Uint8Array)) throw new VmError('AttributeError', `'${typeName(s)}' object has no attribute 'decode'`);
  arity('decode', n, 0, 2);
  const enc = codec(n >= 1 ? a[b + 1] : 'utf-8', 'decode');
  if (n >= 2) strictErrors(a[b + 2], 'decode');
  return decodeBytes(m, s, enc, p);
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
  hex, startswith: affix('startswith'), endswith: affix('endswith'), find, join, strip,
  rjust: justify('rjust'), ljust: justify('ljust'), decode, encode,
};
