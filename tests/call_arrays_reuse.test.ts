// The operand stack and frame arrays of a call are reused by the next call (core/machine.ts
// pool). What a reused set still holds must never show: a deep call that fails, then
// shallower and deeper ones, each gives the receipt (result, gas, traceback) that a fresh
// process would give for it alone.
import { describe, expect, test } from 'vitest';
import { compileSource } from '../compiler/index.js';
import { encodeArgs } from '../core/abi/codec.js';
import { defaultBlock, defaultTx } from '../core/context.js';
import { loadModule, type LoadedModule } from '../core/load.js';
import { executeCall, type Receipt } from '../node/execute.js';
import { MemoryState } from '../node/state.js';

// no recursion in contracts: a chain of functions, entered as deep as k
const SRC = [
  'def _d0(k: int, fail: int) -> int:\n    if k == 0:\n        return 10 // fail\n    return _d1(k, fail) + 0\n',
  'def _d1(k: int, fail: int) -> int:\n    if k == 1:\n        return 10 // fail\n    return _d2(k, fail) + 1\n',
  'def _d2(k: int, fail: int) -> int:\n    if k == 2:\n        return 10 // fail\n    return _d3(k, fail) + 2\n',
  'def _d3(k: int, fail: int) -> int:\n    if k == 3:\n        return 10 // fail\n    return _d4(k, fail) + 3\n',
  'def _d4(k: int, fail: int) -> int:\n    if k == 4:\n        return 10 // fail\n    return _d5(k, fail) + 4\n',
  'def _d5(k: int, fail: int) -> int:\n    if k == 5:\n        return 10 // fail\n    return _d6(k, fail) + 5\n',
  'def _d6(k: int, fail: int) -> int:\n    if k == 6:\n        return 10 // fail\n    return _d7(k, fail) + 6\n',
  'def _d7(k: int, fail: int) -> int:\n    if k == 7:\n        return 10 // fail\n    return _d8(k, fail) + 7\n',
  'def _d8(k: int, fail: int) -> int:\n    if k == 8:\n        return 10 // fail\n    return _d9(k, fail) + 8\n',
  'def _d9(k: int, fail: int) -> int:\n    if k == 9:\n        return 10 // fail\n    return _d10(k, fail) + 9\n',
  'def _d10(k: int, fail: int) -> int:\n    if k == 10:\n        return 10 // fail\n    return _d11(k, fail) + 10\n',
  'def _d11(k: int, fail: int) -> int:\n    if k == 11:\n        return 10 // fail\n    return 10 // fail\n',
  'def f(k: int, fail: int) -> int:\n    return _d0(k, fail)\n',
].join('\n');

function call(mod: LoadedModule, k: number, fail: number): Receipt {
  const ex = mod.byName.get('f')!;
  return executeCall({
    module: mod,
    calldata: new Uint8Array([...ex.selector, ...encodeArgs(ex.params, [BigInt(k), BigInt(fail)] as never)]),
    gasLimit: 10_000_000,
    tx: defaultTx(),
    block: defaultBlock(),
    state: new MemoryState(),
  });
}

const view = (r: Receipt) => ({
  status: r.status,
  gasUsed: r.gasUsed,
  value: r.returnValue,
  frames: (r.error?.traceback ?? []).map((t) => `${t.function}:${t.location?.line}`),
});

describe('call arrays reused from the pool', () => {
  test('each receipt is the one a fresh module and pool give', () => {
    const cases: [number, number][] = [
      [11, 0],
      [3, 0],
      [11, 1],
      [0, 0],
      [7, 2],
      [9, 0],
    ];
    // in one sequence (each call reuses what the previous one left)
    const mod = loadModule(compileSource(SRC, { file: 'c.py' }).module);
    const seq = cases.map(([k, fail]) => view(call(mod, k, fail)));
    // each alone on its own module, after a call that leaves the deepest frames behind
    for (let i = 0; i < cases.length; i++) {
      const alone = loadModule(compileSource(SRC, { file: 'c.py' }).module);
      const got = view(call(alone, cases[i][0], cases[i][1]));
      expect(seq[i]).toEqual(got);
    }
    // the failing ones report every frame: f, then _d0 .. _dk
    expect(seq[0].status).toBe('ERROR');
    expect(seq[0].frames).toHaveLength(13);
    expect(seq[1].frames).toHaveLength(5);
    expect(seq[1].frames[4]).toMatch(/^_d3:/);
    expect(seq[2].value).toBe((11 * 10) / 2 + 10);
  });
});
