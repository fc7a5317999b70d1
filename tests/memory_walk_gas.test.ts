// The memory bound's live walk (spec/DETERMINISM.md 5.1) pays G_WALK_REF per reference it
// follows: a live set of many small references re-walked after each quarter cap of cheap
// allocation (bytes(1 << 20) is 32,768 gas) ran ~50-110x the arithmetic loop's ns/gas while
// the walk was free. Counted exactly (roots, containers entered, items, dict keys and values),
// paid in chunks as it goes, the same in the interpreter and the compiling tier, at every gas
// limit (an out-of-gas inside a walk stops both engines at the same instruction).
import { describe, expect, test } from 'vitest';
import { measure } from '../core/memory.js';
import { PyDict } from '../core/values.js';
import { CONSTANTS } from '../spec/table.js';
import { TestContract } from './helpers/contract.js';
import { callIn, receiptView } from './helpers/engines.js';

describe('the walk counts the references it follows', () => {
  test('a list of lists: the root, each list entered, each item', () => {
    const paid: number[] = [];
    const rows = Array.from({ length: 100 }, () => Array.from({ length: 10 }, (_, i) => i));
    measure([rows], 0, 1, 1 << 30, (r) => paid.push(r));
    // 1 root + its 100 items, then per row: entered (1) + 10 items
    expect(paid.reduce((a, b) => a + b, 0)).toBe(1 + 100 + 100 * 11);
  });
  test('a dict: its keys and values; shared containers entered once; paid in chunks', () => {
    const paid: number[] = [];
    const d = new PyDict();
    const shared = [1, 2, 3];
    for (let i = 0; i < 5000; i++) d.set(i, shared);
    measure([d, d], 0, 2, 1 << 30, (r) => paid.push(r));
    // 2 roots, each taken from the work list (the second already counted: skipped), the dict's
    // 2 per entry, the shared list taken 5000 times and entered once (3 items)
    expect(paid.reduce((a, b) => a + b, 0)).toBe(2 + 2 + 2 * 5000 + 5000 + 3);
    expect(paid.length).toBeGreaterThan(1);
    expect(paid.slice(0, -1).every((r) => r >= 4096)).toBe(true);
  });
});

const c = new TestContract(`
def hold(n: int, k: int) -> int:
    e = []
    keep = [[e] * 12 for i in range(n)]
    t = 0
    for i in range(k):
        g = bytes(1 << 20)
        t += len(g)
    return t + len(keep)
`);

describe('a call whose allocation passes the cap pays for each walk', () => {
  test('more live references, more gas for the same allocation, the same in both engines', () => {
    const run = (n: number, k: number) => {
      const a = callIn('interp', c.module, 'hold', [n, k], 1e10);
      const b = callIn('jit', c.module, 'hold', [n, k], 1e10);
      expect(receiptView(b)).toBe(receiptView(a));
      expect(a.status).toBe('SUCCESS');
      return a.gasUsed;
    };
    // 8 MB of garbage: at least two walks, each over every row (13 references a row)
    const small = run(10000, 8) - run(10000, 0);
    const big = run(40000, 8) - run(40000, 0);
    expect(big - small).toBeGreaterThanOrEqual(2 * 30000 * 13 * CONSTANTS.G_WALK_REF);
  });
  test('out of gas inside a walk: both engines stop alike at every limit near it', () => {
    const full = callIn('interp', c.module, 'hold', [20000, 3], 1e10).gasUsed;
    for (let cut = 1; cut <= 400000; cut += 57000) {
      const a = callIn('interp', c.module, 'hold', [20000, 3], full - cut);
      const b = callIn('jit', c.module, 'hold', [20000, 3], full - cut);
      expect([cut, receiptView(b)]).toEqual([cut, receiptView(a)]);
    }
  });
});
