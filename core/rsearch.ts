// The last occurrence of a needle in a str (or a bytes value held as latin1 text), in time
// linear in the window plus the needle on every input. V8's String.prototype.lastIndexOf
// compares the needle at every position from the end (O(n*m): "a" * n searched for
// "a" * k + "b" took ~1,000x the arithmetic loop's ns/gas through rfind, rsplit and
// rpartition). Its forward search (indexOf) is linear and native, so the window is searched
// in blocks from its end, each block with indexOf; the block holding the last occurrence is
// then searched backwards by Knuth-Morris-Pratt, in JavaScript but over at most 3 needle
// lengths of text. Blocks overlap by m - 1 units, so an occurrence that straddles two blocks
// is found in the later one.

/** Code units examined by a search, for tests that bound its work (optional). */
export interface Steps {
  n: number;
}

/** Greatest i with lo <= i and i + n.length <= hi where n occurs in h at i; -1 if none. */
export function lastIndex(h: string, n: string, lo: number, hi: number, steps?: Steps): number {
  const m = n.length;
  if (lo < 0) lo = 0;
  if (hi > h.length) hi = h.length;
  if (hi - lo < m) return -1;
  if (m === 0) return hi;
  // blocks of 2m starts (at least 4096 units, so short needles take few native calls)
  const B = Math.max(2 * m, 4096);
  let end = hi;
  while (end - lo >= m) {
    const start = Math.max(lo, end - B - (m - 1));
    if (steps) steps.n += end - start + m;
    const f = h.slice(start, end).indexOf(n);
    if (f >= 0) return kmpLast(h, codes(n), start + f, end, steps);
    end = start + m - 1;
  }
  return -1;
}

/**
 * KMP over both strings read backwards: the last occurrence of n inside h[lo, end) (the
 * caller knows there is one).
 */
function kmpLast(h: string, n: Uint16Array, lo: number, end: number, steps?: Steps): number {
  const m = n.length;
  // failure function of the reversed needle r, r[i] = n[m - 1 - i]
  const fail = new Int32Array(m);
  for (let i = 1, k = 0; i < m; i++) {
    while (k > 0 && n[m - 1 - i] !== n[m - 1 - k]) k = fail[k - 1];
    if (n[m - 1 - i] === n[m - 1 - k]) k++;
    fail[i] = k;
  }
  if (steps) steps.n += 2 * m;
  for (let i = end - 1, k = 0; i >= lo; i--) {
    const c = h.charCodeAt(i);
    while (k > 0 && c !== n[m - 1 - k]) {
      k = fail[k - 1];
      if (steps) steps.n++;
    }
    if (steps) steps.n++;
    if (c === n[m - 1 - k]) k++;
    if (k === m) return i;
  }
  return -1;
}

/** The needle's code units, read once (a needle made by concatenation is a rope, slow to index). */
function codes(s: string): Uint16Array {
  const out = new Uint16Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}
