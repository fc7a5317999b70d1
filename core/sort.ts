// sorted(): a stable bottom-up merge sort of our own (spec/SORT.md), so the comparisons made,
// their order, the gas they cost and the point where a TypeError stops the sort are the same
// on every host; Array.prototype.sort leaves all of that to the engine.
import { compareStr, compareSequences, pyCompare, ORDER_PRICES as ORDER, EQ_PRICES as EQ } from './compare.js';
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
  // Comparisons of two small ints cannot fail or charge anything else, so their `per` is
  // batched and debited before the next comparison that can (or every 1024, and at the end):
  // the outcome is the one charging each in turn gives, as an OOG consumes all gas anyway.
  let owed = 0;
  let small = true;
  for (let i = 0; i < n && small; i++) small = typeof keys[i] === 'number';
  // all tuples (sorted(key=) compares its decorated (key, index, item) tuples): compare their
  // items arrays directly, as pyCompare would after its tuple test
  let tuples = n > 0 && !small;
  for (let i = 0; i < n && tuples; i++) tuples = keys[i] instanceof PyTuple;
  // "x goes before y": x < y, or y < x when reversed; never true for equal keys (stability)
  let before: (x: number, y: number) => boolean;
  let kv: Float64Array | null = null;
  if (small) {
    // every key a small int: merged on a typed copy (see mergeOrder); under reverse "x before
    // y" is y < x, that is -x < -y, so negate once (safe ints negate exactly)
    kv = new Float64Array(n);
    for (let i = 0; i < n; i++) kv[i] = reverse ? -(keys[i] as number) : (keys[i] as number);
    before = NEVER;
  } else if (tuples) {
    const its: Value[][] = keys.map((k) => (k as PyTuple).items);
    const lead = new Leads(its);
    before = (x, y) => {
      // no small-int comparison is owed: every key is a tuple; `less` charges `per` with
      // what it decides (one debit: an OOG ends the call either way), else it is charged here
      const r = reverse ? lead.less(m, y, x, per) : lead.less(m, x, y, per);
      if (r >= 0) return r === 1;
      m.charge(per);
      return reverse ? compareSequences(m, its[y], its[x], '<', 0) < 0 : compareSequences(m, its[x], its[y], '<', 0) < 0;
    };
  } else {
    before = (x, y) => {
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
  }
  const order = mergeOrder(m, per, n, kv, before);
  m.charge(owed * per);
  const out = new Array<Value>(n);
  for (let i = 0; i < n; i++) out[i] = xs[order[i]];
  return out;
}

const NEVER = (): boolean => false;

/**
 * The bottom-up merge of spec/SORT.md over indexes 0..n-1: runs of width 1, 2, 4, ... merged
 * pairwise, a pair already in order found by one comparison; returns the sorted indexes.
 * "x goes before y" is kv[x] < kv[y] when small-int keys are given (none can fail or charge
 * more than `per`, which is batched here as stableSort batches it), else before(x, y).
 */
function mergeOrder(m: Machine, per: number, n: number, kv: Float64Array | null, before: (x: number, y: number) => boolean): Int32Array {
  let src = new Int32Array(n);
  let dst = new Int32Array(n);
  for (let i = 0; i < n; i++) src[i] = i;
  let owed = 0;
  // small-int keys: compared inline (a comparator closure of their own costs ~1.5x on them
  // once the process also sorts other keys)
  const lt = (x: number, y: number): boolean => {
    if (kv === null) return before(x, y);
    if (++owed === 1024) {
      m.charge(owed * per);
      owed = 0;
    }
    return kv[x] < kv[y];
  };
  for (let w = 1; w < n; w *= 2) {
    for (let lo = 0; lo < n; lo += 2 * w) {
      const mid = Math.min(lo + w, n);
      const hi = Math.min(lo + 2 * w, n);
      // one run, or two already in order (one comparison): copy
      if (mid >= hi || !lt(src[mid], src[mid - 1])) {
        dst.set(src.subarray(lo, hi), lo);
        continue;
      }
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        const x = src[j];
        const y = src[i];
        if (lt(x, y)) {
          dst[k++] = x;
          j++;
        } else {
          dst[k++] = y;
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
  return src;
}

/**
 * The leading items of tuple sort keys, in arrays of their own: a decorated key is
 * (key, index, item), and most comparisons are decided by the key, or by the first item of a
 * tuple key, being two different small ints or strs. `less` decides those from the arrays
 * (not by walking each tuple) and charges what compareSequences charges for them, in its order;
 * -1 leaves the comparison to compareSequences.
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
  /**
   * When every first item (rank1) or every first item of a tuple first item (rank2) is a str
   * and they repeat (at most half are distinct): each one's place among the distinct strs in
   * compareStr order, and its length. Two ranks compare as their strs do (compareStr is a
   * total order, so the places are the same on every host), without touching the strs.
   */
  readonly rank1: Int32Array | null;
  readonly slen1: Int32Array | null;
  readonly rank2: Int32Array | null;
  readonly slen2: Int32Array | null;
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
    [this.rank1, this.slen1] = ranks(this.first);
    [this.rank2, this.slen2] = ranks(this.first2);
  }
  /**
   * Equal first items (their == walk costs `eq`): two different small ints second decide,
   * as the decorated index does for equal keys.
   */
  private tie(m: Machine, x: number, y: number, n: number, eq: number, per: number): number {
    const a = this.second[x];
    const b = this.second[y];
    if (n < 2 || typeof a !== 'number' || typeof b !== 'number' || a === b) return -1;
    m.charge(per + n * ORDER.items + eq);
    return a < b ? 1 : 0;
  }

  /**
   * 1 when key x < key y, 0 when not, -1 when the leading items do not decide. A decided
   * comparison is charged `per` plus what compareSequences charges for it, summed; -1 charges
   * nothing.
   */
  less(m: Machine, x: number, y: number, per: number): number {
    const r1 = this.rank1;
    if (r1 !== null) {
      // two strs first (what the str branch below decides, from their ranks)
      const n = Math.min(this.len[x], this.len[y]);
      const w = words(Math.min(this.slen1![x], this.slen1![y]));
      if (r1[x] === r1[y]) return this.tie(m, x, y, n, EQ.words * w, per);
      m.charge(per + n * ORDER.items + (EQ.words + ORDER.words) * w);
      return r1[x] < r1[y] ? 1 : 0;
    }
    const a = this.first[x];
    const b = this.first[y];
    if (a === undefined || b === undefined) return -1;
    const n = Math.min(this.len[x], this.len[y]);
    if (typeof a === 'number' && typeof b === 'number') {
      if (a === b) return this.tie(m, x, y, n, 0, per);
      m.charge(per + n * ORDER.items);
      return a < b ? 1 : 0;
    }
    if (typeof a === 'string' && typeof b === 'string') {
      const w = words(Math.min(a.length, b.length));
      if (a === b) return this.tie(m, x, y, n, EQ.words * w, per);
      m.charge(per + n * ORDER.items + (EQ.words + ORDER.words) * w);
      return compareStr(a, b) < 0 ? 1 : 0;
    }
    // two tuple keys of one length L >= 1 (the == walk over them reaches their first items;
    // within the depth limit at depth 1)
    const l = this.len2[x];
    if (l < 1 || l !== this.len2[y] || MAX_VALUE_DEPTH < 2) return -1;
    const r2 = this.rank2;
    if (r2 !== null) {
      // two strs first in the tuple keys (what the str branch below decides, from their ranks)
      const w = words(Math.min(this.slen2![x], this.slen2![y]));
      if (r2[x] === r2[y]) {
        const c = this.second2[x];
        const e = this.second2[y];
        if (l < 2 || typeof c !== 'number' || typeof e !== 'number' || c === e) return -1;
        m.charge(per + n * ORDER.items + 2 * EQ.items + 2 * EQ.words * w + l * ORDER.items);
        return c < e ? 1 : 0;
      }
      m.charge(per + n * ORDER.items + EQ.items + 2 * EQ.words * w + l * ORDER.items + ORDER.words * w);
      return r2[x] < r2[y] ? 1 : 0;
    }
    const a2 = this.first2[x];
    const b2 = this.first2[y];
    if (typeof a2 === 'number' && typeof b2 === 'number') {
      if (a2 === b2) return -1;
      // the outer walk's items, the == walk (the first item, then unequal), the ordering walk
      m.charge(per + n * ORDER.items + EQ.items + l * ORDER.items);
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
        m.charge(per + n * ORDER.items + EQ.items + EQ.words * w + EQ.items + l * ORDER.items + EQ.words * w);
        return c < e ? 1 : 0;
      }
      m.charge(per + n * ORDER.items + EQ.items + EQ.words * w + l * ORDER.items + EQ.words * w + ORDER.words * w);
      return compareStr(a2, b2) < 0 ? 1 : 0;
    }
    return -1;
  }
}

/** Ranks and lengths of strs that are all strs and repeat (see Leads.rank1), else nulls. */
function ranks(xs: Value[]): [Int32Array | null, Int32Array | null] {
  const n = xs.length;
  const place = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const s = xs[i];
    if (typeof s !== 'string') return [null, null];
    if (!place.has(s)) {
      place.set(s, 0);
      if (place.size * 2 > n) return [null, null];
    }
  }
  const distinct = Array.from(place.keys()).sort(compareStr);
  for (let i = 0; i < distinct.length; i++) place.set(distinct[i], i);
  const rank = new Int32Array(n);
  const len = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const s = xs[i] as string;
    rank[i] = place.get(s)!;
    len[i] = s.length;
  }
  return [rank, len];
}
