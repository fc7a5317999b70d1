// Argument checks shared by stdlib functions: exact Python-style TypeErrors.
import { VmError } from '../spec/errors.js';
import { typeName, type Value } from '../core/values.js';

export function needBytes(fn: string, param: string, v: Value): Uint8Array {
  if (v instanceof Uint8Array) return v;
  throw new VmError('TypeError', `${fn}() argument '${param}' must be bytes, not ${typeName(v)}`);
}

export function needInt(fn: string, param: string, v: Value): number | bigint {
  if (typeof v === 'number' || typeof v === 'bigint') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  throw new VmError('TypeError', `${fn}() argument '${param}' must be int, not ${typeName(v)}`);
}

const utf8 = new TextEncoder();
/** bytes, or str as UTF-8 (reasons, names). */
export function bytesOrStr(fn: string, param: string, v: Value): Uint8Array {
  if (v instanceof Uint8Array) return v;
  if (typeof v === 'string') return utf8.encode(v);
  throw new VmError('TypeError', `${fn}() argument '${param}' must be bytes or str, not ${typeName(v)}`);
}

export { words } from '../core/pricing.js';
