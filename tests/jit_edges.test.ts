// The compiling tier where the interpreter's rare paths run: memory walks under a small
// memory cap (the tier writes its locals back to the stack before each walk), the call
// depth and operand stack limits, unbound locals, reverts, dict iteration that changes the
// dict, big ints past 2^53 and 2^512. Each program at every gas limit up to its cost.
import { describe, expect, test } from 'vitest';
import { compileSource } from '../compiler/index.js';
import { loadModule } from '../core/load.js';
import type { Value } from '../core/values.js';
import { compiledCount, gasLimits, runIn } from './helpers/engines.js';
import { nestedLoopChain } from './helpers/nested_loops.js';

const SRC = `
${nestedLoopChain(4)}
def _alloc(n: int) -> int:
    ys = []
    for i in range(n):
        ys.append(i)
    return len(ys)

def callmem(n: int) -> int:
    t = 0
    keep = []
    for i in range(n):
        keep = keep + [b"0123456789abcdef" * 2]
        t = t + _alloc(i)
    return t + len(keep)

def grow(n: int) -> int:
    xs = []
    ys = []
    for i in range(n):
        xs.append([i, i + 1, b"abcdefgh" * 4])
        ys = ys + [i]
    return len(xs) + len(ys)

def deep(n: int) -> int:
    t = 0
    for i in range(n):
        t = t + _c4(i)
    return t

def unbound(n: int) -> int:
    if n > 3:
        y = n
    return y * 2

def reverts(n: int) -> int:
    s = 0
    for i in range(n):
        s = s + i
        assert s < 20, "too big"
    return s

def dictmut(n: int) -> int:
    d = {1: 2, 3: 4}
    t = 0
    for k in d:
        t = t + k
        if n > 1:
            d[k + 100] = 0
    return t

def bigs(n: int) -> int:
    x = 2**60 + n
    y = 0
    for i in range(n):
        x = x * x % (2**255 - 19)
        y = y ^ (x >> 200) + (x << 3)
    return y % 1000003

def strs(n: int) -> str:
    s = ""
    for i in range(n):
        s = s + str(i) + "é"
        if s[-1] == "é":
            s = s[1:]
    return s

def wide(n: int) -> int:
    # orderings of big ints on both sides of 2^256 (wider pairs pay LT's limbs)
    t = 0
    for i in range(n):
        a = (1 << (250 + 7 * i)) + i
        b = (1 << (250 + 7 * (n - i))) - i
        if a < b:
            t = t + 1
        if a >= 2**255 and b <= -a + 2**400:
            t = t + 2
        if max(a, b, 2**300) > 2**300 + n:
            t = t + 4
    return t

def mixed(n: int) -> int:
    d = {}
    xs = [3, 1, 2]
    for i in range(n):
        d[i % 3] = d.get(i % 3, 0) + i
        xs[i % 3] = xs[(i + 1) % 3] - i
        a, b = divmod(i + 7, 3)
        xs = sorted(xs)
        if i in d and not (i > 100):
            d[i] = -a
    return sum(d.values()) + xs[0] + b
`;

const mod = loadModule(compileSource(SRC, { file: 'edges.py' }).module);

function sweep(fn: string, args: Value[], limits = {}): { limits: number; kinds: Set<string> } {
  const fi = mod.funcs.findIndex((f) => f.name === fn);
  const full = runIn('interp', mod, fi, args, 1e9, limits);
  const cost = 1e9 - full.gasLeft;
  const kinds = new Set<string>([full.status]);
  let n = 0;
  for (const g of gasLimits(cost, 2000, 200)) {
    const a = runIn('interp', mod, fi, args, g, limits);
    kinds.add(a.status);
    expect(runIn('jit', mod, fi, args, g, limits), `${fn}(${args.join(', ')}) at gas ${g}`).toEqual(a);
    n++;
  }
  expect(runIn('jit', mod, fi, args, 1e9, limits)).toEqual(full);
  return { limits: n, kinds };
}

describe('compiling tier on the rare paths', () => {
  test('every function compiled', () => {
    const c = compiledCount(mod);
    expect(c.compiled).toBe(c.total);
  });

  test('memory walks under a small cap, and the MemoryError past it', () => {
    // 2 KB: walks on most allocations, then the cap fails the call
    expect(sweep('grow', [300], { max_memory_bytes: 8192 }).kinds).toContain('MemoryError');
    expect(sweep('grow', [6], { max_memory_bytes: 1 << 14 }).kinds).toContain('ok');
    expect(sweep('strs', [300], { max_memory_bytes: 1024 }).kinds).toContain('MemoryError');
    // a callee's walk sees its callers' locals: the tier writes them back before each call
    expect(sweep('callmem', [60], { max_memory_bytes: 4096 }).kinds).toContain('MemoryError');
    expect(sweep('callmem', [12], { max_memory_bytes: 4096 }).kinds).toContain('ok');
  });

  test('call depth and operand stack limits', () => {
    expect(sweep('deep', [6], { max_call_depth: 3 }).kinds).toContain('RecursionError');
    expect(sweep('deep', [6], { max_stack: 30 }).kinds).toContain('MemoryError');
    expect(sweep('deep', [6]).kinds).toContain('ok');
  });

  test('unbound locals, reverts, a dict changed while iterated', () => {
    expect(sweep('unbound', [2]).kinds).toContain('UnboundLocalError');
    expect(sweep('unbound', [5]).kinds).toContain('ok');
    expect(sweep('reverts', [9]).kinds).toContain('REVERT');
    expect(sweep('dictmut', [2]).kinds).toContain('RuntimeError');
    expect(sweep('dictmut', [1]).kinds).toContain('ok');
  });

  test('big ints, strings, dicts, unpacking, builtins', () => {
    expect(sweep('bigs', [6]).kinds).toContain('ok');
    expect(sweep('wide', [8]).kinds).toContain('ok');
    expect(sweep('bigs', [3], { max_int_bits: 512 }).kinds.size).toBeGreaterThan(1);
    expect(sweep('strs', [12]).kinds).toContain('ok');
    expect(sweep('mixed', [9]).kinds).toContain('ok');
  });
});
