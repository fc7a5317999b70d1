// str.capitalize() title() swapcase() casefold() as CPython 3.11 computes them, from the fixed
// tables of unicode.generated.ts (full mappings: "ß".title() == "Ss", "ǆ".capitalize() == "ǅ";
// a capital sigma lowers by the final-sigma rule, as in lower()).
import * as U from './unicode.generated.js';
import { finalSigma, inRanges, isLower, isUpper } from './unicode.js';

function table(keys: Uint32Array, values: string): Map<number, string> {
  const vs = values.split('\0');
  const out = new Map<number, string>();
  keys.forEach((k, i) => out.set(k, vs[i]));
  return out;
}
const maps: Partial<Record<'lower' | 'upper' | 'title' | 'fold', Map<number, string>>> = {};
function map(which: 'lower' | 'upper' | 'title' | 'fold'): Map<number, string> {
  // the built table first: this runs once per code point (the key/value objects below were
  // made on every call, a third of title()'s time)
  const built = maps[which];
  if (built !== undefined) return built;
  const keys = { lower: U.LOWER_MAP_KEYS, upper: U.UPPER_MAP_KEYS, title: U.TITLE_MAP_KEYS, fold: U.FOLD_MAP_KEYS }[which];
  const vals = { lower: U.LOWER_MAP_VALUES, upper: U.UPPER_MAP_VALUES, title: U.TITLE_MAP_VALUES, fold: U.FOLD_MAP_VALUES }[which];
  return (maps[which] ??= table(keys, vals));
}

/** ASCII: a letter maps to the other case by one bit; nothing else in ASCII has a mapping. */
function asciiCase(which: 'lower' | 'upper' | 'title' | 'fold', c: number): string {
  if (which === 'lower' || which === 'fold') return String.fromCharCode(c >= 65 && c <= 90 ? c + 32 : c);
  return String.fromCharCode(c >= 97 && c <= 122 ? c - 32 : c);
}
const through = (which: 'lower' | 'upper' | 'title' | 'fold', c: number): string =>
  c < 128 ? asciiCase(which, c) : (map(which).get(c) ?? String.fromCodePoint(c));
const lowerAt = (cps: number[], i: number): string => (cps[i] === 0x3a3 ? (finalSigma(cps, i) ? '\u03c2' : '\u03c3') : through('lower', cps[i]));
const isCased = (c: number): boolean => (c < 128 ? (c | 32) >= 97 && (c | 32) <= 122 : inRanges(U.CASED, c));

export function capitalize(cps: number[]): string {
  let out = cps.length ? through('title', cps[0]) : '';
  for (let i = 1; i < cps.length; i++) out += lowerAt(cps, i);
  return out;
}

export function title(cps: number[]): string {
  let out = '';
  let prevCased = false;
  for (let i = 0; i < cps.length; i++) {
    out += prevCased ? lowerAt(cps, i) : through('title', cps[i]);
    prevCased = isCased(cps[i]);
  }
  return out;
}

export function swapcase(cps: number[]): string {
  let out = '';
  for (let i = 0; i < cps.length; i++) {
    const c = cps[i];
    out += isUpper(c) ? lowerAt(cps, i) : isLower(c) ? through('upper', c) : String.fromCodePoint(c);
  }
  return out;
}

export function casefold(cps: number[]): string {
  let out = '';
  for (const c of cps) out += through('fold', c);
  return out;
}

/** istitle(): cased runs start with an upper or title-case code point, and there is one. */
export function istitle(cps: number[]): boolean {
  let cased = false;
  let prevCased = false;
  for (const c of cps) {
    if (isUpper(c) || inRanges(U.TITLE, c)) {
      if (prevCased) return false;
      prevCased = true;
      cased = true;
    } else if (isLower(c)) {
      if (!prevCased) return false;
      prevCased = true;
      cased = true;
    } else prevCased = false;
  }
  return cased;
}
