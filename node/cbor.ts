// Canonical CBOR (RFC 8949 §4.2.1 core deterministic encoding) for receipts. Written out by
// hand rather than configured from cbor-x: the encoder must never emit floats, indefinite
// lengths or unsorted maps whatever values it is handed, and the rules fit on one screen.
// cbor-x decodes these bytes (tests check that decode + re-encode is the identity).
import { ByteWriter } from '../compiler/bytewriter.js';
import { StateError } from '../spec/errors.js';

/** What the encoder accepts. Maps are plain objects with text keys; bigints beyond 64 bits become tag 2/3 bignums. */
export type Cbor = null | boolean | number | bigint | string | Uint8Array | Cbor[] | { [k: string]: Cbor };

const utf8 = new TextEncoder();
const U64 = 1n << 64n;

/** Major type + argument in the shortest form. */
function head(o: ByteWriter, major: number, n: bigint | number): void {
  const m = major << 5;
  if (typeof n === 'number') {
    if (n < 24) return o.byte(m | n);
    if (n < 0x100) return (o.byte(m | 24), o.byte(n));
    if (n < 0x10000) return (o.byte(m | 25), o.byte(n >>> 8), o.byte(n & 0xff));
    if (n < 0x100000000) return (o.byte(m | 26), o.byte(n >>> 24), o.byte((n >>> 16) & 0xff), o.byte((n >>> 8) & 0xff), o.byte(n & 0xff));
    n = BigInt(n);
  }
  if (n < 24n) return o.byte(m | Number(n));
  const size = n < 0x100n ? 1 : n < 0x10000n ? 2 : n < 0x100000000n ? 4 : 8;
  o.byte(m | (size === 1 ? 24 : size === 2 ? 25 : size === 4 ? 26 : 27));
  for (let i = size - 1; i >= 0; i--) o.byte(Number((n >> BigInt(8 * i)) & 0xffn));
}

function bigBytes(n: bigint): Uint8Array {
  const out: number[] = [];
  while (n > 0n) {
    out.unshift(Number(n & 0xffn));
    n >>= 8n;
  }
  return Uint8Array.from(out);
}

function int(o: ByteWriter, x: bigint): void {
  if (x >= 0n) {
    if (x < U64) return head(o, 0, x);
    head(o, 6, 2n);
    const b = bigBytes(x);
    head(o, 2, BigInt(b.length));
    return o.bytes(b);
  }
  const n = -1n - x;
  if (n < U64) return head(o, 1, n);
  head(o, 6, 3n);
  const b = bigBytes(n);
  head(o, 2, BigInt(b.length));
  o.bytes(b);
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

// Receipts reuse a dozen key names; encoding each once keeps map encoding allocation-free.
const keyCache = new Map<string, Uint8Array>();

function keyBytes(k: string): Uint8Array {
  let e = keyCache.get(k);
  if (e === undefined) {
    const b = utf8.encode(k);
    const o = new ByteWriter();
    head(o, 3, BigInt(b.length));
    o.bytes(b);
    e = o.buf.slice(0, o.len);
    if (keyCache.size < 1024) keyCache.set(k, e);
  }
  return e;
}

interface SortedKey {
  k: string;
  e: Uint8Array;
}
// Receipts build maps of a few fixed key lists over and over: each list is sorted once,
// and found again by its first key and length, then checked name by name (no string built).
const orderCache = new Map<string, { names: string[]; sorted: SortedKey[] }[]>();

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Deterministic order: keys compared by their encoded bytes (length first, then bytewise). */
function sortedKeys(names: string[]): SortedKey[] {
  if (names.length === 0) return [];
  const bucket = orderCache.get(names[0]);
  if (bucket !== undefined) for (const c of bucket) if (sameNames(c.names, names)) return c.sorted;
  const sorted = names.map((k) => ({ k, e: keyBytes(k) })).sort((a, b) => compareBytes(a.e, b.e));
  if (orderCache.size < 1024 && (bucket?.length ?? 0) < 8) {
    if (bucket === undefined) orderCache.set(names[0], [{ names, sorted }]);
    else bucket.push({ names, sorted });
  }
  return sorted;
}

const textCache = new Map<string, Uint8Array>();

function enc(o: ByteWriter, v: Cbor, depth: number): void {
  if (depth > 64) throw new StateError('CBOR value nested too deeply');
  if (v === null) return o.byte(0xf6);
  if (v === false) return o.byte(0xf4);
  if (v === true) return o.byte(0xf5);
  if (typeof v === 'number') {
    if (!Number.isSafeInteger(v)) throw new StateError(`canonical CBOR holds integers only, got ${v}`);
    return v >= 0 ? head(o, 0, v) : int(o, BigInt(v));
  }
  if (typeof v === 'bigint') return int(o, v);
  if (typeof v === 'string') {
    // receipts repeat a few short texts (status, kind): their encodings are kept
    if (v.length <= 16) {
      let e = textCache.get(v);
      if (e === undefined) {
        const b = utf8.encode(v);
        const w = new ByteWriter();
        head(w, 3, b.length);
        w.bytes(b);
        e = w.finish();
        if (textCache.size < 256) textCache.set(v, e);
      }
      return o.bytes(e);
    }
    const b = utf8.encode(v);
    head(o, 3, b.length);
    return o.bytes(b);
  }
  if (v instanceof Uint8Array) {
    head(o, 2, v.length);
    return o.bytes(v);
  }
  if (Array.isArray(v)) {
    head(o, 4, v.length);
    for (const x of v) enc(o, x, depth + 1);
    return;
  }
  if (typeof v === 'object') {
    const keys = sortedKeys(Object.keys(v));
    head(o, 5, keys.length);
    for (let i = 0; i < keys.length; i++) {
      o.bytes(keys[i].e);
      enc(o, v[keys[i].k], depth + 1);
    }
    return;
  }
  throw new StateError(`canonical CBOR cannot hold ${typeof v}`);
}

// One writer for every encoding (encodeCanonical does not nest): its buffer grows to the
// largest receipt once instead of doubling up from 64 bytes for each. A huge one is let go.
const shared = new ByteWriter();
const KEEP_BYTES = 1 << 16;

export function encodeCanonical(v: Cbor): Uint8Array {
  const o = shared;
  o.len = 0;
  try {
    enc(o, v, 0);
    return o.buf.slice(0, o.len);
  } finally {
    o.len = 0;
    if (o.buf.length > KEEP_BYTES) o.buf = new Uint8Array(64);
  }
}

/**
 * use(prefix || encodeCanonical(v)), the bytes given as a view of the shared writer that is
 * valid only during the call: for a hash of an encoding nobody keeps (tx hashes, log
 * leaves), with no copy of it made (a copy over 64 bytes lives outside V8's heap and was a
 * good part of a block's allocation cost).
 */
export function withCanonical<T>(prefix: Uint8Array | number | null, v: Cbor, use: (bytes: Uint8Array) => T): T {
  const o = shared;
  o.len = 0;
  try {
    if (typeof prefix === 'number') o.byte(prefix);
    else if (prefix !== null) o.bytes(prefix);
    enc(o, v, 0);
    return use(o.buf.subarray(0, o.len));
  } finally {
    o.len = 0;
    if (o.buf.length > KEEP_BYTES) o.buf = new Uint8Array(64);
  }
}
