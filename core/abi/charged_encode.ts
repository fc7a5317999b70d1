// Encoding a contract's values, paid before the work: abi.encode, a function's result, the
// arguments of a cross-contract call. A value may be small in memory and huge encoded (one
// list referenced 65,536 times, one 1 MiB bytes in every item), so neither the walk that
// counts its values nor the encoder may run past what the call can pay for.
import { VmError } from '../../spec/errors.js';
import type { Machine } from '../machine.js';
import { countValueItems, encodeArgs, OutputTooLong, type AbiOptions } from './codec.js';
import type { TypeRef } from './types.js';

export interface EncodePrices {
  /** per value encoded (each scalar, list and tuple, nested ones included) */
  item: number;
  /** per 32 bytes of output */
  word: number;
  /** values and words the caller's base price already covers */
  freeItems?: number;
  freeWords?: number;
}

/**
 * The tuple encoding of `values` as `types`, charged to `m` in three steps:
 * 1. `item` per value past `freeItems`, counted before any is encoded; the count stops
 *    once it passes what the gas left can pay, and the charge is then an out-of-gas;
 * 2. the encoder stops at `cap` bytes (MemoryError) and at the bytes the gas left can pay
 *    for at `word` per 32 (out of gas), so it never writes what nobody pays for;
 * 3. `word` per 32 bytes of output past `freeWords`.
 */
export function encodeCharged(m: Machine, types: readonly TypeRef[], values: readonly unknown[], opts: AbiOptions, cap: number, p: EncodePrices): Uint8Array {
  const freeItems = p.freeItems ?? 0;
  const freeWords = p.freeWords ?? 0;
  const gasLeft = Math.max(0, m.gas);
  const canItems = p.item > 0 ? Math.floor(gasLeft / p.item) + freeItems : Infinity;
  const items = countValueItems(types, values as never, canItems);
  if (items > freeItems) m.charge(p.item * (items - freeItems));
  const canBytes = p.word > 0 ? (Math.floor(Math.max(0, m.gas) / p.word) + freeWords) * 32 : Infinity;
  const bound = Math.min(cap, canBytes);
  let out: Uint8Array;
  try {
    out = encodeArgs(types, values as never, { ...opts, maxOutputBytes: bound });
  } catch (e) {
    if (!(e instanceof OutputTooLong)) throw e;
    // the gas left cannot pay for the output: out of gas, as if charged first
    if (bound < cap) m.charge(m.gas + 1);
    throw new VmError('MemoryError', `the encoded value is longer than the limit of ${cap} bytes`);
  }
  const w = (out.length + 31) >>> 5;
  if (w > freeWords) m.charge(p.word * (w - freeWords));
  return out;
}
