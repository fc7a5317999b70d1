// sorted(): a stable bottom-up merge sort of our own (spec/SORT.md), so the comparisons made,
// their order, the gas they cost and the point where a TypeError stops the sort are the same
// on every host; Array.prototype.sort leaves all of that to the engine.
import { compareStr, compareTuples, pyCompare, ORDER_PRICES as ORDER, EQ_PRICES as EQ } from './compare.js';
import { words } from './pricing.js';
import type { Machine } from './machine.js';
import { MAX_VALUE_DEPTH, PyTuple, type Value } from './values.js';

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
  // all tuples (sorted(key=) compares its decorated (key, index, item) tuples): compare their
  // items arrays directly, as pyCompare would after its tuple test
  let tuples = n > 0;
  for (let i = 0; i < n && tuples; i++) tuples = keys[i] instanceof PyTuple;
  const its: Value[][] = tuples ? keys.map((k) => (k as PyTuple).items) : [];
  const lead = tuples ? new Leads(its) : null;
  // Comparisons of two small ints cannot fail or charge anything else, so their `per` is
  // batched and debited before the next comparison that can (or every 1024, and at the end):
  // the outcome is the one charging each in turn gives, as an OOG consumes all gas anyway.
  let owed = 0;
  // "x goes before y": x < y, or y < x when reversed; never true for equal keys (stability)
  const before = (x: number, y: number): boolean => {
    if (lead !== null) {
      m.charge(per); // no small-int comparison is owed: every key is a tuple
      const r = reverse ? lead.less(m, y, x) : lead.less(m, x, y);
      if (r >= 0) return r === 1;
      return reverse ? compareTuples(m, its[y], its[x], '<', 0) < 0 : compareTuples(m, its[x], its[y], '<', 0) < 0;
    }
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

/**
 * The leading items of tuple sort keys, in arrays of their own: a decorated key is
 * (key, index, item), and most comparisons are decided by the key, or by the first item of a
 * tuple key, being two different small ints or strs. `less` decides those from the arrays
 * (not by walking each tuple) and charges what compareTuples charges for them, in its order;
 * -1 leaves the comparison to compareTuples.
 */
class Leads {
  /** items[0] and items[1] of each key (undefined where the key is shorter), its length */
  readonly first: Value[];
  readonly second: Value[];
  readonly len: Int32Array;
  /** when items[0] is a tuple: its own first item and its length (-1 when not a tuple) */
  readonly first2: Value[];
  readonly second2: Value[];
  readonly len2: Int32Array;
  constructor(its: Value[][]) {
    const n = its.length;
    this.first = new Array(n);
    this.second = new Array(n);
    this.first2 = new Array(n);
    this.second2 = new Array(n);
    this.len = new Int32Array(n);
    this.len2 = new Int32Array(n).fill(-1);
    for (let i = 0; i < n; i++) {
      const q = its[i];
      this.len[i] = q.length;
      const f = q.length > 0 ? q[0] : undefined;
      this.first[i] = f as Value;
      this.second[i] = (q.length > 1 ? q[1] : undefined) as Value;
      if (f instanceof PyTuple) {
        this.len2[i] = f.items.length;
        this.first2[i] = (f.items.length > 0 ? f.items[0] : undefined) as Value;
        this.second2[i] = (f.items.length > 1 ? f.items[1] : undefined) as Value;
      }
    }
  }
  /**
   * Equal first items (their == walk costs `eq`): two different small ints second decide,
   * as the decorated index does for equal keys.
   */
  private tie(m: Machine, x: number, y: number, n: number, eq: number): number {
    const a = this.second[x];
    const b = this.second[y];
    if (n < 2 || typeof a !== 'number' || typeof b !== 'number' || a === b) return -1;
    m.charge(n * ORDER.items);
    m.charge(eq);
    return a < b ? 1 : 0;
  }

  /** 1 when key x < key y, 0 when not, -1 when the leading items do not decide. */
  less(m: Machine, x: number, y: number): number {
    const a = this.first[x];
    const b = this.first[y];
    if (a === undefined || b === undefined) return -1;
    const n = Math.min(this.len[x], this.len[y]);
    if (typeof a === 'number' && typeof b === 'number') {
      if (a === b) return this.tie(m, x, y, n, 0);
      m.charge(n * ORDER.items);
      return a < b ? 1 : 0;
    }
    if (typeof a === 'string' && typeof b === 'string') {
      const w = words(Math.min(a.length, b.length));
      if (a === b) return this.tie(m, x, y, n, EQ.words * w);
      m.charge(n * ORDER.items);
      m.charge(EQ.words * w);
      m.charge(ORDER.words * w);
      return compareStr(a, b) < 0 ? 1 : 0;
    }
    // two tuple keys of one length L >= 1 (the == walk over them reaches their first items;
    // within the depth limit at depth 1)
    const l = this.len2[x];
    if (l < 1 || l !== this.len2[y] || MAX_VALUE_DEPTH < 2) return -1;
    const a2 = this.first2[x];
    const b2 = this.first2[y];
    if (typeof a2 === 'number' && typeof b2 === 'number') {
      if (a2 === b2) return -1;
      m.charge(n * ORDER.items);
      m.charge(EQ.items); // == walk: the first item, then unequal
      m.charge(l * ORDER.items); // the ordering walk over the tuple keys
      return a2 < b2 ? 1 : 0;
    }
    if (typeof a2 === 'string' && typeof b2 === 'string') {
      const w = words(Math.min(a2.length, b2.length));
      if (a2 === b2) {
        // equal first strs: two different small ints second decide (sorted(key=lambda r:
        // (r.name, -r.size))): each walk passes the str, then stops at the ints
        const c = this.second2[x];
        const e = this.second2[y];
        if (l < 2 || typeof c !== 'number' || typeof e !== 'number' || c === e) return -1;
        m.charge(n * ORDER.items);
        m.charge(EQ.items);
        m.charge(EQ.words * w);
        m.charge(EQ.items);
        m.charge(l * ORDER.items);
        m.charge(EQ.words * w);
        return c < e ? 1 : 0;
      }
      m.charge(n * ORDER.items);
      m.charge(EQ.items);
      m.charge(EQ.words * w);
      m.charge(l * ORDER.items);
      m.charge(EQ.words * w);
      m.charge(ORDER.words * w);
      return compareStr(a2, b2) < 0 ? 1 : 0;
    }
    return -1;
  }
}
