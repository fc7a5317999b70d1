// Small bytes values that are often kept (concatenations and to_bytes results up to
// SMALL_BYTES long: records, keys, addresses) are views of a shared slab, not typed arrays
// with their own storage. A small Uint8Array of its own is three heap objects (the array,
// its ArrayBuffer and the data), and every one that survives a scavenge is copied with all
// three: a loop building 50,000 12-byte records spent more than half its time in the
// collector that way (a view is one object; the slab is off the heap). A view costs ~50 ns
// more to make than a small array of its own, so values that are mostly temporaries
// (slices, bytes([...])) stay on the heap.
// Speed only: a view reads and compares as any Uint8Array, a value is never mutated after
// it is made, and each region of a slab is handed out once (already zero). A slab lives
// while any view of it does, so one live value can hold up to SLAB bytes of the host's
// memory that the memory bound does not see: a contract keeping one 1-byte value after each
// 255 bytes of discarded temporaries holds 256 bytes per ~9 counted. SLAB is kept small for
// that reason: 256 bytes is near what a standalone Uint8Array costs anyway (~150-200 B with
// its ArrayBuffer), where 2 KB let 8 MB of counted memory pin ~1.9 GB.

/** Longest value made as a view. */
export const SMALL_BYTES = 64;
const SLAB = 256;

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
