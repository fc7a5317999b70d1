// Unicode class bits of a code point (CPython 3.11's tables, builtins/unicode.generated.ts)
// looked up in O(1): the str is*() tests read one byte per code point instead of binary
// searching up to four range tables per character. Pages of 256 code points are filled on
// first use from the range tables by walking the ranges that overlap the page (a few
// microseconds each, at most 4,352 pages per process), so the answer is the tables' and the
// cache changes speed only, never a result or gas.
import * as U from './unicode.generated.js';

export const ALPHA = 1;
export const DECIMAL = 2;
export const DIGIT = 4;
export const NUMERIC = 8;
export const LOWER = 16;
export const UPPER = 32;
export const TITLE = 64;
export const SPACE = 128;

const TABLES: [Uint32Array, number][] = [
  [U.ALPHA, ALPHA],
  [U.DECIMAL, DECIMAL],
  [U.DIGIT, DIGIT],
  [U.NUMERIC, NUMERIC],
  [U.LOWER, LOWER],
  [U.UPPER, UPPER],
  [U.TITLE, TITLE],
  [U.SPACE, SPACE],
];

const pages: (Uint8Array | undefined)[] = new Array(0x110000 >>> 8);

/** First range index of t whose end is >= cp. */
function firstRange(t: Uint32Array, cp: number): number {
  let lo = 0;
  let hi = t.length >>> 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (t[2 * mid + 1] < cp) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function build(pg: number): Uint8Array {
  const out = new Uint8Array(256);
  const start = pg << 8;
  const end = start + 255;
  for (const [t, bit] of TABLES) {
    for (let r = firstRange(t, start); r < t.length >>> 1 && t[2 * r] <= end; r++) {
      const lo = Math.max(t[2 * r], start) - start;
      const hi = Math.min(t[2 * r + 1], end) - start;
      for (let i = lo; i <= hi; i++) out[i] |= bit;
    }
  }
  pages[pg] = out;
  return out;
}

/** The class bits of code point cp (0 <= cp <= 0x10ffff). */
export function classBits(cp: number): number {
  const pg = cp >>> 8;
  return (pages[pg] ?? build(pg))[cp & 255];
}

/** bytes' classes, as CPython's bytes methods: ASCII only. */
export const BYTE_BITS: Uint8Array = (() => {
  const out = new Uint8Array(256);
  for (let c = 0; c < 128; c++) {
    if (c >= 65 && c <= 90) out[c] |= ALPHA | UPPER;
    if (c >= 97 && c <= 122) out[c] |= ALPHA | LOWER;
    if (c >= 48 && c <= 57) out[c] |= DECIMAL | DIGIT | NUMERIC;
    if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) out[c] |= SPACE;
  }
  return out;
})();
