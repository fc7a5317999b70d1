// Dict loops and views are live (no snapshot): starting a loop and making a view cost the same
// for any dict size; the O(n) view operations (`in` on values(), == between views) are priced
// per item from the table. Semantics are compared with CPython in tests/diff/dict_live.py.
import { describe, expect, test } from 'vitest';
import { Op } from '../spec/table.js';
import { opPrices } from '../core/pricing.js';
import { PyDict, type Value } from '../core/values.js';
import { callVm, compileForDiff } from './helpers/diff.js';

const SRC = `
def _loop(d):
    for k in d:
        return k
    return -1

def _items_loop(d):
    for k, v in d.items():
        return v
    return -1

def _views(d):
    return len(d.keys()) + len(d.values()) + len(d.items())

def _in_values(d):
    return -1 in d.values()

def _in_keys(d):
    return -1 in d.keys()

def _eq_keys(d):
    e = d.copy()
    return d.keys() == e.keys()

def _copy(d):
    e = d.copy()
    return d is not e

def _eq_items(d):
    e = d.copy()
    return d.items() == e.items()
`;
const mod = compileForDiff(SRC, 'dict_live.py');
const dictOf = (n: number): PyDict => {
  const d = new PyDict();
  for (let i = 0; i < n; i++) d.set(i, i);
  return d;
};
const gas = (fn: string, n: number): number => {
  const r = callVm(mod, fn, [dictOf(n) as Value]);
  expect(r.raise).toBeUndefined();
  return r.gasUsed;
};
const IN = opPrices(Op.IN);
const EQ = opPrices(Op.EQ);

describe('dict loops and views do not copy the dict', () => {
  test('a loop over a dict, or over items(), starts at the same cost for 10 or 1000 entries', () => {
    expect(gas('_loop', 1000)).toBe(gas('_loop', 10));
    expect(gas('_items_loop', 1000)).toBe(gas('_items_loop', 10));
  });
  test('keys(), values(), items() and len() of them cost the same for any size', () => {
    expect(gas('_views', 1000)).toBe(gas('_views', 10));
    expect(gas('_in_keys', 1000)).toBe(gas('_in_keys', 10));
  });
  test('`in` on values() scans: IN.items per value', () => {
    expect(gas('_in_values', 1000) - gas('_in_values', 10)).toBe(990 * IN.items);
  });
  test('== between keys or items views: EQ.items and EQ.lookups per item (beyond the copy made for it)', () => {
    const delta = (fn: string) => gas(fn, 1000) - gas(fn, 10);
    expect(EQ.items).toBeGreaterThan(0);
    expect(EQ.lookups).toBeGreaterThan(0);
    expect(delta('_eq_keys') - delta('_copy')).toBe(990 * (EQ.items + EQ.lookups));
    expect(delta('_eq_items') - delta('_copy')).toBe(990 * (EQ.items + EQ.lookups));
  });
});

describe('set operations on dict views', () => {
  const codes = (src: string): string[] => {
    try {
      compileForDiff(src, 'setops.py');
    } catch (e) {
      return (e as { diagnostics?: { code: string }[] }).diagnostics?.map((d) => d.code) ?? [String(e)];
    }
    return [];
  };
  test('& | - ^ and subset comparisons on keys()/items() are E-SET (contracts have no sets)', () => {
    for (const e of ['a.keys() & b.keys()', 'a.items() | b', 'a.keys() - b.keys()', 'a.keys() ^ b', 'a.keys() <= b.keys()', 'b > a.items()'])
      expect(codes(`def _f(a, b):\n    return ${e}\n`)).toEqual(['E-SET']);
    expect(codes('def _f(a, b):\n    return a.keys() == b.keys() or a.values() != b\n')).toEqual([]);
  });
});
