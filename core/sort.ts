// sorted(): a stable bottom-up merge sort of our own (spec/SORT.md), so the comparisons made,
// their order, the gas they cost and the point where a TypeError stops the sort are the same
// on every host; Array.prototype.sort leaves all of that to the engine.
import { pyCompare } from './compare.js';
import type { Machine } from './machine.js';
import type { Value } from './values.js';

/**
 * xs in ascending order of keys (keys[i] is xs[i]'s sort key; xs itself when no key
 * function), or descending with reverse, equal keys keeping their input order either way.
 * Each comparison costs `per` before it is made, plus what the comparison itself charges.
 */
export function stableSort(m: Machine, xs: Value[], reverse: boolean, per: number, keys: Value[] = xs): Value[] {
  const n = xs.length;
  let src = new Int32Array(n);
  let dst = new Int32Array(n);
  for (let i = 0; i < n; i++) src[i] = i;
  let small = true;
  for (let i = 0; i < n && small; i++) small = typeof keys[i] === 'number';
  if (small) return sortSmallInts(m, xs, keys as number[], reverse, per, src, dst);
  // Comparisons of two small ints cannot fail or charge anything else, so their `per` is
  // batched and debited before the next comparison that can (or every 1024, and at the end):
  // the outcome is the one charging each in turn gives, as an OOG consumes all gas anyway.
  let owed = 0;
  // "x goes before y": x < y, or y < x when reversed; never true for equal keys (stability)
  const before = (x: number, y: number): boolean => {
    const a = keys[x];
    const b = keys[y];
    if (typeof a === 'number' && typeof b === 'number') {
      if (++owed === 1024) {
        m.charge(owed * per);
        owed = 0;
      }
      return reverse ? b < a : a < b;
    }
    m.charge((owed + 1) * per);
    owed = 0;
    return reverse ? pyCompare(m, b, a, '<') < 0 : pyCompare(m, a, b, '<') < 0;
  };
  for (let w = 1; w < n; w *= 2) {
    for (let lo = 0; lo < n; lo += 2 * w) {
      const mid = Math.min(lo + w, n);
      const hi = Math.min(lo + 2 * w, n);
      // one run, or two already in order (one comparison): copy
      if (mid >= hi || !before(src[mid], src[mid - 1])) {
        dst.set(src.subarray(lo, hi), lo);
        continue;
      }
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) dst[k++] = before(src[j], src[i]) ? src[j++] : src[i++];
      while (i < mid) dst[k++] = src[i++];
      while (j < hi) dst[k++] = src[j++];
    }
    const t = src;
    src = dst;
    dst = t;
  }
  m.charge(owed * per);
  const out = new Array<Value>(n);
  for (let i = 0; i < n; i++) out[i] = xs[src[i]];
  return out;
}

/**
 * stableSort when every key is a small int: the same merges and comparisons, on a typed copy
 * of the keys, none of which can fail or charge more than `per`, so `per` is debited every
 * 1024 comparisons and at the end, exactly as stableSort batches such comparisons.
 */
function sortSmallInts(m: Machine, xs: Value[], keys: number[], reverse: boolean, per: number, src: Int32Array, dst: Int32Array): Value[] {
  const n = xs.length;
  // under reverse, "x before y" is y < x, that is -x < -y: negate once (safe ints negate exactly)
  const kv = new Float64Array(n);
  for (let i = 0; i < n; i++) kv[i] = reverse ? -keys[i] : keys[i];
  let owed = 0;
  for (let w = 1; w < n; w *= 2) {
    for (let lo = 0; lo < n; lo += 2 * w) {
      const mid = Math.min(lo + w, n);
      const hi = Math.min(lo + 2 * w, n);
      if (mid < hi) {
        if (++owed === 1024) {
          m.charge(owed * per);
          owed = 0;
        }
      }
      if (mid >= hi || !(kv[src[mid]] < kv[src[mid - 1]])) {
        dst.set(src.subarray(lo, hi), lo);
        continue;
      }
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        if (++owed === 1024) {
          m.charge(owed * per);
          owed = 0;
        }
        const sj = src[j];
        const si = src[i];
        if (kv[sj] < kv[si]) {
          dst[k++] = sj;
          j++;
        } else {
          dst[k++] = si;
          i++;
        }
      }
      while (i < mid) dst[k++] = src[i++];
      while (j < hi) dst[k++] = src[j++];
    }
    const t = src;
    src = dst;
    dst = t;
  }
  m.charge(owed * per);
  const out = new Array<Value>(n);
  for (let i = 0; i < n; i++) out[i] = xs[src[i]];
  return out;
}
