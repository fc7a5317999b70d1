// Equality that walks text, bytes or containers is charged (core/compare.ts eqCharged): the
// value module exports no uncharged twin a handler could call instead, and the scalar one it
// does export refuses any pair that needs a walk.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import * as values from '../core/values.js';
import { PyDict, PyTuple, scalarEq } from '../core/values.js';
import { TestContract } from './helpers/contract.js';

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? tsFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('uncharged equality is unreachable from handlers', () => {
  test('core/values exports no deep equality', () => {
    expect(Object.keys(values)).not.toContain('pyEq');
    const eqs = Object.keys(values).filter((k) => /eq$/i.test(k));
    // bytesEq is the word compare behind eqCharged's bytes case, which charges before it
    expect(eqs.sort()).toEqual(['bytesEq', 'scalarEq']);
  });

  test('scalarEq answers scalars and mixed kinds, and refuses every pair that walks', () => {
    expect(scalarEq(1, true)).toBe(true);
    expect(scalarEq(null, 0)).toBe(false);
    expect(scalarEq(2n ** 100n, 2n ** 100n)).toBe(true);
    expect(scalarEq([1], new PyTuple([1]))).toBe(false);
    for (const [a, b] of [
      ['ab', 'ac'],
      [new Uint8Array(3), new Uint8Array(3)],
      [[1], [1]],
      [new PyTuple([1]), new PyTuple([1])],
      [new PyDict(), new PyDict()],
    ] as const)
      expect(() => scalarEq(a as values.Value, b as values.Value)).toThrow(/must be charged/);
  });

  test('no handler module calls bytesEq or scalarEq on operands it has not charged', () => {
    // the handler folders reach equality only through core/compare.ts
    const bad: string[] = [];
    for (const f of [...tsFiles('core/methods'), ...tsFiles('core/builtins'), ...tsFiles('stdlib')]) {
      const src = readFileSync(f, 'utf8');
      if (/\b(scalarEq|bytesEq|pyEq)\b/.test(src)) bad.push(f);
    }
    expect(bad).toEqual([]);
  });

  test('list.index, list.count, list.remove, `in` and == charge their nested walks', () => {
    // the same deep item searched: gas grows with the item's size in every handler
    const c = new TestContract(`
def f(n: int, k: int) -> int:
    deep = [b"x" * n]
    xs = [[b"y" * n]] * k + [deep]
    t = 0
    if deep in xs:
        t += 1
    t += xs.index(deep) + xs.count(deep)
    xs.remove(deep)
    return t + (1 if xs == xs[:] else 0)
`);
    const gas = (n: number) => c.call('f', [n, 20], 100_000_000).gasUsed;
    const small = gas(32);
    const big = gas(32 * 1024);
    // each of the ~6 walks over 20 items pays per word of the 32 KB compared
    expect(big - small).toBeGreaterThan(6 * 20 * 1000);
  });
});
