// Small bytes values (concatenations, slices, to_bytes, bytes([...]) up to SMALL_BYTES long)
// are views of a shared slab, not typed arrays with their own storage. A small Uint8Array of
// its own is three heap objects (the array, its ArrayBuffer and the data), and every one that
// survives a scavenge is copied with all three: a loop building 50,000 12-byte records spent
// more than half its time in the collector that way (a view is one object; the slab is off
// the heap). Speed only: a view reads and compares as any Uint8Array, a value is never
// mutated after it is made, and each region of a slab is handed out once (already zero).
// A slab lives while any view of it does: at most SLAB bytes held per live small value,
// and every byte of a slab was allocated (and charged) by some operation.

/** Longest value made as a view. */
export const SMALL_BYTES = 64;
const SLAB = 2048;

let slab = new ArrayBuffer(SLAB);
let used = 0;

/** A zero-filled bytes value of n <= SMALL_BYTES bytes, for the caller to fill before anyone sees it. */
export function smallBytes(n: number): Uint8Array {
  if (used + n > SLAB) {
    slab = new ArrayBuffer(SLAB);
    used = 0;
  }
  const out = new Uint8Array(slab, used, n);
  used += n;
  return out;
}
