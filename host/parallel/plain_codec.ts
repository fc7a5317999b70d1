// Plain data (what a tx's outcome and a block's writes are made of) to one byte buffer and
// back, for postMessage between the parallel executor's threads with the buffer transferred.
// Why not postMessage's own structured clone (v8.serialize): a token transfer's outcome is
// ~60 small objects and typed arrays, and cloning one cost ~45 us to write and ~35 us to
// read (measured on this machine under load), as much as running the tx; this codec writes
// it in a few us, and reading makes each byte string a view of the one received buffer.
// Why not cbor-x: it gives back small bigints as numbers (a fee of 5n would come back as 5)
// and its typed arrays as Buffers; here every value comes back with its exact type.
//
// Values: undefined, null, booleans, numbers, bigints, strings, Uint8Arrays, Int32Arrays, arrays, Maps
// and plain objects (own enumerable string keys, in order); anything else throws (callers
// send such outcomes by structured clone). Nesting is bounded (MAX_DEPTH).

import { ByteWriter } from '../../compiler/bytewriter.js';

const enum T {
  Undef = 0,
  Null = 1,
  False = 2,
  True = 3,
  Int = 4,
  Num = 5,
  BigPos = 6,
  BigNeg = 7,
  Str = 8,
  Bytes = 9,
  Arr = 10,
  Obj = 11,
  Map = 12,
  /** a string of chars below 256, one byte each */
  Str1 = 13,
  /** an Int32Array (a receipt's packed storage writes, node/writes.ts) */
  I32 = 14,
}

/** object keys: the first time a key is written it is given the next number, after that only the number */
const NEW_KEY = 0xffff;

const MAX_DEPTH = 256;

/** Thrown by encodePlain for a value it does not take (the caller sends it another way). */
export class NotPlain extends Error {}

/** compiler/bytewriter's growing buffer, with a DataView kept on whichever buffer it has now */
class Writer extends ByteWriter {
  /** object key -> its number in this buffer */
  readonly keys = new Map<string, number>();
  private view = new DataView(this.buf.buffer);

  override room(n: number): void {
    const before = this.buf;
    super.room(n);
    if (this.buf !== before) this.view = new DataView(this.buf.buffer);
  }
  /** a fresh small buffer (after a huge value, so the writer does not keep it) */
  reset(): void {
    this.buf = new Uint8Array(4096);
    this.view = new DataView(this.buf.buffer);
  }
  u8(x: number): void {
    this.byte(x);
  }
  u32(x: number): void {
    this.room(4);
    this.view.setUint32(this.len, x, true);
    this.len += 4;
  }
  f64(x: number): void {
    this.room(8);
    this.view.setFloat64(this.len, x, true);
    this.len += 8;
  }
  /** length, then the bytes */
  sized(b: Uint8Array): void {
    this.u32(b.length);
    this.bytes(b);
  }
  /** a string with its tag: one byte a char when every char is below 256, else UTF-16 code units (exact for any string) */
  str(s: string): void {
    const n = s.length;
    let wide = false;
    for (let i = 0; i < n && !wide; i++) wide = s.charCodeAt(i) > 0xff;
    this.u8(wide ? T.Str : T.Str1);
    this.u32(n);
    this.room(wide ? 2 * n : n);
    const b = this.buf;
    let o = this.len;
    if (wide)
      for (let i = 0; i < n; i++) {
        const c = s.charCodeAt(i);
        b[o++] = c & 0xff;
        b[o++] = c >>> 8;
      }
    else for (let i = 0; i < n; i++) b[o++] = s.charCodeAt(i);
    this.len = o;
  }
  /** an object key: its number, or NEW_KEY and the key the first time */
  key(k: string): void {
    const id = this.keys.get(k);
    this.room(2);
    if (id !== undefined) {
      this.buf[this.len++] = id & 0xff;
      this.buf[this.len++] = id >>> 8;
      return;
    }
    this.buf[this.len++] = 0xff;
    this.buf[this.len++] = 0xff;
    if (this.keys.size < NEW_KEY) this.keys.set(k, this.keys.size);
    this.str(k);
  }
}

function put(w: Writer, v: unknown, depth: number): void {
  if (depth > MAX_DEPTH) throw new NotPlain('nested too deeply');
  if (v === undefined) return w.u8(T.Undef);
  if (v === null) return w.u8(T.Null);
  if (v === false) return w.u8(T.False);
  if (v === true) return w.u8(T.True);
  if (typeof v === 'number') {
    if ((v | 0) === v && !Object.is(v, -0)) {
      w.u8(T.Int);
      w.u32(v >>> 0);
      return;
    }
    w.u8(T.Num);
    return w.f64(v);
  }
  if (typeof v === 'bigint') {
    const neg = v < 0n;
    let x = neg ? -v : v;
    w.u8(neg ? T.BigNeg : T.BigPos);
    // 32-bit words, least significant first
    const words: number[] = [];
    while (x > 0n) {
      words.push(Number(x & 0xffffffffn));
      x >>= 32n;
    }
    w.u32(words.length);
    for (const word of words) w.u32(word);
    return;
  }
  if (typeof v === 'string') return w.str(v);
  if (v instanceof Uint8Array) {
    // a Buffer too: it comes back a Uint8Array, as structured clone gives it back
    w.u8(T.Bytes);
    return w.sized(v);
  }
  if (v instanceof Int32Array) {
    w.u8(T.I32);
    w.u32(v.length);
    for (let i = 0; i < v.length; i++) w.u32(v[i] >>> 0);
    return;
  }
  if (Array.isArray(v)) {
    w.u8(T.Arr);
    w.u32(v.length);
    for (let i = 0; i < v.length; i++) put(w, v[i], depth + 1);
    return;
  }
  if (v instanceof Map) {
    w.u8(T.Map);
    w.u32(v.size);
    for (const [k, x] of v) {
      put(w, k, depth + 1);
      put(w, x, depth + 1);
    }
    return;
  }
  if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    const keys = Object.keys(v);
    w.u8(T.Obj);
    w.u32(keys.length);
    for (const k of keys) {
      w.key(k);
      put(w, (v as Record<string, unknown>)[k], depth + 1);
    }
    return;
  }
  throw new NotPlain(`not plain data: ${typeof v === 'object' ? (v.constructor?.name ?? 'object') : typeof v}`);
}

/** v as bytes (a buffer of its own, to transfer); throws NotPlain for what the codec does not take. */
/** one writer for every encoding (encodePlain does not nest): its buffer grows once, and only the result is a new one */
const shared = new Writer();

export function encodePlain(v: unknown): Uint8Array<ArrayBuffer> {
  const w = shared;
  w.len = 0;
  w.keys.clear();
  try {
    put(w, v, 0);
    return w.buf.slice(0, w.len);
  } finally {
    w.len = 0;
    w.keys.clear();
    if (w.buf.length > 1 << 20) w.reset();
  }
}

class Reader {
  o = 0;
  /** object keys by number, as the writer numbered them */
  readonly keys: string[] = [];
  private readonly view: DataView;
  constructor(readonly b: Uint8Array) {
    this.view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  }
  u8(): number {
    return this.b[this.o++];
  }
  u32(): number {
    const x = this.view.getUint32(this.o, true);
    this.o += 4;
    return x;
  }
  f64(): number {
    const x = this.view.getFloat64(this.o, true);
    this.o += 8;
    return x;
  }
  /** a string written by Writer.str (its tag read) */
  str(wide: boolean): string {
    const n = this.u32();
    const b = this.b;
    let o = this.o;
    let s = '';
    // in chunks: fromCharCode.apply on a plain array, as node/bytekey.ts does
    for (let i = 0; i < n; ) {
      const m = Math.min(n - i, 1024);
      const codes = new Array<number>(m);
      if (wide) for (let j = 0; j < m; j++, o += 2) codes[j] = b[o] | (b[o + 1] << 8);
      else for (let j = 0; j < m; j++) codes[j] = b[o++];
      s += String.fromCharCode.apply(null, codes);
      i += m;
    }
    this.o = o;
    return s;
  }
  key(): string {
    const id = this.b[this.o] | (this.b[this.o + 1] << 8);
    this.o += 2;
    if (id !== NEW_KEY) return this.keys[id];
    const k = this.str(this.u8() === T.Str);
    if (this.keys.length < NEW_KEY) this.keys.push(k);
    return k;
  }
}

function get(r: Reader): unknown {
  const t = r.u8();
  switch (t) {
    case T.Undef:
      return undefined;
    case T.Null:
      return null;
    case T.False:
      return false;
    case T.True:
      return true;
    case T.Int:
      return r.u32() | 0;
    case T.Num:
      return r.f64();
    case T.BigPos:
    case T.BigNeg: {
      const n = r.u32();
      let x = 0n;
      const words: number[] = [];
      for (let i = 0; i < n; i++) words.push(r.u32());
      for (let i = n - 1; i >= 0; i--) x = (x << 32n) | BigInt(words[i]);
      return t === T.BigNeg ? -x : x;
    }
    case T.Str:
      return r.str(true);
    case T.Str1:
      return r.str(false);
    case T.Bytes: {
      const n = r.u32();
      // a view of the received buffer: no copy, and no ArrayBuffer object of its own
      const v = r.b.subarray(r.o, r.o + n);
      r.o += n;
      return v;
    }
    case T.I32: {
      const n = r.u32();
      const a = new Int32Array(n);
      for (let i = 0; i < n; i++) a[i] = r.u32() | 0;
      return a;
    }
    case T.Arr: {
      const n = r.u32();
      const a = new Array(n);
      for (let i = 0; i < n; i++) a[i] = get(r);
      return a;
    }
    case T.Map: {
      const n = r.u32();
      const m = new Map();
      for (let i = 0; i < n; i++) {
        const k = get(r);
        m.set(k, get(r));
      }
      return m;
    }
    case T.Obj: {
      const n = r.u32();
      const o: Record<string, unknown> = {};
      for (let i = 0; i < n; i++) {
        const k = r.key();
        // a key named __proto__ is an own property, as it was when encoded
        if (k === '__proto__') Object.defineProperty(o, k, { value: get(r), enumerable: true, writable: true, configurable: true });
        else o[k] = get(r);
      }
      return o;
    }
    default:
      throw new Error(`plain codec: bad tag ${t} at ${r.o - 1}`);
  }
}

/** The value encodePlain wrote; byte strings in it are views of b. */
export function decodePlain(b: Uint8Array): unknown {
  const r = new Reader(b);
  const v = get(r);
  if (r.o !== b.length) throw new Error(`plain codec: ${b.length - r.o} bytes left over`);
  return v;
}
