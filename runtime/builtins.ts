// Builtin functions (CALL_BUILTIN), indexed by the id the gas table assigns to each name.
// Arguments are a[base .. base+argc); the compiler has already filled in defaults for the
// builtins that take keywords (see compiler/lower.ts CALL_SIGS).
import { VmError } from '../spec/errors.js';
import { BUILTINS } from '../spec/table.js';
import type { Machine } from './machine.js';
import { strLen } from './containers.js';
import { PyDict, PyTuple, typeName, type Value } from './values.js';

export type BuiltinImpl = (m: Machine, a: Value[], base: number, argc: number) => Value;

const IMPLS: Record<string, BuiltinImpl> = {
  len(m, a, b, n) {
    arity('len', n, 1, 1);
    const v = a[b];
    if (typeof v === 'string') return strLen(v);
    if (v instanceof Uint8Array || Array.isArray(v)) return v.length;
    if (v instanceof PyTuple) return v.items.length;
    if (v instanceof PyDict) return v.size;
    throw new VmError('TypeError', `object of type '${typeName(v)}' has no len()`);
  },
};

export function arity(name: string, n: number, min: number, max: number): void {
  if (n < min || n > max) {
    const want = min === max ? `exactly ${min}` : n < min ? `at least ${min}` : `at most ${max}`;
    throw new VmError('TypeError', `${name}() takes ${want} argument${(n < min ? min : max) === 1 ? '' : 's'} (${n} given)`);
  }
}

export const BUILTIN_NAMES_IMPLEMENTED: ReadonlySet<string> = new Set(Object.keys(IMPLS));

export const BUILTIN_IMPLS: BuiltinImpl[] = (() => {
  const out: BuiltinImpl[] = [];
  for (const b of BUILTINS) {
    out[b.id] = IMPLS[b.name] ?? (() => {
      throw new VmError('NotImplementedError', `builtin ${b.name} is not implemented`);
    });
  }
  return out;
})();
