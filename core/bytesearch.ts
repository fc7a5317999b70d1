// Substring search in bytes, linear in the haystack plus the needle on every input: a
// candidate scan that finds the needle's first byte natively (TypedArray indexOf) and checks
// the rest, which is fastest on ordinary data, hands over to Knuth-Morris-Pratt once its
// checks have compared more than twice the bytes scanned (the "aaaa...ab" inputs that make
// a naive search O(n*m)). Both find the same first occurrence, so the switch point only
// changes speed.

/** First index i, from <= i and i + len(n) <= to, where n occurs in h; -1 if none. */
export function findBytes(h: Uint8Array, n: Uint8Array, from: number, to: number): number {
  const m = n.length;
  if (from < 0) from = 0;
  if (to > h.length) to = h.length;
  if (m === 0) return from <= to ? from : -1;
  const last = to - m;
  if (from > last) return -1;
  const first = n[0];
  let budget = 2 * (last - from) + 64;
  let i = from;
  while (i <= last) {
    i = h.indexOf(first, i);
    if (i < 0 || i > last) return -1;
    let j = 1;
    while (j < m && h[i + j] === n[j]) j++;
    if (j === m) return i;
    budget -= j;
    if (budget < 0) return kmp(h, n, i + 1, to);
    i++;
  }
  return -1;
}

function kmp(h: Uint8Array, n: Uint8Array, from: number, to: number): number {
  const m = n.length;
  const fail = new Int32Array(m);
  for (let i = 1, k = 0; i < m; i++) {
    while (k > 0 && n[i] !== n[k]) k = fail[k - 1];
    if (n[i] === n[k]) k++;
    fail[i] = k;
  }
  for (let i = from, k = 0; i < to; i++) {
    while (k > 0 && h[i] !== n[k]) k = fail[k - 1];
    if (h[i] === n[k]) k++;
    if (k === m) return i - m + 1;
  }
  return -1;
}
