// sorted(): a stable bottom-up merge sort of our own (spec/SORT.md), so the comparisons made,
// their order, the gas they cost and the point where a TypeError stops the sort are the same
// on every host; Array.prototype.sort leaves all of that to the engine.
import { compareStr, compareSequences, pyCompare, ORDER_PRICES as ORDER, EQ_PRICES as EQ } from './compare.js';
import { limbsOver, words } from './pricing.js';
import { bitLenBig } from './bigint.js';
import type { Machine } from './machine.js';
import { MAX_VALUE_DEPTH, PyTuple, type Value } from './values.js';

/**
 * xs in ascending order of keys (keys[i] is xs[i]'s sort key; xs itself when no key
 * function), or descending with reverse, equal keys keeping their input order either way.
 * Each comparison costs `per` before it is made, plus what the comparison itself charges.
 */
export function stableSort(m: Machine, xs: Value[], reverse: boolean, per: number, keys: Value[] = xs): Value[] {
  const n = xs.length;
  let small = true;
  for (let i = 0; i < n && small; i++) small = typeof keys[i] === 'number';
  // all tuples (sorted(key=) compares its decorated (key, index, item) tuples): compare their
  // items arrays directly, as pyCompare would after its tuple test
  let tuples = n > 0 && !small;
  for (let i = 0; i < n && tuples; i++) tuples = keys[i] instanceof PyTuple;
  // "x goes before y": x < y, or y < x when reversed; never true for equal keys (stability)
  let before: (x: number, y: number) => boolean;
  let plan: Plan | null = null;
  if (small) {
    // every key a small int: merged on a typed copy (see mergeOrder); under reverse "x before
    // y" is y < x, that is -x < -y, so negate once (safe ints negate exactly). A comparison
    // of two small ints cannot fail and costs `per`, equal ones included.
    const k1 = new Float64Array(n);
    for (let i = 0; i < n; i++) k1[i] = reverse ? -(keys[i] as number) : (keys[i] as number);
    plan = { k1, k2: null, w: null, base1: per, coef1: 0, base2: 0, coef2: 0, tieFalse: true };
    before = NEVER;
  } else if (tuples) {
    const its: Value[][] = keys.map((k) => (k as PyTuple).items);
    plan = pairPlan(its, reverse, per);
    if (plan !== null) {
      // what the plan leaves undecided (equal leading items) is what Leads.less leaves to
      // the full walk too: charged `per`, then compareSequences
      before = (x, y) => {
        m.charge(per);
        return reverse ? compareSequences(m, its[y], its[x], '<', 0) < 0 : compareSequences(m, its[x], its[y], '<', 0) < 0;
      };
    } else {
      const lead = new Leads(its);
      before = (x, y) => {
        // `less` charges `per` with what it decides (one debit: an OOG ends the call either
        // way), else it is charged here
        const r = reverse ? lead.less(m, y, x, per) : lead.less(m, x, y, per);
        if (r >= 0) return r === 1;
        m.charge(per);
        return reverse ? compareSequences(m, its[y], its[x], '<', 0) < 0 : compareSequences(m, its[x], its[y], '<', 0) < 0;
      };
    }
  } else {
    let owed = 0;
    const bits = new Float64Array(n).fill(-1);
    before = (x, y) => {
      const a = keys[x];
      const b = keys[y];
      if (typeof a === 'number' && typeof b === 'number') {
        // batched as mergeOrder batches a plan's charges
        if (++owed === 1024) {
          m.charge(owed * per);
          owed = 0;
        }
        return reverse ? b < a : a < b;
      }
      if (typeof a === 'bigint' && typeof b === 'bigint') {
        // LT's limbs as pyCompare charges them, each key's width found once per sort
        let la = bits[x];
        if (la < 0) bits[x] = la = bigWidth(a);
        let lb = bits[y];
        if (lb < 0) bits[y] = lb = bigWidth(b);
        m.charge((owed + 1) * per + ORDER.limbs * limbsOver(la < lb ? la : lb));
        owed = 0;
        return reverse ? b < a : a < b;
      }
      m.charge((owed + 1) * per);
      owed = 0;
      return reverse ? pyCompare(m, b, a, '<') < 0 : pyCompare(m, a, b, '<') < 0;
    };
    const order = mergeOrder(m, n, null, before);
    m.charge(owed * per);
    return pick(xs, order);
  }
  return pick(xs, mergeOrder(m, n, plan, before));
}

const P256 = 1n << 256n;
/** bits of a big int's magnitude, or 0 below 2^256 (where LT's limbs are 0 whatever the other side) */
function bigWidth(x: bigint): number {
  return x < P256 && x > -P256 ? 0 : bitLenBig(x);
}

function pick(xs: Value[], order: Int32Array): Value[] {
  const out = new Array<Value>(xs.length);
  for (let i = 0; i < xs.length; i++) out[i] = xs[order[i]];
  return out;
}

const NEVER = (): boolean => false;

/**
 * Comparisons decided from numbers, with their charges: "x before y" is (k1[x], k2[x]) <
 * (k1[y], k2[y]) in order (negated under reverse), decided by k1 when the two differ, else by
 * k2 when it is given and they differ; equal keys are "not before" when tieFalse, else the
 * comparison is left to before(). A comparison decided by k1 costs base1 + coef1 * min(w[x],
 * w[y]), one decided by k2 base2 + coef2 * min(...) (w null: 0), what the full comparison
 * would charge for it.
 */
interface Plan {
  k1: Float64Array;
  k2: Float64Array | null;
  w: Float64Array | null;
  base1: number;
  coef1: number;
  base2: number;
  coef2: number;
  tieFalse: boolean;
}

/**
 * A plan for tuple keys that all have one length and whose leading items Leads.less would
 * decide from numbers: every first item a small int, or (ranked) a repeating str, or a tuple
 * (all of one length) whose first items are small ints or repeating strs; the second items
 * (of the key, or of its first tuple) small ints. Charges as Leads.less charges (the sort
 * tests hold both to the generic comparison). null: Leads decides.
 */
function pairPlan(its: Value[][], reverse: boolean, per: number): Plan | null {
  const n = its.length;
  const L = its[0].length;
  for (let i = 1; i < n; i++) if (its[i].length !== L) return null;
  if (L === 0) return null;
  const s = reverse ? -1 : 1;
  const col = (xs: Value[]): Float64Array | null => {
    const k = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = xs[i];
      if (typeof v !== 'number') return null;
      k[i] = s * v;
    }
    return k;
  };
  const strCol = (xs: Value[]): [Float64Array, Float64Array] | null => {
    const [rank, len] = ranks(xs);
    if (rank === null) return null;
    const k = new Float64Array(n);
    const w = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      k[i] = s * rank[i];
      w[i] = words(len![i]);
    }
    return [k, w];
  };
  const first = its.map((q) => q[0]);
  const base = per + L * ORDER.items;
  if (typeof first[0] === 'number' || typeof first[0] === 'string') {
    const k2 = L >= 2 ? col(its.map((q) => q[1])) : null;
    if (k2 === null) return null; // ties on the first item would need the walk
    if (typeof first[0] === 'number') {
      const k1 = col(first);
      return k1 && { k1, k2, w: null, base1: base, coef1: 0, base2: base, coef2: 0, tieFalse: false };
    }
    const c = strCol(first);
    return c && { k1: c[0], k2, w: c[1], base1: base, coef1: EQ.words + ORDER.words, base2: base, coef2: EQ.words, tieFalse: false };
  }
  // tuple keys whose first item is a tuple of one length l >= 1 for all
  if (!(first[0] instanceof PyTuple) || MAX_VALUE_DEPTH < 2) return null;
  const inner: Value[][] = [];
  for (let i = 0; i < n; i++) {
    const f = first[i];
    if (!(f instanceof PyTuple)) return null;
    inner.push(f.items);
  }
  const l = inner[0].length;
  if (l < 1) return null;
  for (let i = 1; i < n; i++) if (inner[i].length !== l) return null;
  const f2 = inner.map((q) => q[0]);
  const base1 = base + EQ.items + l * ORDER.items;
  if (typeof f2[0] === 'number') {
    // equal first items of the tuples: Leads leaves those to the walk
    const k1 = col(f2);
    return k1 && { k1, k2: null, w: null, base1, coef1: 0, base2: 0, coef2: 0, tieFalse: false };
  }
  const c = strCol(f2);
  if (c === null) return null;
  const k2 = l >= 2 ? col(inner.map((q) => q[1])) : null;
  return { k1: c[0], k2, w: c[1], base1, coef1: 2 * EQ.words + ORDER.words, base2: base1 + EQ.items, coef2: 2 * EQ.words, tieFalse: false };
}

/**
 * The bottom-up merge of spec/SORT.md over indexes 0..n-1: runs of width 1, 2, 4, ... merged
 * pairwise, a pair already in order found by one comparison; returns the sorted indexes.
 * "x goes before y" is decided by the plan where it can (its comparisons cannot fail, so
 * their charges are summed and debited before the next comparison that can, every 1024
 * comparisons and at the end: the outcome is the one charging each in turn gives, as an OOG
 * consumes all gas anyway), else by before(x, y).
 */
function mergeOrder(m: Machine, n: number, plan: Plan | null, before: (x: number, y: number) => boolean): Int32Array {
  if (plan !== null && plan.k2 === null && plan.tieFalse) return mergeNumbers(m, n, plan.k1, plan.base1);
  let src = new Int32Array(n);
  let dst = new Int32Array(n);
  for (let i = 0; i < n; i++) src[i] = i;
  let owed = 0;
  let count = 0;
  const k1 = plan === null ? null : plan.k1;
  const k2 = plan === null ? null : plan.k2;
  const wd = plan === null ? null : plan.w;
  const base1 = plan === null ? 0 : plan.base1;
  const coef1 = plan === null ? 0 : plan.coef1;
  const base2 = plan === null ? 0 : plan.base2;
  const coef2 = plan === null ? 0 : plan.coef2;
  const tieFalse = plan !== null && plan.tieFalse;
  // one comparator for every key kind (a closure of its own per kind costs ~1.5x on small
  // ints once the process also sorts other keys)
  const lt = (x: number, y: number): boolean => {
    if (k1 === null) return before(x, y);
    const a = k1[x];
    const b = k1[y];
    let r: boolean;
    if (a !== b) {
      r = a < b;
      owed += wd === null ? base1 : base1 + coef1 * (wd[x] < wd[y] ? wd[x] : wd[y]);
    } else if (k2 !== null && k2[x] !== k2[y]) {
      r = k2[x] < k2[y];
      owed += wd === null ? base2 : base2 + coef2 * (wd[x] < wd[y] ? wd[x] : wd[y]);
    } else if (tieFalse) {
      r = false;
      owed += base1;
    } else {
      m.charge(owed);
      owed = 0;
      count = 0;
      return before(x, y);
    }
    if (++count === 1024) {
      m.charge(owed);
      owed = 0;
      count = 0;
    }
    return r;
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
  m.charge(owed);
  return src;
}

/**
 * mergeOrder for keys that are all numbers (small ints): every comparison is k[x] < k[y] at
 * `per`, written into the loop (no comparator call); charges batched as mergeOrder batches them.
 */
function mergeNumbers(m: Machine, n: number, k: Float64Array, per: number): Int32Array {
  let src = new Int32Array(n);
  let dst = new Int32Array(n);
  for (let i = 0; i < n; i++) src[i] = i;
  let count = 0;
  for (let w = 1; w < n; w *= 2) {
    for (let lo = 0; lo < n; lo += 2 * w) {
      const mid = Math.min(lo + w, n);
      const hi = Math.min(lo + 2 * w, n);
      if (mid < hi && ++count === 1024) {
        m.charge(count * per);
        count = 0;
      }
      // one run, or two already in order (one comparison): copy
      if (mid >= hi || !(k[src[mid]] < k[src[mid - 1]])) {
        dst.set(src.subarray(lo, hi), lo);
        continue;
      }
      let i = lo;
      let j = mid;
      let o = lo;
      let x = src[j];
      let y = src[i];
      let kx = k[x];
      let ky = k[y];
      for (;;) {
        if (++count === 1024) {
          m.charge(count * per);
          count = 0;
        }
        if (kx < ky) {
          dst[o++] = x;
          if (++j === hi) break;
          x = src[j];
          kx = k[x];
        } else {
          dst[o++] = y;
          if (++i === mid) break;
          y = src[i];
          ky = k[y];
        }
      }
      while (i < mid) dst[o++] = src[i++];
      while (j < hi) dst[o++] = src[j++];
    }
    const t = src;
    src = dst;
    dst = t;
  }
  m.charge(count * per);
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
