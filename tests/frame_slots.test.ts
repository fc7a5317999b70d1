// A private call pays CALL's `items` per local slot of its callee past FRAME_FREE_SLOTS: the
// frame's locals start unbound, so entering a frame of 900 locals is 900 writes (it ran at
// ~17x the arithmetic baseline's ns/gas for a flat G_CALL). Both engines charge it after the
// depth and stack checks, before the callee's first instruction; the estimator bounds it.
import { describe, expect, test } from 'vitest';
import { compileSource } from '../compiler/index.js';
import { estimateGas } from '../compiler/gas_estimate.js';
import { loadModule } from '../core/load.js';
import { frameSlots } from '../core/pricing.js';
import { CONSTANTS, Op, OP_BY_CODE } from '../spec/table.js';
import { compiledCount, gasLimits, runIn } from './helpers/engines.js';

/** `_wN(x)`: N locals assigned only when x == 12345, so every call runs the same instructions. */
const wide = (n: number): string =>
  `def _w${n}(x: int) -> int:\n    if x == 12345:\n${Array.from({ length: n }, (_, i) => `        v${i} = ${i}`).join('\n')}\n        return v0\n    return x + 1\n`;
const caller = (n: number): string => `def calls${n}(r: int) -> int:\n    t = 0\n    for i in range(r):\n        t = t + _w${n}(i)\n    return t\n`;
const SIZES = [20, 40, 90, 900];
const once = (n: number): string => `def once${n}() -> int:\n    return _w${n}(5)\n`;
const SRC = SIZES.map((n) => wide(n) + caller(n) + once(n)).join('\n');
const compiled = compileSource(SRC, { file: 'frames.py' });
const mod = loadModule(compiled.module);
const fi = (name: string) => mod.funcs.findIndex((f) => f.name === name);
const nlocals = (n: number) => mod.funcs[fi(`_w${n}`)].nlocals;
const ITEM = OP_BY_CODE[Op.CALL]!.dynamic.items;
const gas = (mode: 'interp' | 'jit', n: number, r: number) => {
  const o = runIn(mode, mod, fi(`calls${n}`), [r], 1e9);
  expect(o.status).toBe('ok');
  return 1e9 - o.gasLeft;
};

describe('CALL items: the callee frame past FRAME_FREE_SLOTS', () => {
  test('the table prices it', () => {
    expect(ITEM).toBeGreaterThan(0);
    expect(CONSTANTS.FRAME_FREE_SLOTS).toBeGreaterThan(0);
    expect(nlocals(20)).toBeLessThanOrEqual(CONSTANTS.FRAME_FREE_SLOTS);
    expect(nlocals(40)).toBeGreaterThan(CONSTANTS.FRAME_FREE_SLOTS);
  });

  for (const mode of ['interp', 'jit'] as const)
    test(`${mode}: a call moves gas by items per slot past the free ones, and nothing else does`, () => {
      for (const r of [1, 7]) {
        // the same instructions run: the only difference is the callee's frame
        expect(gas(mode, 40, r) - gas(mode, 20, r)).toBe(r * ITEM * frameSlots(nlocals(40)));
        expect(gas(mode, 900, r) - gas(mode, 90, r)).toBe(r * ITEM * (frameSlots(nlocals(900)) - frameSlots(nlocals(90))));
      }
      // r more calls: r more frames
      expect(gas(mode, 900, 8) - gas(mode, 900, 3) - (gas(mode, 20, 8) - gas(mode, 20, 3))).toBe(5 * ITEM * frameSlots(nlocals(900)));
    });

  test('both engines agree at every gas limit around the frame charge (OOG at the call, same gas)', () => {
    expect(compiledCount(mod).compiled).toBeGreaterThan(0);
    for (const n of [40, 900]) {
      const full = gas('interp', n, 3);
      for (const g of gasLimits(full, 3000, 300)) {
        const a = runIn('interp', mod, fi(`calls${n}`), [3], g);
        expect(runIn('jit', mod, fi(`calls${n}`), [3], g), `calls${n} at gas ${g}`).toEqual(a);
      }
    }
  });

  test('the static bound covers it', () => {
    const bounds = estimateGas(compiled.module).functions;
    for (const n of SIZES) {
      const b = bounds.get(`once${n}`);
      expect(typeof b, `once${n}: ${b}`).toBe('number');
      // the bound is of the body (the entry price is the caller's): as a bare machine measures it
      expect(b as number).toBeGreaterThanOrEqual(1e9 - runIn('interp', mod, fi(`once${n}`), [], 1e9).gasLeft);
    }
  });
});
