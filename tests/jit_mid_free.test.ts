// The tier's big-int shortcuts (core/jit/runtime.ts addFree ... divFree) against arith_mid's
// midOp, which the interpreter runs: wherever a shortcut answers, midOp gives the same value
// and charges no limb gas; operands at the edges (2^53, 2^255, 2^256, 2^512, signs, 0) and
// random ones in between.
import { describe, expect, test } from 'vitest';
import { rng } from './helpers/rng.js';
import { midOp } from '../core/arith_mid.js';
import { HELPERS } from '../core/jit/runtime.js';
import type { Machine } from '../core/machine.js';
import type { Value } from '../core/values.js';
import { normBig } from '../core/values.js';
import { Op } from '../spec/table.js';

const EDGES: bigint[] = [];
for (const k of [0, 1, 52, 53, 54, 61, 63, 64, 127, 128, 254, 255, 256, 257, 511, 512, 513]) {
  const p = 1n << BigInt(k);
  for (const d of [-2n, -1n, 0n, 1n, 2n]) EDGES.push(p + d, -(p + d));
}

/** a value as the VM holds it: a number when safe, else a bigint; sometimes a bool */
const asValue = (x: bigint): Value => normBig(x);

describe('tier big-int shortcuts agree with midOp', () => {
  test('edges and random operands', () => {
    const r = rng(7);
    const rand = (): bigint => {
      const bits = Math.floor(r() * 300);
      let x = 0n;
      for (let i = 0; i < bits; i += 30) x = (x << 30n) | BigInt(Math.floor(r() * 2 ** 30));
      return r() < 0.5 ? -x : x;
    };
    const xs: Value[] = [...EDGES.map(asValue), true, false];
    for (let i = 0; i < 80; i++) xs.push(asValue(rand()));
    const m = { midCharge: -1, lastDiv: -1n, lastShift: -1, lastShiftBig: 0n } as unknown as Machine;
    const cases: [number, (a: Value, b: Value) => Value | undefined][] = [
      [Op.ADD, HELPERS.addFree],
      [Op.SUB, HELPERS.subFree],
      [Op.MUL, HELPERS.mulFree],
      [Op.MOD, HELPERS.modFree],
      [Op.FLOORDIV, HELPERS.divFree],
    ];
    let answered = 0;
    const wrong: string[] = [];
    for (const [op, free] of cases) {
      for (const a of xs) {
        for (const b of xs) {
          const got = free(a, b);
          if (got === undefined) continue;
          answered++;
          m.midCharge = -1;
          const want = midOp(m, op, a, b);
          if (want !== got || m.midCharge !== 0) wrong.push(`op ${op}: ${a} ${b}: ${String(got)} vs midOp ${String(want)} charging ${m.midCharge}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(answered).toBeGreaterThan(20_000);
  });
});
