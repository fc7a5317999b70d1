// Size-dependent gas from the table. Every entry's cost is base + sum(price[m] * m) over the
// measures its `dynamic` formula names (spec/opcodes_vm_py.yaml `measures`, spec/GAS.md §4).
// A handler computes its measures from the operands and charges them through here, before
// the work, with the prices of its own table entry: no handler holds a price of its own.
import { CONSTANTS, MEASURES, Op, OPCODES, type Measure, type Prices } from '../spec/table.js';
import type { Machine } from './machine.js';

/** The `words` measure of n bytes (or str code units): ceil(n / 32). */
export function words(n: number): number {
  return Math.ceil(n / 32);
}

/** The `items` measure of a private call (CALL): the callee's local slots past FRAME_FREE_SLOTS, set unbound on entry. */
export function frameSlots(nlocals: number): number {
  const free = CONSTANTS.FRAME_FREE_SLOTS;
  return nlocals > free ? nlocals - free : 0;
}

/** The `limbs` measure of big-int work `bits` wide: 64-bit limbs beyond the first four. */
export function limbsOver(bits: number): number {
  const l = Math.ceil(bits / 64);
  return l > 4 ? l - 4 : 0;
}

/** Per measure, each opcode's price per unit, indexed by opcode number. */
export const OP_PRICE: Readonly<Record<Measure, Int32Array>> = (() => {
  const out = Object.fromEntries(MEASURES.map((k) => [k, new Int32Array(256)])) as Record<Measure, Int32Array>;
  for (const o of OPCODES) for (const k of o.measures) out[k][o.code] = o.dynamic[k];
  return out;
})();

/** The prices of opcode `op`'s formula. */
export function opPrices(op: Op): Prices {
  return OPCODES.find((o) => o.code === op)!.dynamic;
}

/** Charge `amount` units of `measure` at the price `p` gives it, before the work it pays for. */
export function charge(m: Machine, p: Prices, measure: Measure, amount: number): void {
  m.charge(p[measure] * amount);
}
