// A bytes value keeps its latin-1 form once a str algorithm has read it (core/values.ts
// latin1Of). That is speed only: the same objects read again (cache warm) must give the same
// results and gas as fresh copies of them (cache cold), including bytes that are also dict keys.
import { describe, expect, test } from 'vitest';
import type { Value } from '../core/values.js';
import { callVm, compileForDiff } from './helpers/diff.js';

const SRC = `
def _work(r, sep, old, neu):
    d = {r: 1, sep: 2}
    parts = r.split(sep)
    out = [len(parts), r.count(old), r.replace(old, neu), r.rstrip(sep), r.partition(sep)[2], d[r] + d[sep]]
    for p in parts:
        out.append(p.upper())
        out.append(p.removeprefix(old))
    return out
`;
const mod = compileForDiff(SRC, 'bytes_latin1_cache.py');
const latin = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));

describe('bytes read as latin-1 once', () => {
  test('warm objects give what fresh copies give', () => {
    const args = ['al\xffpha,b\x80eta,,gamma,', ',', 'a', '\xe9\xe9'].map(latin) as Value[];
    const cold = callVm(
      mod,
      '_work',
      args.map((a) => (a as Uint8Array).slice()),
    );
    expect(cold.raise).toBeUndefined();
    for (let i = 0; i < 3; i++) {
      const warm = callVm(mod, '_work', args);
      expect(warm.raise).toBeUndefined();
      expect(warm.gasUsed).toBe(cold.gasUsed);
      expect(warm.ok).toEqual(cold.ok);
    }
    // one result checked outright: r.replace(old, neu)
    const got = (cold.ok as { l: { y: string }[] }).l[2];
    expect(got.y).toBe(Buffer.from(latin('\xe9\xe9l\xffph\xe9\xe9,b\x80et\xe9\xe9,,g\xe9\xe9mm\xe9\xe9,')).toString('hex'));
  });
});
