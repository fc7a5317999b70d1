// Helpers shared by the builtin and method implementations: argument checks with CPython's
// TypeError wording, integer coercion, size units for gas, and str code-point views.
import { VmError } from '../../spec/errors.js';
import { codePoints } from '../containers.js';
import { PyDict, PyDictView, PyTuple, typeName, type Value } from '../values.js';

export { words } from '../pricing.js';

export function arity(name: string, n: number, min: number, max: number): void {
  if (n < min || n > max) {
    const want = min === max ? `exactly ${min}` : n < min ? `at least ${min}` : `at most ${max}`;
    throw new VmError('TypeError', `${name}() takes ${want} argument${(n < min ? min : max) === 1 ? '' : 's'} (${n} given)`);
  }
}

export type Int = number | bigint;

/** An int argument (bool counts, as in Python); TypeError naming the function otherwise. */
export function intArg(v: Value, what: string): Int {
  if (typeof v === 'number' || typeof v === 'bigint') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  throw new VmError('TypeError', `${what}: '${typeName(v)}' object cannot be interpreted as an integer`);
}

/** An int used as a size or index: huge values clamp to +-Infinity (always out of range). */
export function smallInt(v: Int): number {
  if (typeof v === 'number') return v;
  return v < 0n ? -Infinity : Infinity;
}

export function isIntValue(v: Value): v is number | bigint | boolean {
  const t = typeof v;
  return t === 'number' || t === 'bigint' || t === 'boolean';
}

/** Number of items iterating `v` yields (for gas before materializing); -1 if not iterable. */
export function iterLen(v: Value): number {
  if (Array.isArray(v)) return v.length;
  if (v instanceof PyTuple) return v.items.length;
  if (v instanceof Uint8Array) return v.length;
  if (typeof v === 'string') return v.length;
  if (v instanceof PyDict) return v.size;
  if (v instanceof PyDictView) return v.dict.size;
  return -1;
}

export function notIterable(v: Value): never {
  throw new VmError('TypeError', `'${typeName(v)}' object is not iterable`);
}

/** A str as an array of code points (one JS string each). */
export function chars(s: string): string[] {
  return codePoints(s) ?? s.split('');
}

/** Python's str.isspace() set for the characters strip() removes by default. */
const PY_SPACE = new Set([
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008,
  0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
]);
export function isPySpace(cp: number): boolean {
  return PY_SPACE.has(cp);
}
/** bytes.strip() default: ASCII whitespace. */
export function isAsciiSpace(b: number): boolean {
  return b === 0x20 || (b >= 0x09 && b <= 0x0d);
}

/** Python's codec name normalization, restricted to the codecs contracts get. */
export function codec(enc: Value, what: string): 'utf-8' | 'ascii' {
  if (typeof enc !== 'string') throw new VmError('TypeError', `${what}() argument 'encoding' must be str, not ${typeName(enc)}`);
  // the spellings contracts use (and the compiler's default) without the two regex passes
  if (enc === 'utf-8') return 'utf-8';
  if (enc === 'ascii') return 'ascii';
  // ASCII-only case folding: String.prototype.toLowerCase depends on the host's Unicode tables
  const n = enc.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32)).replace(/[-_ ]/g, '');
  if (n === 'utf8') return 'utf-8';
  if (n === 'ascii' || n === 'usascii') return 'ascii';
  throw new VmError('LookupError', `unknown encoding: ${enc} (contracts support utf-8 and ascii)`);
}

/** An `errors=` argument: a str (its handler is looked up at the first decoding error, as CPython). */
export function errorsArg(errors: Value, what: string): string {
  if (typeof errors !== 'string') throw new VmError('TypeError', `${what}() argument 'errors' must be str, not ${typeName(errors)}`);
  return errors;
}

export function strictErrors(errors: Value, what: string): void {
  if (typeof errors !== 'string') throw new VmError('TypeError', `${what}() argument 'errors' must be str, not ${typeName(errors)}`);
  if (errors !== 'strict') throw new VmError('LookupError', `error handler '${errors}' is not supported (only 'strict')`);
}
