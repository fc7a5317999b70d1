// str/bytes capitalize() title() swapcase() istitle() splitlines(), str casefold(): CPython 3.11's
// algorithms (str: Unicode full mappings from fixed tables; bytes: ASCII only). Gas: the
// receiver's words (three times for a str, whose code points map to at most three), before
// the work; splitlines also one item per line made.
import { VmError } from '../../spec/errors.js';
import * as C from '../builtins/unicode_case.js';
import { codePointsOf } from '../builtins/unicode.js';
import { arity, words } from '../builtins/util.js';
import { seqBytes } from '../memory.js';
import { truthy, typeName, type Value } from '../values.js';
import type { MImpl } from './numbers.js';

type Text = string | Uint8Array;

function recv(v: Value, name: string, strOnly = false): Text {
  if (typeof v === 'string' || (!strOnly && v instanceof Uint8Array)) return v;
  throw new VmError('AttributeError', `'${typeName(v)}' object has no attribute '${name}'`);
}

const isUp = (c: number): boolean => c >= 65 && c <= 90;
const isLo = (c: number): boolean => c >= 97 && c <= 122;

type Which = 'capitalize' | 'title' | 'swapcase' | 'casefold';

/** The ASCII rule of bytes.capitalize/title/swapcase for byte i (prev: the previous byte was cased). */
function asciiMap(which: Which, c: number, i: number, prev: boolean): number {
  if (which === 'capitalize') return i === 0 ? (isLo(c) ? c - 32 : c) : isUp(c) ? c + 32 : c;
  if (which === 'swapcase') return isUp(c) ? c + 32 : isLo(c) ? c - 32 : c;
  // title
  if (prev) return isUp(c) ? c + 32 : c;
  return isLo(c) ? c - 32 : c;
}

function caseMethod(which: Which): MImpl {
  return (m, a, b, n, p) => {
    const t = recv(a[b], which, which === 'casefold');
    arity(which, n, 0, 0);
    if (typeof t === 'string') {
      m.charge(p.words * words(t.length * 3));
      const cps = codePointsOf(t);
      const r = which === 'capitalize' ? C.capitalize(cps) : which === 'title' ? C.title(cps) : which === 'swapcase' ? C.swapcase(cps) : C.casefold(cps);
      m.capLen(r.length, 'str');
      m.mem += r.length;
      return r;
    }
    m.charge(p.words * words(t.length));
    m.mem += t.length;
    const out = new Uint8Array(t.length);
    let prev = false;
    for (let i = 0; i < t.length; i++) {
      out[i] = asciiMap(which, t[i], i, prev);
      prev = isUp(t[i]) || isLo(t[i]);
    }
    return out;
  };
}

const istitle: MImpl = (m, a, b, n, p) => {
  const t = recv(a[b], 'istitle');
  arity('istitle', n, 0, 0);
  m.charge(p.words * words(t.length));
  if (typeof t === 'string') return C.istitle(codePointsOf(t));
  let cased = false;
  let prev = false;
  for (const c of t) {
    if (isUp(c)) {
      if (prev) return false;
      prev = cased = true;
    } else if (isLo(c)) {
      if (!prev) return false;
      prev = cased = true;
    } else prev = false;
  }
  return cased;
};

// str line boundaries (bytes: \n and \r only); \r\n is one boundary
const STR_BREAKS = new Set([0x0a, 0x0b, 0x0c, 0x0d, 0x1c, 0x1d, 0x1e, 0x85, 0x2028, 0x2029]);

const splitlines: MImpl = (m, a, b, n, p) => {
  const t = recv(a[b], 'splitlines');
  arity('splitlines', n, 0, 1);
  const keep = n === 1 ? truthy(a[b + 1]) : false;
  m.charge(p.words * words(t.length));
  const isStr = typeof t === 'string';
  const code = (i: number): number => (isStr ? (t as string).charCodeAt(i) : (t as Uint8Array)[i]);
  const brk = (c: number): boolean => (isStr ? STR_BREAKS.has(c) : c === 0x0a || c === 0x0d);
  const parts: Text[] = [];
  const put = (s: number, e: number): void => {
    m.charge(p.items);
    m.mem += e - s;
    parts.push(t.slice(s, e));
  };
  let i = 0;
  const L = t.length;
  while (i < L) {
    const st = i;
    while (i < L && !brk(code(i))) i++;
    let eol = i;
    if (i < L) {
      i += code(i) === 0x0d && i + 1 < L && code(i + 1) === 0x0a ? 2 : 1;
      if (keep) eol = i;
    }
    put(st, eol);
  }
  m.capLen(parts.length, 'list');
  m.mem += seqBytes(parts.length);
  return parts;
};

export const CASE: Record<string, MImpl> = {
  capitalize: caseMethod('capitalize'),
  title: caseMethod('title'),
  swapcase: caseMethod('swapcase'),
  casefold: caseMethod('casefold'),
  istitle,
  splitlines,
};
