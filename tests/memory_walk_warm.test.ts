// The memory walk keeps a tuple's measured size on the tuple (it is immutable) so later walks
// need not read its items, but it must pay for those items every time: a constant tuple of a
// module outlives the call that measured it, and a walk that paid less once the size was
// known made a call's gas depend on what the process ran before (cold 2,279,089 gas, then
// 2,279,081 on every repeat of the same call, in both engines).
import { describe, expect, test } from 'vitest';
import { measure } from '../core/memory.js';
import { PyTuple } from '../core/values.js';
import { TestContract } from './helpers/contract.js';
import { callIn, receiptView } from './helpers/engines.js';

describe('a tuple whose size is known is paid for like one measured afresh', () => {
  test('two walks over the same tuples pay the same references', () => {
    const t = new PyTuple([1, 2, 'abc', b(3)]);
    const rows = Array.from({ length: 50 }, () => t);
    const paidOf = (): number => {
      let paid = 0;
      measure([rows], 0, 1, 1 << 30, (r) => (paid += r));
      return paid;
    };
    const first = paidOf();
    expect(t.flat).toBeGreaterThan(0); // the size is now known
    expect(paidOf()).toBe(first);
    // 1 root + its 50 items, the tuple taken from the work list 50 times, entered once (4 items)
    expect(first).toBe(1 + 50 + 50 + 4);
  });
});

function b(n: number): Uint8Array {
  return new Uint8Array(n);
}

// sum(xs, ()) makes n growing tuples of garbage: the running count passes the cap and the
// walk runs over `xs`, whose items are the module's constant tuple (1, 2)
const c = new TestContract(`
def grow(n: int) -> int:
    xs = [(1, 2)] * n
    return len(sum(xs, ()))
`);

describe('the same call gives the same receipt cold and warm', () => {
  test.each(['interp', 'jit'] as const)('%s: a walk over a constant tuple, three times in one process', (mode) => {
    const runs = [0, 1, 2].map(() => receiptView(callIn(mode, c.module, 'grow', [1500], 1e12)));
    expect(runs[1]).toBe(runs[0]);
    expect(runs[2]).toBe(runs[0]);
    expect(JSON.parse(runs[0]).status).toBe('SUCCESS');
  });
});
