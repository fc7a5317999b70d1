// Builtin functions (CALL_BUILTIN), indexed by the id the gas table assigns to each name.
// Arguments are a[base .. base+argc); the compiler has already filled in defaults for the
// builtins that take keywords (see compiler/lower.ts CALL_SIGS). Gas: the wrapper charges
// the table's `base`; each implementation charges `per_item` times the items (or 32-byte
// words of bytes/str) it touches before doing the work.
import { BUILTINS } from '../spec/table.js';
import { CONVERT, type Impl } from './builtins/convert.js';
import { ITERABLES } from './builtins/iterables.js';
import { NUMERIC } from './builtins/numeric.js';
import type { Machine } from './machine.js';
import type { Value } from './values.js';

export { arity } from './builtins/util.js';

export type BuiltinImpl = (m: Machine, a: Value[], base: number, argc: number) => Value;

const IMPLS: Record<string, Impl> = { ...CONVERT, ...NUMERIC, ...ITERABLES };

export const BUILTIN_NAMES_IMPLEMENTED: ReadonlySet<string> = new Set(Object.keys(IMPLS));

export const BUILTIN_IMPLS: BuiltinImpl[] = (() => {
  const out: BuiltinImpl[] = [];
  for (const b of BUILTINS) {
    const impl = IMPLS[b.name];
    const base = b.base;
    const per = b.perItem;
    // the gas table test keeps priced == implemented; a gap is a build error, not a stub
    if (!impl) throw new Error(`builtin ${b.name} is priced in the gas table but has no implementation`);
    out[b.id] = (m, a, at, n) => {
      m.charge(base);
      return impl(m, a, at, n, per);
    };
  }
  return out;
})();
