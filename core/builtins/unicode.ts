// Unicode character classes and case mappings of CPython 3.11 (Unicode 14.0) from fixed
// generated tables: what str.isalpha() or str.lower() computes must not depend on the host's
// ICU version (spec/DETERMINISM.md), so the JS engine's Unicode support is never asked.
import * as U from './unicode.generated.js';

export function inRanges(t: Uint32Array, cp: number): boolean {
  let lo = 0;
  let hi = (t.length >>> 1) - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (cp < t[2 * mid]) hi = mid - 1;
    else if (cp > t[2 * mid + 1]) lo = mid + 1;
    else return true;
  }
  return false;
}

export const isAlpha = (cp: number): boolean => inRanges(U.ALPHA, cp);
export const isDecimal = (cp: number): boolean => inRanges(U.DECIMAL, cp);
export const isDigit = (cp: number): boolean => inRanges(U.DIGIT, cp);
export const isNumeric = (cp: number): boolean => inRanges(U.NUMERIC, cp);
export const isLower = (cp: number): boolean => inRanges(U.LOWER, cp);
export const isUpper = (cp: number): boolean => inRanges(U.UPPER, cp);
export const isTitle = (cp: number): boolean => inRanges(U.TITLE, cp);
export const isSpace = (cp: number): boolean => inRanges(U.SPACE, cp);
export const isPrintable = (cp: number): boolean => inRanges(U.PRINTABLE, cp);
const isCased = (cp: number): boolean => inRanges(U.CASED, cp);
const isCaseIgnorable = (cp: number): boolean => inRanges(U.CASE_IGNORABLE, cp);

function table(keys: Uint32Array, values: string): Map<number, string> {
  const vs = values.split('\0');
  const out = new Map<number, string>();
  keys.forEach((k, i) => out.set(k, vs[i]));
  return out;
}
let lowerMap: Map<number, string> | null = null;
let upperMap: Map<number, string> | null = null;

/** str.lower(), including CPython's final-sigma rule for U+03A3. */
export function lower(cps: number[]): string {
  lowerMap ??= table(U.LOWER_MAP_KEYS, U.LOWER_MAP_VALUES);
  let out = '';
  for (let i = 0; i < cps.length; i++) {
    const c = cps[i];
    if (c < 0x80) out += c >= 65 && c <= 90 ? String.fromCharCode(c + 32) : String.fromCharCode(c);
    else if (c === 0x3a3) out += finalSigma(cps, i) ? '\u03c2' : '\u03c3';
    else out += lowerMap.get(c) ?? String.fromCodePoint(c);
  }
  return out;
}

export function finalSigma(cps: number[], i: number): boolean {
  let j = i - 1;
  while (j >= 0 && isCaseIgnorable(cps[j])) j--;
  if (!(j >= 0 && isCased(cps[j]))) return false;
  j = i + 1;
  while (j < cps.length && isCaseIgnorable(cps[j])) j++;
  return !(j < cps.length && isCased(cps[j]));
}

export function upper(cps: number[]): string {
  upperMap ??= table(U.UPPER_MAP_KEYS, U.UPPER_MAP_VALUES);
  let out = '';
  for (const c of cps) {
    if (c < 0x80) out += c >= 97 && c <= 122 ? String.fromCharCode(c - 32) : String.fromCharCode(c);
    else out += upperMap.get(c) ?? String.fromCodePoint(c);
  }
  return out;
}

/** Code points of a str (a lone surrogate is one code point, as in CPython). */
export function codePointsOf(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        out.push(((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000);
        i++;
        continue;
      }
    }
    out.push(c);
  }
  return out;
}
