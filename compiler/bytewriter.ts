// A growable byte buffer with LEB128 helpers, shared by every encoder that builds bytes
// (ABI values, canonical CBOR): amortized doubling beats number[] + Uint8Array.from.

import { writeUvarint } from './uvarint.js';

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

export class ByteWriter {
  buf = new Uint8Array(64);
  len = 0;
  room(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.len + n) cap *= 2;
    const nb = new Uint8Array(cap);
    nb.set(this.buf.subarray(0, this.len));
    this.buf = nb;
  }
  byte(b: number): void {
    this.room(1);
    this.buf[this.len++] = b;
  }
  bytes(b: Uint8Array): void {
    this.room(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
  }
  /** uvarint of a non-negative integer below 2**53. */
  uvarint(n: number): void {
    this.room(8);
    while (n >= 0x80) {
      const lo = n % 0x80;
      this.buf[this.len++] = lo | 0x80;
      n = (n - lo) / 0x80; // exact: n - lo is a multiple of 128
    }
    this.buf[this.len++] = n;
  }
  /** Big values through their hex digits in one pass (compiler/uvarint.ts writeUvarint): linear in the size. */
  uvarintBig(n: bigint): void {
    if (n <= MAX_SAFE) return this.uvarint(Number(n));
    const tmp: number[] = [];
    writeUvarint(tmp, n);
    this.room(tmp.length);
    for (let i = 0; i < tmp.length; i++) this.buf[this.len++] = tmp[i];
  }
  finish(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}
