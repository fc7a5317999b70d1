// Python `==` for the test framework's assertions (assert_eq, expect_event): they run outside
// consensus, after or beside a call, so they walk values without gas. The VM itself has no
// uncharged deep equality (core/values.ts scalarEq; core/compare.ts eqCharged charges).
import { bytesEq, PyDict, PyTuple, type Value } from '../core/values.js';

/** Python ==, nested values included, depth-limited like the VM's walks (256 levels). */
export function testEq(a: Value, b: Value, d = 0): boolean {
  if (a === b) return true;
  if (d > 256) throw new Error('assertion compares values nested more than 256 deep');
  const ta = typeof a;
  const tb = typeof b;
  if (ta === 'boolean' || tb === 'boolean') return (ta === 'boolean' || ta === 'number') && (tb === 'boolean' || tb === 'number') && Number(a) === Number(b);
  if (ta !== 'object' || tb !== 'object' || a === null || b === null) return false;
  if (a instanceof Uint8Array) return b instanceof Uint8Array && bytesEq(a, b);
  const seq = (x: Value[], y: Value[]): boolean => x.length === y.length && x.every((v, i) => testEq(v, y[i], d + 1));
  if (Array.isArray(a)) return Array.isArray(b) && seq(a, b);
  if (a instanceof PyTuple) return b instanceof PyTuple && seq(a.items, b.items);
  if (a instanceof PyDict && b instanceof PyDict) {
    if (a.size !== b.size) return false;
    for (const [k, v] of a.map.values()) {
      const w = b.get(k);
      if (w === undefined || !testEq(v, w, d + 1)) return false;
    }
    return true;
  }
  return false;
}
