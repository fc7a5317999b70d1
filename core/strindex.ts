// Code-point positions in a str held as a JS (UTF-16) string. A string with no surrogate
// pair is indexed natively (its UTF-16 offsets are its code-point indexes); V8 answers the
// surrogate test in O(1) for a one-byte string. For one that holds astral characters we keep
// the UTF-16 offsets of those characters (sorted), so len, s[i], slicing and search map
// positions in O(log k) instead of splitting the string into an array of code points. A str
// cannot carry the index itself, so a few recent ones are remembered by identity; the cache
// changes speed only, never a result or gas.

const SURROGATE = /[\ud800-\udfff]/;
const NONE = new Int32Array(0);

const cacheStr: string[] = ['', '', '', '', '', '', '', ''];
const cacheIdx: Int32Array[] = [NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE];
let next = 0;

/** UTF-16 offsets of the astral characters of s (a high surrogate followed by a low one); empty when none. */
export function astralIndex(s: string): Int32Array {
  const n = s.length;
  if (n < 2) return NONE;
  // short strs are scanned every time (cheap); long ones are remembered, found or not
  // the native search finds the first surrogate (for a one-byte string at once); the loop
  // starts there
  if (n < 256) {
    const f = s.search(SURROGATE);
    return f < 0 ? NONE : scan(s, f);
  }
  for (let i = 0; i < 8; i++) {
    if (cacheStr[i] === s) {
      // `===` also holds for an equal str that is another object (the same text built again,
      // e.g. by the next call), after comparing every char: keep the object just looked up,
      // so the following lookups of it are one pointer compare
      cacheStr[i] = s;
      return cacheIdx[i];
    }
  }
  const f = s.search(SURROGATE);
  const idx = f < 0 ? NONE : scan(s, f);
  cacheStr[next] = s;
  cacheIdx[next] = idx;
  next = (next + 1) & 7;
  return idx;
}

function scan(s: string, from: number): Int32Array {
  const out: number[] = [];
  for (let i = from; i + 1 < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        out.push(i);
        i++;
      }
    }
  }
  return out.length === 0 ? NONE : Int32Array.from(out);
}

/** Number of code points. */
export function cpLen(s: string, ax: Int32Array = astralIndex(s)): number {
  return s.length - ax.length;
}

/** UTF-16 offset of code point i (0 <= i <= cpLen). */
export function cpToUnit(ax: Int32Array, i: number): number {
  // astral k sits at code point ax[k] - k; count those before code point i
  let lo = 0;
  let hi = ax.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ax[mid] - mid < i) lo = mid + 1;
    else hi = mid;
  }
  return i + lo;
}

/** Code-point index of UTF-16 offset u (u on a code-point boundary). */
export function unitToCp(ax: Int32Array, u: number): number {
  let lo = 0;
  let hi = ax.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ax[mid] < u) lo = mid + 1;
    else hi = mid;
  }
  return u - lo;
}

/** Code point i of s as a str (0 <= i < cpLen). */
export function cpAt(s: string, ax: Int32Array, i: number): string {
  if (ax.length === 0) return s[i];
  const u = cpToUnit(ax, i);
  const c = s.charCodeAt(u);
  if (c >= 0xd800 && c <= 0xdbff && u + 1 < s.length) {
    const d = s.charCodeAt(u + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return s.slice(u, u + 2);
  }
  return s[u];
}

/** s[a:b] by code points (0 <= a <= b <= cpLen). */
export function cpSlice(s: string, ax: Int32Array, a: number, b: number): string {
  if (ax.length === 0) return s.slice(a, b);
  return s.slice(cpToUnit(ax, a), cpToUnit(ax, b));
}

/**
 * First code-point index >= from of needle in s[..to) (code points), or -1. V8's indexOf is
 * a Boyer-Moore search, linear for a first occurrence. A match must start on a code-point
 * boundary: an astral needle half cannot match inside a pair, because the needle is whole
 * code points too (a lone surrogate in the needle is never paired in s, see astralIndex).
 */
export function strFind(s: string, needle: string, from: number, to: number): number {
  const ax = astralIndex(s);
  const nl = cpLen(needle);
  if (from > to || to - from < nl) return -1;
  if (ax.length === 0) {
    const r = s.indexOf(needle, from);
    return r >= 0 && r + needle.length <= to ? r : -1;
  }
  const uFrom = cpToUnit(ax, from);
  const uTo = cpToUnit(ax, to);
  let u = s.indexOf(needle, uFrom);
  // a hit that starts on the low half of a pair is not a code-point match; look further
  while (u >= 0 && u > 0 && isLowOfPair(s, u)) u = s.indexOf(needle, u + 1);
  return u >= 0 && u + needle.length <= uTo ? unitToCp(ax, u) : -1;
}

function isLowOfPair(s: string, u: number): boolean {
  const c = s.charCodeAt(u);
  if (c < 0xdc00 || c > 0xdfff) return false;
  const p = s.charCodeAt(u - 1);
  return p >= 0xd800 && p <= 0xdbff;
}

// One-code-point strs, made once per process: V8 shares only the one-byte ones, so splitting
// a CJK or astral str allocated a new string per character. The cache changes speed only.
const BMP_CHARS: (string | undefined)[] = new Array(0x10000);
const ASTRAL_CHARS = new Map<number, string>();
const ASTRAL_CACHE_MAX = 1 << 16;

/** The code points of s, one str each (a lone surrogate is one code point, as in CPython). */
export function strChars(s: string): string[] {
  const n = s.length;
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        const cp = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
        let ch = ASTRAL_CHARS.get(cp);
        if (ch === undefined) {
          ch = s.slice(i, i + 2);
          if (ASTRAL_CHARS.size < ASTRAL_CACHE_MAX) ASTRAL_CHARS.set(cp, ch);
        }
        out.push(ch);
        i++;
        continue;
      }
    }
    out.push(BMP_CHARS[c] ?? (BMP_CHARS[c] = String.fromCharCode(c)));
  }
  return out;
}
