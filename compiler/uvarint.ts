// Unsigned LEB128 and zigzag, shared by the IR codec and the ABI. Decoding is strict:
// shortest form only, no truncation, so every value has exactly one encoding.

export class VarintError extends Error {}

/** Append uvarint(n) for a non-negative safe integer or bigint. */
export function writeUvarint(out: number[], n: number | bigint): void {
  if (typeof n === 'number' && n < 0x80000000) {
    if (n < 0 || !Number.isInteger(n)) throw new VarintError(`uvarint of invalid number ${n}`);
    while (n >= 0x80) {
      out.push((n & 0x7f) | 0x80);
      n >>>= 7;
    }
    out.push(n);
    return;
  }
  let b = BigInt(n);
  if (b < 0n) throw new VarintError('uvarint of negative number');
  while (b >= 0x80n) {
    out.push(Number(b & 0x7fn) | 0x80);
    b >>= 7n;
  }
  out.push(Number(b));
}

export interface Cursor {
  buf: Uint8Array;
  pos: number;
}

/**
 * Read a uvarint as a number (must fit in a safe integer). Throws VarintError on
 * truncation, overlong (non-minimal) form or overflow.
 */
export function readUvarint(c: Cursor): number {
  const v = readUvarintBig(c, 53);
  return Number(v);
}

/** Read a uvarint of at most maxBits significant bits (default unbounded). */
export function readUvarintBig(c: Cursor, maxBits = Infinity): bigint {
  const { buf } = c;
  let result = 0n;
  let shift = 0n;
  let count = 0;
  for (;;) {
    if (c.pos >= buf.length) throw new VarintError('truncated varint');
    const byte = buf[c.pos++];
    count++;
    result |= BigInt(byte & 0x7f) << shift;
    shift += 7n;
    if ((byte & 0x80) === 0) {
      if (byte === 0 && count > 1) throw new VarintError('non-minimal varint');
      break;
    }
  }
  if (maxBits !== Infinity && result >= 1n << BigInt(maxBits)) throw new VarintError('varint too large');
  return result;
}

export function zigzag(x: bigint): bigint {
  return x >= 0n ? x << 1n : (-x << 1n) - 1n;
}

export function unzigzag(u: bigint): bigint {
  return (u & 1n) === 0n ? u >> 1n : -((u + 1n) >> 1n);
}
