// Storage slots held as bytes in one growable slab, with an open-addressing index (for the
// journal, runtime/journal.ts, and the in-memory state, runtime/state.ts). Why not a Map of
// objects: W4 (10k slots per call) spent ~40% of its time in the garbage collector, copying
// and promoting one key string, one Slot and one Uint8Array per slot that lived to the end
// of the call (profile of 2026-11-25; --trace-gc showed 15-25 ms scavenges). Here a slot is four int32s and its bytes, in typed arrays
// the collector never walks; the only per-slot object is the one a read hands out.
//
// An entry is never removed: an empty slot keeps its entry with "no value" (vlen -1), so
// indices stay valid for the map's life. Order of entries is insertion order; nothing
// observable depends on the hash (receipts and snapshots sort by key bytes).

const K_OFF = 0; // offset of the entry's region in the slab: key bytes, then value capacity
const K_LEN = 1;
const V_LEN = 2; // -1: no value (empty slot)
const V_CAP = 3;
const STRIDE = 4;
const INITIAL = 64;

/** FNV-1a over the bytes (32-bit integer arithmetic only) */
function hashOf(b: Uint8Array, off: number, len: number): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < len; i++) h = Math.imul(h ^ b[off + i], 0x01000193);
  return (h ^ (h >>> 15)) | 0;
}

export class SlabMap {
  private slab: Uint8Array;
  private used = 0;
  private ent: Int32Array;
  /** entry + 1 per bucket, 0 = free; at most half full */
  private index: Int32Array;
  /** entries (including empty slots) */
  n = 0;
  /** entries with a value */
  live = 0;
  /** one caller-defined byte per entry (the journal's "written" and "non-empty before the call") */
  flags: Uint8Array;
  /** each entry's key hash, so growing the index rehashes no key bytes */
  private hashes: Int32Array;
  /** the object reads return, per entry, made at the first read after a write (reads between writes return one object) */
  private objs: (Uint8Array | undefined)[] = [];

  /** initial: entries before the first growth (a power of two; a call's journal touches a few slots per address) */
  constructor(initial = INITIAL) {
    this.slab = new Uint8Array(initial * 16);
    this.ent = new Int32Array(initial * STRIDE);
    this.index = new Int32Array(initial * 2);
    this.flags = new Uint8Array(initial);
    this.hashes = new Int32Array(initial);
  }

  /** The entry of key, or -1. */
  find(key: Uint8Array): number {
    return this.findAt(key, 0, key.length);
  }

  private findAt(key: Uint8Array, off: number, len: number, h = hashOf(key, off, len)): number {
    const mask = this.index.length - 1;
    const slab = this.slab;
    const ent = this.ent;
    const hashes = this.hashes;
    for (let b = h & mask; ; b = (b + 1) & mask) {
      const e = this.index[b] - 1;
      if (e < 0) return -1;
      const p = e * STRIDE;
      if (hashes[e] !== h || ent[p + K_LEN] !== len) continue;
      const o = ent[p + K_OFF];
      let i = 0;
      while (i < len && slab[o + i] === key[off + i]) i++;
      if (i === len) return e;
    }
  }

  /** The entry of key, added empty (no value, flags 0) when absent, with room for a value of cap bytes. */
  add(key: Uint8Array, cap = 0): number {
    const h = hashOf(key, 0, key.length);
    const f = this.findAt(key, 0, key.length, h);
    return f >= 0 ? f : this.insert(key, 0, key.length, cap, h);
  }

  /** a new entry for key[off, off+len) (not present) */
  private insert(key: Uint8Array, off: number, len: number, cap: number, h: number): number {
    const e = this.n++;
    if ((e + 1) * STRIDE > this.ent.length) {
      const ent = new Int32Array(this.ent.length * 2);
      ent.set(this.ent);
      this.ent = ent;
      const flags = new Uint8Array(this.flags.length * 2);
      flags.set(this.flags);
      this.flags = flags;
      const hashes = new Int32Array(this.hashes.length * 2);
      hashes.set(this.hashes);
      this.hashes = hashes;
    }
    const o = this.reserve(len + cap);
    const slab = this.slab;
    for (let i = 0; i < len; i++) slab[o + i] = key[off + i];
    const p = e * STRIDE;
    this.ent[p + K_OFF] = o;
    this.ent[p + K_LEN] = len;
    this.ent[p + V_LEN] = -1;
    this.ent[p + V_CAP] = cap;
    this.flags[e] = 0;
    this.hashes[e] = h;
    this.objs.push(undefined);
    if (this.n * 2 > this.index.length) this.rehash(this.index.length * 2);
    else this.place(e);
    return e;
  }

  private place(e: number): void {
    const mask = this.index.length - 1;
    let b = this.hashes[e] & mask;
    while (this.index[b] !== 0) b = (b + 1) & mask;
    this.index[b] = e + 1;
  }

  private rehash(size: number): void {
    this.index = new Int32Array(size);
    for (let e = 0; e < this.n; e++) this.place(e);
  }

  /** n bytes at the end of the slab, growing it */
  private reserve(n: number): number {
    const o = this.used;
    if (o + n > this.slab.length) {
      let size = this.slab.length * 2;
      while (size < o + n) size *= 2;
      const slab = new Uint8Array(size);
      slab.set(this.slab.subarray(0, o));
      this.slab = slab;
    }
    this.used = o + n;
    return o;
  }

  hasValue(e: number): boolean {
    return this.ent[e * STRIDE + V_LEN] >= 0;
  }

  /** Set the value of entry e (null or empty: no value) from src[off, off+len). */
  private putBytes(e: number, src: Uint8Array | null, off: number, len: number): void {
    const p = e * STRIDE;
    const was = this.ent[p + V_LEN] >= 0;
    this.objs[e] = undefined;
    if (src === null || len <= 0) {
      this.ent[p + V_LEN] = -1;
      if (was) this.live--;
      return;
    }
    if (!was) this.live++;
    if (len > this.ent[p + V_CAP]) {
      // a new region holding the key and the value; the old one is left unused
      const klen = this.ent[p + K_LEN];
      const o = this.reserve(klen + len);
      this.slab.copyWithin(o, this.ent[p + K_OFF], this.ent[p + K_OFF] + klen);
      this.ent[p + K_OFF] = o;
      this.ent[p + V_CAP] = len;
    }
    const slab = this.slab;
    const d = this.ent[p + K_OFF] + this.ent[p + K_LEN];
    if (len <= 64) for (let i = 0; i < len; i++) slab[d + i] = src![off + i];
    else slab.set(src!.subarray(off, off + len), d);
    this.ent[p + V_LEN] = len;
  }

  put(e: number, v: Uint8Array | null): void {
    this.putBytes(e, v, 0, v === null ? 0 : v.length);
  }

  /** key of src's entry j, with its value (or none), into this map */
  copyFrom(src: SlabMap, j: number): void {
    const p = j * STRIDE;
    const o = src.ent[p + K_OFF];
    const klen = src.ent[p + K_LEN];
    const vlen = src.ent[p + V_LEN];
    const h = src.hashes[j];
    let e = this.findAt(src.slab, o, klen, h);
    if (e < 0) e = this.insert(src.slab, o, klen, vlen > 0 ? vlen : 0, h);
    this.putBytes(e, src.slab, o + klen, vlen);
  }

  /**
   * Never write the current regions again (every later value goes to a new region), so
   * offsets taken now (locate()) keep their bytes for the slab's life.
   */
  freeze(): void {
    for (let p = V_CAP; p < this.n * STRIDE; p += STRIDE) this.ent[p] = 0;
  }

  /** The slab now: after freeze() the bytes of the regions taken until then never change, whatever the map does next. */
  bytes(): Uint8Array {
    return this.slab;
  }

  /** Entry e's key offset in bytes(), key length and value length (-1: none), into out[p .. p+3). */
  locate(e: number, out: Int32Array, p: number): void {
    const q = e * STRIDE;
    out[p] = this.ent[q + K_OFF];
    out[p + 1] = this.ent[q + K_LEN];
    out[p + 2] = this.ent[q + V_LEN];
  }

  /**
   * The value as reads return it: one object per entry until the next write; null when
   * empty. It is a view of the slab, whose region is then never written again (capacity 0:
   * the next value goes to a new region), so the bytes a reader holds never change. A view
   * costs about half a copy's heap, and nothing is copied. The slab it keeps alive holds
   * only bytes the map held anyway; the VM's memory accounting counts a view by its length,
   * as it counted the copy.
   */
  read(e: number): Uint8Array | null {
    const o = this.objs[e];
    if (o !== undefined) return o;
    const p = e * STRIDE;
    const len = this.ent[p + V_LEN];
    if (len < 0) return null;
    const v = new Uint8Array(this.slab.buffer, this.ent[p + K_OFF] + this.ent[p + K_LEN], len);
    this.ent[p + V_CAP] = 0;
    return (this.objs[e] = v);
  }

  /**
   * Forget the objects reads have handed out (a later read makes new ones). For a journal
   * whose call has ended: what a receipt keeps then holds no per-slot objects.
   */
  dropReads(): void {
    this.objs.fill(undefined);
  }

  /** A fresh copy of the value, or null. */
  value(e: number): Uint8Array | null {
    const p = e * STRIDE;
    const len = this.ent[p + V_LEN];
    if (len < 0) return null;
    const o = this.ent[p + K_OFF] + this.ent[p + K_LEN];
    return this.slab.slice(o, o + len);
  }

  /** A fresh copy of the key. */
  key(e: number): Uint8Array {
    const p = e * STRIDE;
    const o = this.ent[p + K_OFF];
    return this.slab.slice(o, o + this.ent[p + K_LEN]);
  }

  /** Byte order of two entries' keys (a prefix first). */
  compare(a: number, b: number): number {
    const ent = this.ent;
    const slab = this.slab;
    const oa = ent[a * STRIDE + K_OFF];
    const ob = ent[b * STRIDE + K_OFF];
    const la = ent[a * STRIDE + K_LEN];
    const lb = ent[b * STRIDE + K_LEN];
    const n = la < lb ? la : lb;
    for (let i = 0; i < n; i++) {
      const d = slab[oa + i] - slab[ob + i];
      if (d !== 0) return d;
    }
    return la - lb;
  }

  /** The entries that pass keep, sorted by key bytes. */
  sorted(keep: (e: number) => boolean): number[] {
    const out: number[] = [];
    for (let e = 0; e < this.n; e++) if (keep(e)) out.push(e);
    return out.sort((a, b) => this.compare(a, b));
  }
}
