// More str and bytes methods: split rsplit replace lower upper count partition rpartition
// lstrip rstrip rfind rindex zfill center removeprefix removesuffix and the is*() tests.
// str follows CPython 3.11's Unicode tables (builtins/unicode.ts); bytes, as CPython, only
// knows ASCII. Contract strings never hold lone surrogates (spec/LANGUAGE.md), so a UTF-16
// substring search finds exactly the code-point matches; positions given to or returned by
// a method are code points. Each method charges per 32-byte word of receiver, arguments and
// result before building the result.
import { VmError } from '../../spec/errors.js';
import type { Machine } from '../machine.js';
import { seqBytes } from '../memory.js';
import { eqCharged } from '../compare.js';
import { latin1Of, PyTuple, typeName, type Value } from '../values.js';
import { arity, intArg, smallInt, words } from '../builtins/util.js';
import * as U from '../builtins/unicode.js';
import * as C from '../builtins/charclass.js';
import * as SI from '../strindex.js';
import type { MImpl } from './numbers.js';
import { lastIndex } from '../rsearch.js';
import { hasSurrogate, unitsToString } from '../builtins/units.js';

type Text = string | Uint8Array;

/** Any code unit outside ASCII. */
const NON_ASCII = /[\u0080-\uffff]/;

function noAttr(v: Value, name: string): never {
  throw new VmError('AttributeError', `'${typeName(v)}' object has no attribute '${name}'`);
}

function recv(v: Value, name: string): Text {
  if (typeof v === 'string' || v instanceof Uint8Array) return v;
  return noAttr(v, name);
}

/** bytes as a latin-1 string, so one algorithm serves both (ASCII rules are applied for bytes). */
function asStr(t: Text): string {
  return typeof t === 'string' ? t : latin1Of(t);
}

function back(m: Machine, like: Text, s: string): Text {
  m.mem += s.length;
  if (typeof like === 'string') return s;
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** A bytes argument is read as a latin-1 string, which costs its words at the method's word
 * price, charged before the copy: a long argument to a short receiver must not be free. */
function arg(m: Machine, w: number, like: Text, v: Value, name: string): string {
  if (typeof like === 'string') {
    if (typeof v !== 'string') throw new VmError('TypeError', `${name}() argument must be str, not ${typeName(v)}`);
    return v;
  }
  if (!(v instanceof Uint8Array)) throw new VmError('TypeError', `a bytes-like object is required, not '${typeName(v)}'`);
  m.charge(w * words(v.length));
  return asStr(v);
}

function optArg(m: Machine, w: number, like: Text, v: Value, name: string): string | null {
  return v === null ? null : arg(m, w, like, v, name);
}

/** Whitespace by one class-bit look-up (builtins/charclass.ts): str by Unicode, bytes by ASCII. */
const strSpace = (c: number): boolean => (C.classBits(c) & C.SPACE) !== 0;
const byteSpace = (c: number): boolean => (C.BYTE_BITS[c] & C.SPACE) !== 0;

function spaceTest(like: Text): (c: number) => boolean {
  return typeof like === 'string' ? strSpace : byteSpace;
}

/** Code points of a str (its astral positions come from strindex's cache or one scan). */
function cpLen(s: string): number {
  return SI.cpLen(s, SI.astralIndex(s));
}
/** Python's start/end slice arguments, as UTF-16 offsets into s ([lo, hi], lo may exceed hi). */
function range(a: Value[], b: number, n: number, first: number, s: string, isStr: boolean): [number, number] {
  const len = isStr ? cpLen(s) : s.length;
  const norm = (v: Value, d: number): number => {
    if (v === null || v === undefined) return d;
    let i = smallInt(intArg(v, 'slice indices'));
    if (i < 0) i = Math.max(0, i + len);
    return Math.min(i, len);
  };
  const lo = n > first ? norm(a[b + 1 + first], 0) : 0;
  const hi = n > first + 1 ? norm(a[b + 2 + first], len) : len;
  // a start past the end finds nothing (not the empty string at len)
  const loRaw = n > first && a[b + 1 + first] !== null ? smallInt(intArg(a[b + 1 + first], 'slice indices')) : 0;
  const startPastEnd = loRaw > len;
  const ax = isStr ? SI.astralIndex(s) : null;
  const L = ax ? SI.cpToUnit(ax, lo) : lo;
  const H = ax ? SI.cpToUnit(ax, hi) : hi;
  return [startPastEnd ? H + 1 : L, H];
}

function toCp(s: string, unit: number, isStr: boolean): number {
  return isStr ? SI.unitToCp(SI.astralIndex(s), unit) : unit;
}

function splitImpl(rev: boolean): MImpl {
  const name = rev ? 'rsplit' : 'split';
  return (m, a, b, n, p) => {
    const t = recv(a[b], name);
    arity(name, n, 0, 2);
    const s = asStr(t);
    const sep = n >= 1 ? optArg(m, p.words, t, a[b + 1], name) : null;
    let max = n >= 2 ? smallInt(intArg(a[b + 2], name)) : -1;
    if (max < 0) max = Infinity;
    m.charge(p.words * words(s.length) * 2);
    const parts: string[] = [];
    // each part is charged as it is made (items: parts, at most one per separator found)
    const put = (x: string): void => {
      m.charge(p.items);
      parts.push(x);
    };
    if (sep === null) {
      // whitespace is never astral: walk UTF-16 units (bytes: latin-1 chars) and slice
      const sp = spaceTest(t);
      const L = s.length;
      if (!rev) {
        let i = 0;
        while (i < L) {
          while (i < L && sp(s.charCodeAt(i))) i++;
          if (i >= L) break;
          if (parts.length >= max) {
            // CPython keeps the remainder's trailing whitespace after maxsplit
            put(s.slice(i));
            break;
          }
          const st = i;
          while (i < L && !sp(s.charCodeAt(i))) i++;
          put(s.slice(st, i));
        }
      } else {
        let i = L;
        while (i > 0) {
          while (i > 0 && sp(s.charCodeAt(i - 1))) i--;
          if (i <= 0) break;
          if (parts.length >= max) {
            put(s.slice(0, i));
            break;
          }
          const en = i;
          while (i > 0 && !sp(s.charCodeAt(i - 1))) i--;
          put(s.slice(i, en));
        }
        parts.reverse();
      }
    } else {
      if (sep.length === 0) throw new VmError('ValueError', 'empty separator');
      if (!rev) {
        let i = 0;
        while (parts.length < max) {
          const j = s.indexOf(sep, i);
          if (j < 0) break;
          put(s.slice(i, j));
          i = j + sep.length;
        }
        put(s.slice(i));
      } else {
        let e = s.length;
        while (parts.length < max) {
          const j = lastIndex(s, sep, 0, e);
          if (j < 0) break;
          put(s.slice(j + sep.length, e));
          e = j;
        }
        put(s.slice(0, e));
        parts.reverse();
      }
    }
    m.capLen(parts.length, 'list');
    m.mem += seqBytes(parts.length);
    return parts.map((p) => back(m, t, p));
  };
}

/** How many code points s has (Array.from(s).length: a high surrogate followed by a low one is one). */
function codePoints(s: string): number {
  if (!hasSurrogate(s)) return s.length;
  let n = 0;
  for (let i = 0; i < s.length; i++, n++) if (isPair(s, i)) i++;
  return n;
}

function isPair(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff || i + 1 >= s.length) return false;
  const d = s.charCodeAt(i + 1);
  return d >= 0xdc00 && d <= 0xdfff;
}

/**
 * s.replace("", neu, made): neu before each of the first `made` code points (and at the end
 * when made passes them all). Code units written into one array and decoded once: a join
 * over a code point array cost ~40 ns per point.
 */
function interleave(s: string, neu: string, made: number): string {
  const n = s.length;
  const k = neu.length;
  const out = new Uint16Array(n + made * k);
  const pairs = hasSurrogate(s);
  let o = 0;
  let i = 0;
  for (let done = 0; done < made; done++) {
    for (let j = 0; j < k; j++) out[o++] = neu.charCodeAt(j);
    if (i === n) break;
    if (pairs && isPair(s, i)) out[o++] = s.charCodeAt(i++);
    out[o++] = s.charCodeAt(i++);
  }
  while (i < n) out[o++] = s.charCodeAt(i++);
  return unitsToString(out, o, pairs || hasSurrogate(neu));
}

const replace: MImpl = (m, a, b, n, p) => {
  const t = recv(a[b], 'replace');
  arity('replace', n, 2, 3);
  const s = asStr(t);
  const old = arg(m, p.words, t, a[b + 1], 'replace');
  const neu = arg(m, p.words, t, a[b + 2], 'replace');
  let count = n === 3 ? smallInt(intArg(a[b + 3], 'replace')) : -1;
  if (count < 0) count = Infinity;
  // the number of matches bounds the result: charge and cap before building it
  m.charge(p.words * words(s.length));
  const pieces: string[] = [];
  let made = 0;
  if (old.length === 0) {
    made = Math.min(count, codePoints(s) + 1);
    const total = s.length + made * neu.length;
    m.capLen(total, typeof t === 'string' ? 'str' : 'bytes');
    // per insertion, as the search path charges per replacement: a piece of neu each
    m.charge(p.words * words(total) + p.items * made);
    return back(m, t, interleave(s, neu, made));
  } else {
    let i = 0;
    while (made < count) {
      const j = s.indexOf(old, i);
      if (j < 0) break;
      // a search, a slice and two pieces per replacement, whatever their length
      m.charge(p.items);
      pieces.push(s.slice(i, j), neu);
      i = j + old.length;
      made++;
    }
    pieces.push(s.slice(i));
  }
  const total = s.length + made * (neu.length - old.length);
  m.capLen(total, typeof t === 'string' ? 'str' : 'bytes');
  m.charge(p.words * words(total));
  return back(m, t, pieces.join(''));
};

function caseMap(name: 'lower' | 'upper'): MImpl {
  return (m, a, b, n, p) => {
    const t = recv(a[b], name);
    arity(name, n, 0, 0);
    if (typeof t === 'string') {
      // one code point maps to at most 3 (e.g. U+0390 upper): charge and cap for that bound
      m.charge(p.words * words(t.length * 3));
      // ASCII maps one to one, and the host's mapping of ASCII is CPython's
      if (!NON_ASCII.test(t)) {
        m.mem += t.length;
        return name === 'lower' ? t.toLowerCase() : t.toUpperCase();
      }
      const cps = U.codePointsOf(t);
      const r = name === 'lower' ? U.lower(cps) : U.upper(cps);
      m.capLen(r.length, 'str');
      m.mem += r.length;
      return r;
    }
    m.charge(p.words * words(t.length));
    m.mem += t.length;
    const out = new Uint8Array(t.length);
    for (let i = 0; i < t.length; i++) {
      const c = t[i];
      out[i] = name === 'lower' ? (c >= 65 && c <= 90 ? c + 32 : c) : c >= 97 && c <= 122 ? c - 32 : c;
    }
    return out;
  };
}

/** count() of str/bytes (non-overlapping substrings) and of list/tuple (equal items). */
const count: MImpl = (m, a, b, n, p) => {
  const r = a[b];
  if (Array.isArray(r) || r instanceof PyTuple) {
    arity('count', n, 1, 1);
    const items = Array.isArray(r) ? r : r.items;
    m.charge(p.items * items.length);
    // each item's equality walk is charged as == charges it (nested items, text words)
    const y = a[b + 1];
    const small = typeof y === 'number';
    let k = 0;
    for (const x of items) if (small && typeof x === 'number' ? x === y : eqCharged(m, x, y)) k++;
    return k;
  }
  const t = recv(r, 'count');
  arity('count', n, 1, 3);
  const s = asStr(t);
  m.charge(p.words * words(s.length));
  const sub = t instanceof Uint8Array && typeof a[b + 1] === 'number' ? String.fromCharCode(byteArg(a[b + 1])) : arg(m, p.words, t, a[b + 1], 'count');
  const [lo, hi] = range(a, b, n, 1, s, typeof t === 'string');
  if (lo > hi) return 0;
  const part = s.slice(lo, hi);
  if (sub.length === 0) return (typeof t === 'string' ? cpLen(part) : part.length) + 1;
  let k = 0;
  for (let i = part.indexOf(sub); i >= 0; i = part.indexOf(sub, i + sub.length)) k++;
  return k;
};

function byteArg(v: Value): number {
  const k = smallInt(intArg(v, 'argument'));
  if (!(k >= 0 && k <= 255)) throw new VmError('ValueError', 'byte must be in range(0, 256)');
  return k;
}

function partition(rev: boolean): MImpl {
  const name = rev ? 'rpartition' : 'partition';
  return (m, a, b, n, p) => {
    const t = recv(a[b], name);
    arity(name, n, 1, 1);
    const s = asStr(t);
    const sep = arg(m, p.words, t, a[b + 1], name);
    if (sep.length === 0) throw new VmError('ValueError', 'empty separator');
    m.charge(p.words * words(s.length) * 2);
    const j = rev ? lastIndex(s, sep, 0, s.length) : s.indexOf(sep);
    m.mem += seqBytes(3);
    const e = back(m, t, '');
    if (j < 0) return new PyTuple(rev ? [e, back(m, t, ''), t] : [t, e, back(m, t, '')]);
    return new PyTuple([back(m, t, s.slice(0, j)), back(m, t, sep), back(m, t, s.slice(j + sep.length))]);
  };
}

function stripSide(name: 'lstrip' | 'rstrip'): MImpl {
  return (m, a, b, n, p) => {
    const t = recv(a[b], name);
    arity(name, n, 0, 1);
    m.charge(p.words * words(t.length));
    const chars = n === 1 ? optArg(m, p.words, t, a[b + 1], name) : null;
    const set = chars === null ? null : new Set(typeof t === 'string' ? U.codePointsOf(chars) : Array.from(chars, (c) => c.charCodeAt(0)));
    const sp = spaceTest(t);
    const drop = (c: number): boolean => (set ? set.has(c) : sp(c));
    if (typeof t !== 'string') {
      let i = 0;
      let j = t.length;
      if (name === 'lstrip') while (i < j && drop(t[i])) i++;
      else while (j > i && drop(t[j - 1])) j--;
      m.mem += j - i;
      return t.slice(i, j);
    }
    // code points from one end, on UTF-16 offsets (no array of the whole str)
    let i = 0;
    let j = t.length;
    if (name === 'lstrip') {
      while (i < j) {
        const c = t.codePointAt(i)!;
        if (!drop(c)) break;
        i += c > 0xffff ? 2 : 1;
      }
    } else {
      while (j > i) {
        const lo = t.charCodeAt(j - 1);
        const pair = lo >= 0xdc00 && lo <= 0xdfff && j - 2 >= i && t.charCodeAt(j - 2) >= 0xd800 && t.charCodeAt(j - 2) <= 0xdbff;
        if (!drop(pair ? t.codePointAt(j - 2)! : lo)) break;
        j -= pair ? 2 : 1;
      }
    }
    const out = t.slice(i, j);
    m.mem += out.length;
    return out;
  };
}

function rfindImpl(name: 'rfind' | 'rindex'): MImpl {
  return (m, a, b, n, p) => {
    const t = recv(a[b], name);
    arity(name, n, 1, 3);
    const s = asStr(t);
    m.charge(p.words * words(s.length));
    const sub = t instanceof Uint8Array && typeof a[b + 1] === 'number' ? String.fromCharCode(byteArg(a[b + 1])) : arg(m, p.words, t, a[b + 1], name);
    const [lo, hi] = range(a, b, n, 1, s, typeof t === 'string');
    let r = -1;
    if (lo <= hi && hi - lo >= sub.length) {
      const j = lastIndex(s, sub, lo, hi);
      if (j >= 0) r = toCp(s, j, typeof t === 'string');
    }
    if (r < 0 && name === 'rindex') throw new VmError('ValueError', typeof t === 'string' ? 'substring not found' : 'subsection not found');
    return r;
  };
}

const zfill: MImpl = (m, a, b, n, p) => {
  const t = recv(a[b], 'zfill');
  arity('zfill', n, 1, 1);
  const width = smallInt(intArg(a[b + 1], 'zfill'));
  const s = asStr(t);
  const len = typeof t === 'string' ? cpLen(s) : s.length;
  if (width <= len) return t;
  m.capLen(width, typeof t === 'string' ? 'str' : 'bytes');
  m.charge(p.words * words(width));
  const pad = '0'.repeat(width - len);
  const signed = s[0] === '+' || s[0] === '-';
  return back(m, t, signed ? s[0] + pad + s.slice(1) : pad + s);
};

const center: MImpl = (m, a, b, n, p) => {
  const t = recv(a[b], 'center');
  arity('center', n, 1, 2);
  const width = smallInt(intArg(a[b + 1], 'center'));
  let fill = ' ';
  if (n === 2) {
    const f = a[b + 2];
    if (typeof t === 'string' ? typeof f !== 'string' || U.codePointsOf(f).length !== 1 : !(f instanceof Uint8Array) || f.length !== 1) {
      throw new VmError('TypeError', 'The fill character must be exactly one character long');
    }
    fill = asStr(f as Text);
  }
  const s = asStr(t);
  const len = typeof t === 'string' ? cpLen(s) : s.length;
  if (width <= len) return t;
  m.capLen(width, typeof t === 'string' ? 'str' : 'bytes');
  m.charge(p.words * words(width));
  const marg = width - len;
  // CPython: left = marg/2 + (marg & width & 1)
  const left = (marg >> 1) + (marg & width & 1);
  if (t instanceof Uint8Array) {
    // filled natively, as ljust/rjust: through a latin-1 str, each byte of the result was
    // copied back one by one (~26x the arithmetic loop's ns/gas at the words of the width)
    m.mem += width;
    const out = new Uint8Array(width).fill(fill.charCodeAt(0));
    out.set(t, left);
    return out;
  }
  return back(m, t, fill.repeat(left) + s + fill.repeat(marg - left));
};

function removeAffix(name: 'removeprefix' | 'removesuffix'): MImpl {
  return (m, a, b, n, p) => {
    const t = recv(a[b], name);
    arity(name, n, 1, 1);
    const s = asStr(t);
    const x = arg(m, p.words, t, a[b + 1], name);
    m.charge(p.words * words(s.length));
    if (x.length === 0) return t;
    if (name === 'removeprefix' && s.startsWith(x)) return back(m, t, s.slice(x.length));
    if (name === 'removesuffix' && s.endsWith(x)) return back(m, t, s.slice(0, s.length - x.length));
    return t;
  };
}

type Pred = 'isdigit' | 'isdecimal' | 'isnumeric' | 'isalpha' | 'isalnum' | 'isspace' | 'islower' | 'isupper' | 'isascii';

/** The class bits each test accepts (one of them suffices). */
const ACCEPT: Record<Exclude<Pred, 'isascii' | 'islower' | 'isupper'>, number> = {
  isdigit: C.DIGIT,
  isdecimal: C.DECIMAL,
  isnumeric: C.NUMERIC,
  isalpha: C.ALPHA,
  isalnum: C.ALPHA | C.DECIMAL | C.DIGIT | C.NUMERIC,
  isspace: C.SPACE,
};

/**
 * The is*() tests, one class-bit look-up per code point (builtins/charclass.ts) on UTF-16
 * offsets: no array of the str's code points is built.
 */
function charTest(name: Pred): MImpl {
  return (m, a, b, n, p) => {
    const t = recv(a[b], name);
    arity(name, n, 0, 0);
    if (typeof t !== 'string' && (name === 'isdecimal' || name === 'isnumeric')) noAttr(t, name);
    m.charge(p.words * words(t.length));
    const str = typeof t === 'string';
    const len = t.length;
    if (name === 'isascii') {
      if (str) {
        for (let i = 0; i < len; i++) if ((t as string).charCodeAt(i) >= 0x80) return false;
      } else for (let i = 0; i < len; i++) if ((t as Uint8Array)[i] >= 0x80) return false;
      return true;
    }
    // islower: no upper or title-case code point and at least one lower one (isupper: mirrored)
    const cased = name === 'islower' || name === 'isupper';
    const want = name === 'islower' ? C.LOWER : name === 'isupper' ? C.UPPER : ACCEPT[name];
    const reject = name === 'islower' ? C.UPPER | C.TITLE : name === 'isupper' ? C.LOWER | C.TITLE : 0;
    if (!cased && len === 0) return false;
    let seen = false;
    if (!str) {
      const u = t as Uint8Array;
      for (let i = 0; i < len; i++) {
        const x = C.BYTE_BITS[u[i]];
        if (cased) {
          if (x & reject) return false;
          if (x & want) seen = true;
        } else if (!(x & want)) return false;
      }
      return cased ? seen : true;
    }
    const s = t as string;
    for (let i = 0; i < len; i++) {
      let c = s.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < len) {
        const d = s.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          c = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
          i++;
        }
      }
      const x = C.classBits(c);
      if (cased) {
        if (x & reject) return false;
        if (x & want) seen = true;
      } else if (!(x & want)) return false;
    }
    return cased ? seen : true;
  };
}

export const STRINGS: Record<string, MImpl> = {
  split: splitImpl(false),
  rsplit: splitImpl(true),
  replace,
  lower: caseMap('lower'),
  upper: caseMap('upper'),
  count,
  partition: partition(false),
  rpartition: partition(true),
  lstrip: stripSide('lstrip'),
  rstrip: stripSide('rstrip'),
  rfind: rfindImpl('rfind'),
  rindex: rfindImpl('rindex'),
  zfill,
  center,
  removeprefix: removeAffix('removeprefix'),
  removesuffix: removeAffix('removesuffix'),
  isdigit: charTest('isdigit'),
  isdecimal: charTest('isdecimal'),
  isnumeric: charTest('isnumeric'),
  isalpha: charTest('isalpha'),
  isalnum: charTest('isalnum'),
  isspace: charTest('isspace'),
  islower: charTest('islower'),
  isupper: charTest('isupper'),
  isascii: charTest('isascii'),
};
