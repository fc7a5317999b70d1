// Renderings that are repr() cost what repr() costs, wherever they happen: format(xs, "")
// (an f-string field), "{}".format(xs), "{!r}".format(xs), "{!s}" and "{!a}"; and a field's
// [key] into a dict is a look-up priced as d[key]. Before, these rendered containers char by
// char at G_WORD (1/64 of repr()'s G_RENDER_WORD) and hashed the key for free.
import { describe, expect, test } from 'vitest';
import { CONSTANTS } from '../spec/table.js';
import { TestContract } from './helpers/contract.js';

const c = new TestContract(`
def _xs(k: int) -> list:
    return [b"\\xff\\x00" * 8] * k


def by_repr(k: int) -> int:
    return len(repr(_xs(k)))


def by_format(k: int) -> int:
    return len(format(_xs(k), ""))


def by_fstring(k: int) -> int:
    xs = _xs(k)
    return len(f"{xs}")


def by_method(k: int) -> int:
    return len("{}".format(_xs(k)))


def by_method_r(k: int) -> int:
    return len("{!r}".format(_xs(k)))


def by_method_s(k: int) -> int:
    return len("{!s}".format(_xs(k)))


def key_field(k: int) -> int:
    key = "k" * k
    d = {key: 1}
    f = "{0[" + key + "]}"
    return len(f.format(d))


def key_subscr(k: int) -> int:
    key = "k" * k
    d = {key: 1}
    f = "{0[" + key + "]}"
    g = f
    return len(str(d[key]))
`);

const gas = (fn: string, k: number): number => {
  const r = c.call(fn, [k], 1e10);
  expect([fn, r.status]).toEqual([fn, 'SUCCESS']);
  return r.gasUsed;
};

describe('renderings that are repr() are priced as repr()', () => {
  for (const fn of ['by_format', 'by_fstring', 'by_method', 'by_method_r', 'by_method_s']) {
    test(`${fn}: the same gas growth as repr() of the list`, () => {
      const grow = (f: string) => gas(f, 400) - gas(f, 100);
      // str.format also appends the field's text: G_WORD per word of it
      const len = (k: number) => c.call('by_repr', [k], 1e10).returnValue as number;
      const words = (n: number) => Math.ceil(n / 32);
      const append = fn.startsWith('by_method') ? (words(len(400)) - words(len(100))) * CONSTANTS.G_WORD : 0;
      expect(grow(fn)).toBe(grow('by_repr') + append);
      // and that growth is G_RENDER_WORD's: 300 items of 34 chars each plus ", "
      expect(grow('by_repr')).toBeGreaterThanOrEqual(Math.floor((300 * 36) / 32) * CONSTANTS.G_RENDER_WORD);
    });
  }
});

describe('str.format [key] fields', () => {
  test('a dict look-up by a field key costs the key units d[key] costs', () => {
    // key_field: the format string's words (G_WORD each), the look-up; key_subscr: d[key]
    const words = (n: number) => Math.ceil(n / 32);
    const diff = (k: number) => gas('key_field', k) - gas('key_subscr', k) - words(k + 5) * CONSTANTS.G_WORD;
    expect(diff(3200)).toBe(diff(320));
  });
});
