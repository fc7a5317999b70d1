// The id-indexed dispatch tables behind CALL_BUILTIN and CALL_METHOD: each entry charges the
// gas table's `base` and hands the implementation its entry's `dynamic` prices, which it
// charges per measure (core/pricing.ts) before the work. A priced name with
// no implementation fails at load (tests/gas_table.test.ts keeps the two sets equal).
import type { CallableInfo, Prices } from '../spec/table.js';
import type { Machine } from './machine.js';
import type { Value } from './values.js';

/** An implementation: arguments a[b ..], argc n, its table entry's prices per measure. */
export type PricedImpl = (m: Machine, a: Value[], b: number, n: number, p: Prices) => Value;
export type Dispatch = (m: Machine, a: Value[], base: number, argc: number) => Value;

export function pricedTable(kind: string, table: readonly CallableInfo[], impls: Readonly<Record<string, PricedImpl>>): Dispatch[] {
  const out: Dispatch[] = [];
  for (const entry of table) {
    const impl = impls[entry.name];
    if (!impl) throw new Error(`${kind} ${entry.name} is priced in the gas table but has no implementation`);
    const { base, dynamic } = entry;
    out[entry.id] = (m, a, at, n) => {
      m.charge(base);
      return impl(m, a, at, n, dynamic);
    };
  }
  return out;
}
