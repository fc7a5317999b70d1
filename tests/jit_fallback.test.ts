// A private call whose compiled frame does not fit the native stack budget left runs in the
// interpreter (core/jit/frame_budget.ts). Parity must hold across that hand-over at every
// gas limit: the same value, gas left, memory count, failing function, offset and call
// stack, for out-of-gas, memory walks and the MemoryError, the call-depth limit, an unbound
// local and a revert raised below the hand-over. Small budgets put the hand-over at each
// depth of the chain.
import { afterEach, describe, expect, test } from 'vitest';
import { compileSource } from '../compiler/index.js';
import { jitFor } from '../core/jit/engine.js';
import { CROSS } from '../core/jit/frame_budget.js';
import { JIT_PROBE } from '../core/jit/runtime.js';
import { loadModule } from '../core/load.js';
import type { Value } from '../core/values.js';
import { compiledCount, gasLimits, runIn } from './helpers/engines.js';
import { nestedLoopChain } from './helpers/nested_loops.js';

const SRC = `
${nestedLoopChain(3)}
def _alloc(n: int) -> list[bytes]:
    ys = []
    for i in range(n):
        ys.append(b"abcdefgh" * 4)
    return ys

def _mem(n: int) -> int:
    keep = []
    for i in range(n):
        keep = keep + _alloc(i)
    return len(keep)

def callmem(n: int) -> int:
    t = 0
    held = []
    for i in range(n):
        held.append(b"0123456789abcdef" * 2)
        t = t + _mem(i)
    return t + len(held)

def deep(n: int) -> int:
    t = 0
    for i in range(n):
        t = t + _c3(i)
    return t

def _u(n: int) -> int:
    if n > 3:
        y = n
    return y * 2

def _r(n: int) -> int:
    assert n < 4, "too big"
    return _c1(n)

def fails(n: int) -> int:
    t = 0
    for i in range(n):
        t = t + _c2(i) + _r(i)
    return t

def unbound(n: int) -> int:
    t = 0
    for i in range(n):
        t = t + _c2(i) + _u(9 - i)
    return t
`;

const mod = loadModule(compileSource(SRC, { file: 'fallback.py' }).module);

/** `runIn('jit', ...)` as if inside a call that has `budget` bytes of native stack left for compiled frames. */
function jitWithBudget(budget: number, fi: number, args: Value[], gas: number, limits: object): ReturnType<typeof runIn> {
  CROSS.active = 1;
  CROSS.left = budget;
  try {
    return runIn('jit', mod, fi, args, gas, limits);
  } finally {
    CROSS.active = 0;
  }
}

afterEach(() => {
  CROSS.active = 0;
});

function sweep(fn: string, args: Value[], budget: number, limits = {}): Set<string> {
  const fi = mod.funcs.findIndex((f) => f.name === fn);
  const full = runIn('interp', mod, fi, args, 1e9, limits);
  const cost = 1e9 - full.gasLeft;
  const kinds = new Set<string>([full.status]);
  for (const g of gasLimits(cost, 1500, 150)) {
    const a = runIn('interp', mod, fi, args, g, limits);
    kinds.add(a.status);
    expect(jitWithBudget(budget, fi, args, g, limits), `${fn}(${args.join(', ')}) budget ${budget} at gas ${g}`).toEqual(a);
  }
  expect(jitWithBudget(budget, fi, args, 1e9, limits)).toEqual(full);
  return kinds;
}

describe('hand-over to the interpreter when the native stack budget runs out', () => {
  const j = compiledCount(mod);
  test('every function compiled', () => expect(j.compiled).toBe(j.total));
  // room for the entry and 0, 1, 2, 3 more compiled frames of the chain
  const frame = Math.max(...jitFor(mod).frameBytes);
  const budgets = [0, 1, 2, 3].map((k) => 512 + frame * (k + 1));

  test('the hand-over happens at each depth', () => {
    const deepFi = mod.funcs.findIndex((f) => f.name === 'deep');
    const depths = new Set<number>();
    for (const b of budgets) {
      JIT_PROBE.deepestFallback = 0;
      const before = JIT_PROBE.fallbacks;
      jitWithBudget(b, deepFi, [5], 1e9, {});
      expect(JIT_PROBE.fallbacks).toBeGreaterThan(before);
      depths.add(JIT_PROBE.deepestFallback);
    }
    expect([...depths].sort()).toEqual([1, 2, 3, 4]);
  });

  test.each(budgets.map((b, k) => [k, b]))('%i compiled frames below the entry', (_k, b) => {
    expect(sweep('deep', [5], b)).toContain('ok');
    expect(sweep('deep', [5], b, { max_call_depth: 3 })).toContain('RecursionError');
    expect(sweep('callmem', [20], b, { max_memory_bytes: 4096 })).toContain('MemoryError');
    expect(sweep('callmem', [4], b, { max_memory_bytes: 8192 })).toContain('ok');
    const f = sweep('fails', [7], b);
    expect(f).toContain('REVERT');
    expect(sweep('fails', [3], b)).toContain('ok');
    expect(sweep('unbound', [7], b)).toContain('UnboundLocalError');
  });
});
