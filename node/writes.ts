// A call's storage writes as the receipt keeps them: a few arrays, not one object per write.
// Plain data (structuredClone and host/parallel/plain_codec take it as it is). Why packed:
// a receipt lives on after its call (a node keeps it, a benchmark holds the last one), and
// 10k writes held as {address, key, value} records with two byte views each (~200 B a
// write) cost W4 ~15% of its CPU in the young-generation collector copying them. Here the
// bytes stay where the journal put them (its slabs, frozen: node/slabmap.ts) and a write is
// four int32s.

/** One storage write: the contract's key (the slot id a node stores it under is storageSlot(key)) and its value, null when emptied. */
export interface StorageWrite {
  address: Uint8Array;
  key: Uint8Array;
  value: Uint8Array | null;
}

/**
 * A call's storage writes, sorted by address then key bytes. Write i is address
 * `addresses[index[4i]]`, key `slabs[index[4i]][index[4i+1] .. +index[4i+2])`, value the
 * `index[4i+3]` bytes after the key (-1: the slot was emptied). A slab may hold bytes that
 * are no write's (the journal's other entries); those mean nothing.
 */
export interface StorageWrites {
  addresses: Uint8Array[];
  /** per address: the bytes its writes' keys and values are in */
  slabs: Uint8Array[];
  index: Int32Array;
}

/** per write in StorageWrites.index */
export const WRITE_STRIDE = 4;

/** No writes (shared: frozen). */
export const NO_WRITES: StorageWrites = Object.freeze({
  addresses: Object.freeze([]) as unknown as Uint8Array[],
  slabs: Object.freeze([]) as unknown as Uint8Array[],
  index: new Int32Array(0),
});

export function writeCount(w: StorageWrites): number {
  return w.index.length / WRITE_STRIDE;
}

/** Write i's address (the journal's object; shared by every write of the address). */
export function writeAddress(w: StorageWrites, i: number): Uint8Array {
  return w.addresses[w.index[i * WRITE_STRIDE]];
}

/** Write i's key: a view of its slab (the bytes never change). */
export function writeKey(w: StorageWrites, i: number): Uint8Array {
  const p = i * WRITE_STRIDE;
  const s = w.slabs[w.index[p]];
  return s.subarray(w.index[p + 1], w.index[p + 1] + w.index[p + 2]);
}

/** Write i's value, a view of its slab, or null when the write emptied the slot. */
export function writeValue(w: StorageWrites, i: number): Uint8Array | null {
  const p = i * WRITE_STRIDE;
  const len = w.index[p + 3];
  if (len < 0) return null;
  const s = w.slabs[w.index[p]];
  const o = w.index[p + 1] + w.index[p + 2];
  return s.subarray(o, o + len);
}

/** Write i as a record (views, no copies). */
export function writeAt(w: StorageWrites, i: number): StorageWrite {
  return { address: writeAddress(w, i), key: writeKey(w, i), value: writeValue(w, i) };
}

/** Every write as a record, in order (for tools and tests; the node's own paths read the index). */
export function writeList(w: StorageWrites): StorageWrite[] {
  const out: StorageWrite[] = [];
  for (let i = 0, n = writeCount(w); i < n; i++) out.push(writeAt(w, i));
  return out;
}
