// The operand an error message names (`x is not in list`, KeyError(k)) is rendered by repr(),
// charged as repr() charges it and bounded by max_value_depth: the message of a big operand
// costs what repr(x) costs, and a deep one fails with RecursionError at a defined depth (the
// host's String() of a nested list overflowed the native stack at a --stack-size dependent
// depth, ending the call with an internal error on small stacks and a ValueError on big ones).
import { describe, expect, test } from 'vitest';
import { DEFAULT_LIMITS } from '../spec/table.js';
import { TestContract } from './helpers/contract.js';

const c = new TestContract(`
def index_big(k: int) -> int:
    v = [(1 << 4000) - 1] * k
    return [0].index(v)


def repr_big(k: int) -> int:
    v = [(1 << 4000) - 1] * k
    t = repr(v)
    return [0].index(1)


def key_big(k: int) -> int:
    v = ((1 << 4000) - 1,) * k
    d = {0: 1}
    return d[v]


def repr_key_big(k: int) -> int:
    v = ((1 << 4000) - 1,) * k
    d = {0: 1}
    t = repr(v)
    return d.get(v, 0) + [0].index(1)


def index_deep(k: int) -> int:
    v = [1]
    for i in range(k):
        v = [v]
    return [0].index(v)


def messages(k: int) -> int:
    d = {"it's": 1}
    e = [[b"\\xff", "a'b"], (1,)]
    if k == 0:
        return [0].index(e)
    if k == 1:
        return d["don't"]
    del d[(1, "x")]
    return 0
`);

const run = (fn: string, k: number) => c.call(fn, [k], 1e10);

describe('error messages render their operand as repr() does', () => {
  test('gas of the message grows as repr() of the operand: the same per-item cost', () => {
    // index_big fails rendering v, repr_big renders v and then fails on a cheap message:
    // both differ only by fixed costs, at every size
    const diff = (k: number) => {
      const a = run('index_big', k);
      const b = run('repr_big', k);
      expect([a.status, a.error?.kind, b.status]).toEqual(['ERROR', 'ValueError', 'ERROR']);
      return a.gasUsed - b.gasUsed;
    };
    const d10 = diff(10);
    expect(diff(40)).toBe(d10);
    // and it does grow: 30 more big ints rendered cost far more than 30 list items
    expect(run('index_big', 40).gasUsed - run('index_big', 10).gasUsed).toBeGreaterThan(30 * 1000);
  });

  test('KeyError of a tuple key of big ints: charged as repr() of the key', () => {
    const diff = (k: number) => {
      const a = run('key_big', k);
      const b = run('repr_key_big', k);
      expect([a.error?.kind, b.error?.kind]).toEqual(['KeyError', 'ValueError']);
      return a.gasUsed - b.gasUsed;
    };
    expect(diff(8)).toBe(diff(2));
  });

  test('a deep operand: RecursionError past max_value_depth, not a host stack overflow', () => {
    const deep = DEFAULT_LIMITS.max_value_depth;
    const ok = run('index_deep', deep - 2);
    expect([ok.status, ok.error?.kind]).toEqual(['ERROR', 'ValueError']);
    expect(ok.error?.message).toContain(`${'['.repeat(deep - 1)}1${']'.repeat(deep - 1)} is not in list`);
    for (const k of [deep + 1, 5000, 100000]) {
      const r = run('index_deep', k);
      expect([k, r.status, r.error?.kind]).toEqual([k, 'ERROR', 'RecursionError']);
    }
  });

  test("CPython's texts", () => {
    // python3: ValueError: [[b'\xff', "a'b"], (1,)] is not in list; KeyError: "don't"; KeyError: (1, 'x')
    expect(run('messages', 0).error?.message).toBe(`ValueError: [[b'\\xff', "a'b"], (1,)] is not in list`);
    expect(run('messages', 1).error?.message).toBe(`KeyError: "don't"`);
    expect(run('messages', 2).error?.message).toBe(`KeyError: (1, 'x')`);
  });
});
