// A bytes method reads a bytes argument as a latin-1 string: that copy is priced by the
// argument's own words, so a long argument to a short receiver costs what its copy costs
// (fuzz:gas found `b"x" * 16 .removeprefix(<512 KB>)` at 16 gas).
import { describe, expect, test } from 'vitest';
import type { Value } from '../core/values.js';
import { callVm, compileForDiff } from './helpers/diff.js';

const SRC = `
def _prefix(r, x):
    return r.removeprefix(x)
def _suffix(r, x):
    return r.removesuffix(x)
def _split(r, x):
    return r.split(x)
def _count(r, x):
    return r.count(x)
def _strip(r, x):
    return r.strip(x)
def _find(r, x):
    return r.rfind(x)
`;
const mod = compileForDiff(SRC, 'bytes_arg_cost.py');
const gas = (fn: string, argLen: number): number => {
  const r = callVm(mod, fn, [new Uint8Array(16).fill(120) as Value, new Uint8Array(argLen).fill(121) as Value]);
  expect(r.raise).toBeUndefined();
  return r.gasUsed;
};

describe('bytes arguments of bytes methods are priced by their length', () => {
  for (const fn of ['_prefix', '_suffix', '_split', '_count', '_strip', '_find'])
    test(`${fn}: 32 KB more argument costs 1,024 more words than 64 bytes`, () => {
      const small = gas(fn, 64);
      const big = gas(fn, 32 * 1024 + 64);
      // the method's word price times 1,024 extra words, whatever that price is in the table
      expect(big - small).toBeGreaterThan(0);
      expect((big - small) % 1024).toBe(0);
      expect(gas(fn, 64 * 1024 + 64) - small).toBe(2 * (big - small));
    });
});
