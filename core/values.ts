// Contract values as the interpreter holds them. Chosen for speed on the hot path:
//   int   -> number when it is a safe integer, else bigint (never a bigint in safe range,
//            so "is it small" is one typeof check and equal ints have equal representations)
//   bool  -> boolean      None -> null      bytes -> Uint8Array (never mutated)
//   str   -> string       list -> Value[]   tuple -> PyTuple      dict -> PyDict
import { VmError } from '../spec/errors.js';
import { DEFAULT_LIMITS } from '../spec/table.js';

/**
 * spec/LIMITS.md: how deep any walk over a value may nest (equality, ordering, keying, ...).
 * Counted by the walk itself, so the failure point is the same on every host, whatever its
 * native stack size or JIT state.
 */
export const MAX_VALUE_DEPTH: number = DEFAULT_LIMITS.max_value_depth;

/** The one error every depth-limited walk raises when it would go deeper than MAX_VALUE_DEPTH. */
export function tooDeep(what: string): VmError {
  return new VmError('RecursionError', `maximum nesting depth (${MAX_VALUE_DEPTH}) exceeded in ${what}`);
}

export type Value = number | bigint | boolean | null | Uint8Array | string | Value[] | PyTuple | PyDict;

export class PyTuple {
  constructor(readonly items: Value[]) {}
}

/** Insertion-ordered dict; keys are normalized so that Python-equal keys collide (1 == True). */
export class PyDict {
  readonly map = new Map<number | string, [Value, Value]>();
  get size(): number {
    return this.map.size;
  }
  get(k: Value): Value | undefined {
    const e = this.map.get(dictKey(k));
    return e === undefined ? undefined : e[1];
  }
  set(k: Value, v: Value): void {
    const hk = dictKey(k);
    const e = this.map.get(hk);
    if (e !== undefined) e[1] = v; // Python keeps the first key object and its position
    else this.map.set(hk, [k, v]);
  }
  has(k: Value): boolean {
    return this.map.has(dictKey(k));
  }
  delete(k: Value): boolean {
    return this.map.delete(dictKey(k));
  }
}

/** Normalize a bigint result: back to number when it fits. */
export function normBig(x: bigint): number | bigint {
  return x >= -9007199254740991n && x <= 9007199254740991n ? Number(x) : x;
}

export function isInt(v: Value): v is number | bigint | boolean {
  const t = typeof v;
  return t === 'number' || t === 'bigint' || t === 'boolean';
}

export function toBig(v: number | bigint | boolean): bigint {
  return typeof v === 'bigint' ? v : BigInt(v === true ? 1 : v === false ? 0 : v);
}

export function bytesToLatin1(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i += 8192) s += String.fromCharCode(...b.subarray(i, i + 8192));
  return s;
}

/** Map key for a hashable value. Numbers stay numbers (bool folds into 0/1). */
export function dictKey(k: Value, d = 0): number | string {
  switch (typeof k) {
    case 'number':
      return k;
    case 'boolean':
      return k ? 1 : 0;
    case 'bigint':
      return 'i' + k.toString();
    case 'string':
      return 's' + k;
    case 'object':
      if (k === null) return 'n';
      if (k instanceof Uint8Array) return 'b' + bytesToLatin1(k);
      if (k instanceof PyTuple) {
        if (k.items.length !== 0 && d >= MAX_VALUE_DEPTH) throw tooDeep('hashing');
        return 't' + k.items.map((x) => { const s = String(dictKey(x, d + 1)); return s.length + ':' + s; }).join('');
      }
  }
  throw new VmError('TypeError', `unhashable type: '${typeName(k)}'`);
}

export function typeName(v: Value): string {
  switch (typeof v) {
    case 'number':
    case 'bigint':
      return 'int';
    case 'boolean':
      return 'bool';
    case 'string':
      return 'str';
  }
  if (v === null) return 'NoneType';
  if (v instanceof Uint8Array) return 'bytes';
  if (Array.isArray(v)) return 'list';
  if (v instanceof PyTuple) return 'tuple';
  return 'dict';
}

export function bytesEq(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Python `==`. */
export function pyEq(a: Value, b: Value, d = 0): boolean {
  if (a === b) return true;
  const ta = typeof a;
  const tb = typeof b;
  if (ta === 'boolean' || tb === 'boolean') {
    if ((ta === 'boolean' || ta === 'number') && (tb === 'boolean' || tb === 'number')) return Number(a) === Number(b);
    return false;
  }
  if (ta !== 'object' || tb !== 'object' || a === null || b === null) return false;
  if (a instanceof Uint8Array) return b instanceof Uint8Array && bytesEq(a, b);
  if (Array.isArray(a)) return Array.isArray(b) && seqEq(a, b, d);
  if (a instanceof PyTuple) return b instanceof PyTuple && seqEq(a.items, b.items, d);
  if (a instanceof PyDict && b instanceof PyDict) {
    if (a.size !== b.size) return false;
    if (a.size !== 0 && d >= MAX_VALUE_DEPTH) throw tooDeep('comparison');
    for (const [hk, [, v]] of a.map) {
      const e = b.map.get(hk);
      if (e === undefined || !pyEq(v, e[1], d + 1)) return false;
    }
    return true;
  }
  return false;
}

function seqEq(a: Value[], b: Value[], d: number): boolean {
  if (a.length !== b.length) return false;
  if (a.length !== 0 && d >= MAX_VALUE_DEPTH) throw tooDeep('comparison');
  for (let i = 0; i < a.length; i++) if (!pyEq(a[i], b[i], d + 1)) return false;
  return true;
}

/** Python truthiness. */
export function truthy(v: Value): boolean {
  switch (typeof v) {
    case 'boolean':
      return v;
    case 'number':
      return v !== 0;
    case 'bigint':
      return true; // normalized: a bigint is never 0
    case 'string':
      return v.length !== 0;
  }
  if (v === null) return false;
  if (v instanceof Uint8Array) return v.length !== 0;
  if (Array.isArray(v)) return v.length !== 0;
  if (v instanceof PyTuple) return v.items.length !== 0;
  return (v as PyDict).size !== 0;
}
