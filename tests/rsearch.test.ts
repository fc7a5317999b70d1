// rfind/rindex/rsplit/rpartition search backwards in time linear in the haystack plus the
// needle (core/rsearch.ts): V8's lastIndexOf, used before, compares the needle at every
// position (O(n*m) for "a" * n searched for "a" * k + "b"). Checked by the code units the
// search compares (no timing), and against lastIndexOf on random small-alphabet inputs.
import { describe, expect, test, vi } from 'vitest';
import { lastIndex, type Steps } from '../core/rsearch.js';
import { TestContract } from './helpers/contract.js';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('lastIndex', () => {
  test('finds what lastIndexOf finds, on windows of random small-alphabet text', () => {
    const r = rng(7);
    const pick = (len: number, ab: string) => Array.from({ length: len }, () => ab[Math.floor(r() * ab.length)]).join('');
    for (let t = 0; t < 4000; t++) {
      const ab = t % 3 === 0 ? 'ab' : t % 3 === 1 ? 'aab' : 'abc';
      const h = pick(Math.floor(r() * 60), ab);
      const n = pick(Math.floor(r() * 6), ab);
      const lo = Math.floor(r() * (h.length + 2)) - 1;
      const hi = lo + Math.floor(r() * (h.length + 2));
      const L = Math.max(0, lo);
      const H = Math.min(h.length, hi);
      const want =
        H - L < n.length
          ? -1
          : (() => {
              const j = h.slice(L, H).lastIndexOf(n);
              return j < 0 ? -1 : L + j;
            })();
      expect([h, n, lo, hi, lastIndex(h, n, lo, hi)]).toEqual([h, n, lo, hi, want]);
    }
  });

  test('compares O(n + m) code units on the inputs that make a naive search O(n * m)', () => {
    const n = 20000;
    // (also a needle longer than a block, and one that straddles two blocks)
    const cases: [string, string][] = [
      ['a'.repeat(n), 'a'.repeat(n / 20) + 'b'],
      ['a'.repeat(n), 'b' + 'a'.repeat(n / 20)],
      ['ab'.repeat(n / 2), 'ab'.repeat(n / 40) + 'b'],
      ['\u{1F600}'.repeat(n / 2), '\u{1F600}'.repeat(n / 40) + 'b'],
      ['ab'.repeat(n / 2), 'ab'.repeat(n / 4)],
      ['x'.repeat(4090) + 'needle' + 'y'.repeat(n), 'needle'],
    ];
    for (const [h, nd] of cases) {
      const steps: Steps = { n: 0 };
      expect(lastIndex(h, nd, 0, h.length, steps)).toBe(h.lastIndexOf(nd));
      // native forward search over blocks overlapping by m - 1 (at most ~2n units), then KMP
      // over the last block (at most max(2m, 4096) + m units, each read at most twice)
      expect(steps.n).toBeLessThanOrEqual(2 * h.length + 10 * nd.length + 3 * 4096);
    }
  });
});

describe('the methods that search backwards', () => {
  const c = new TestContract(`
def rs(n: int) -> str:
    h = "a" * n
    nd = "a" * (n // 20) + "b"
    b = h.encode()
    nb = nd.encode()
    return repr([h.rfind(nd), len(h.rsplit(nd)), h.rpartition(nd)[0] == "", b.rfind(nb), h.rfind("aa", 3, 9), h.rindex("a", 0, 5), "xaxbxa".rsplit("x"), "a.b.c".rpartition("."), b"a.b.c".rsplit(b".", 1), "\\U0001F600a\\U0001F600a".rfind("\\U0001F600a")])
`);
  test('the results of python3, and no native lastIndexOf of a needle (its naive O(n*m) search)', () => {
    const spy = vi.spyOn(String.prototype, 'lastIndexOf');
    let r;
    try {
      r = c.call('rs', [2000], 1e10);
      // lastIndex searches forwards natively, never with lastIndexOf
      expect(spy.mock.calls.filter((a) => String(a[0]).length > 1)).toEqual([]);
    } finally {
      spy.mockRestore();
    }
    expect(r.status).toBe('SUCCESS');
    expect(r.returnValue).toBe("[-1, 1, True, -1, 7, 4, ['', 'a', 'b', 'a'], ('a.b', '.', 'c'), [b'a.b', b'c'], 2]");
  });
});
