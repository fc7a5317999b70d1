// A growable byte buffer with LEB128 helpers, shared by every encoder that builds bytes
// (ABI values, canonical CBOR): amortized doubling beats number[] + Uint8Array.from.

const MASK49 = (1n << 49n) - 1n;

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
  /** Big values go 49 bits (7 groups) per bigint step: a 4096-bit int is ~84 steps, not 586. */
  uvarintBig(n: bigint): void {
    while (n > MASK49) {
      // More than 49 bits remain, so all 7 groups of this chunk carry a continuation bit.
      let c = Number(n & MASK49);
      n >>= 49n;
      this.room(7);
      for (let i = 0; i < 7; i++) {
        const lo = c % 0x80;
        this.buf[this.len++] = lo | 0x80;
        c = (c - lo) / 0x80;
      }
    }
    this.uvarint(Number(n));
  }
  finish(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}
