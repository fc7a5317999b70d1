// Smoke test of `npm run fuzz:gas` (bench/fuzz_gas.ts): a 1.5 s search runs, and what it
// reports is a measured program (a ratio to the baseline, its gas per operation and source).
// The numbers themselves are timings, so nothing here asserts on their size.
import { describe, expect, test } from 'vitest';
import { type Found, measure, program, search } from '../bench/fuzz_gas.js';

describe('fuzz:gas', () => {
  test('a generated candidate compiles to a program with the baseline and the looped expression', () => {
    const p = program({ kind: 'int', seed: 7, k: 4 });
    expect(p.src).toContain(`return ${p.expr}`);
    expect(p.src).toMatch(/def baseline\(k: int, r: int\) -> int:/);
    expect(p.src).toContain('bs = bs * k');
  });

  test('a short search tries candidates and reports measured programs', () => {
    const { best, tried } = search(1.5, 3);
    expect(tried).toBeGreaterThan(0);
    // under heavy load 1.5 s may measure nothing that runs through: then measure fresh seeds
    let found: Found | null = best[0] ?? null;
    for (let seed = 1; !found && seed < 300; seed++) found = measure({ kind: 'list', seed, k: 1 });
    expect(found).not.toBeNull();
    expect(Number.isFinite(found!.ratio)).toBe(true);
    expect(found!.gasPerOp).toBeGreaterThan(0);
    expect(found!.expr.length).toBeGreaterThan(0);
  }, 60_000);
});
