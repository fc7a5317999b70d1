// Reading an items view whole (list(d.items()), sorted, tuple, reversed, dict, zip, any, max,
// xs.extend, dict.fromkeys ...) makes a (key, value) tuple per entry, all held at once: each is
// charged G_ENTRY (as enumerate and zip charge their pairs). Before, only the reader's G_ITEM
// was charged, and list(d.items()) ran at ~50x the arithmetic loop's ns/gas. The same read of
// a keys view makes no tuple: the difference is exactly G_ENTRY per entry.
import { describe, expect, test } from 'vitest';
import { CONSTANTS } from '../spec/table.js';
import { TestContract } from './helpers/contract.js';

const READERS = [
  'len(list(V))',
  'len(tuple(V))',
  'len(sorted(V))',
  'len(reversed(V))',
  'len(dict.fromkeys(V))',
  'len(list(zip(V, V)))',
  '1 if any(V) else 0',
  '0 if max(V) is None else 1',
  'len(ys + [0]) if ys.extend(V) is None else 0',
];

const src = READERS.map(
  (r, i) => `
def items_${i}(n: int) -> int:
    d = {j: j for j in range(n)}
    ys = []
    return ${r.replaceAll('V', 'd.items()')}


def keys_${i}(n: int) -> int:
    d = {j: j for j in range(n)}
    ys = []
    return ${r.replaceAll('V', 'd.keys()')}
`,
).join('\n');
const c = new TestContract(src);

const gas = (fn: string, n: number): number => {
  const r = c.call(fn, [n], 1e10);
  expect([fn, r.status, r.error?.message]).toEqual([fn, 'SUCCESS', undefined]);
  return r.gasUsed;
};

describe('a tuple per entry of an items view read whole: G_ENTRY each', () => {
  READERS.forEach((r, i) => {
    test(r.replaceAll('V', 'd.items()'), () => {
      const grow = (fn: string) => gas(fn, 300) - gas(fn, 100);
      // zip reads its argument twice: two tuples per entry
      const per = r.includes('zip') ? 2 : 1;
      const extra = grow(`items_${i}`) - grow(`keys_${i}`);
      // sorted and max then compare tuples, dict.fromkeys keys them: more work on top
      if (/sorted|max|fromkeys/.test(r)) expect(extra).toBeGreaterThan(200 * per * CONSTANTS.G_ENTRY);
      else expect(extra).toBe(200 * per * CONSTANTS.G_ENTRY);
    });
  });
});
