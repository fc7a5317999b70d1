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
  const b = BigInt(n);
  if (b < 0n) throw new VarintError('uvarint of negative number');
  if (b <= 0x1fffffffffffffn) {
    let x = Number(b);
    while (x >= 0x80) {
      out.push((x % 0x80) | 0x80);
      x = Math.floor(x / 0x80);
    }
    out.push(x);
    return;
  }
  // past 53 bits: the 7-bit groups from the hex digits, least significant first, in one pass
  // (shifting the bigint 7 bits at a time is quadratic in its size)
  const h = b.toString(16);
  let acc = 0;
  let nb = 0;
  for (let i = h.length - 1; i >= 0; i--) {
    acc |= HEX_VAL[h.charCodeAt(i)] << nb;
    nb += 4;
    if (nb >= 7) {
      const g = acc & 0x7f;
      acc >>>= 7;
      nb -= 7;
      // a group with nothing above it is the last; the top hex digit is never 0
      out.push(i === 0 && acc === 0 ? g : g | 0x80);
    }
  }
  if (acc !== 0) out.push(acc);
}

const HEX_CHAR = Uint8Array.from('0123456789abcdef', (ch) => ch.charCodeAt(0));
const ASCII = new TextDecoder('latin1');

/** Hex digit values by character code ('0'-'9', 'a'-'f'). */
const HEX_VAL = (() => {
  const t = new Uint8Array(128);
  for (let i = 0; i < 16; i++) t['0123456789abcdef'.charCodeAt(i)] = i;
  return t;
})();

export interface Cursor {
  buf: Uint8Array;
  pos: number;
}

/**
 * Read a uvarint as a number (must fit in a safe integer). Throws VarintError on
 * truncation, overlong (non-minimal) form or overflow.
 */
export function readUvarint(c: Cursor): number {
  // Up to 7 groups (49 bits) a double holds exactly: no BigInt per varint (a module's code is
  // mostly these, and loading paid a BigInt for each). Longer ones take the checked path.
  const { buf } = c;
  const start = c.pos;
  let x = 0;
  let scale = 1;
  for (let i = 0; i < 7 && start + i < buf.length; i++) {
    const byte = buf[start + i];
    x += (byte & 0x7f) * scale;
    if ((byte & 0x80) === 0) {
      if (byte === 0 && i > 0) throw new VarintError('non-minimal varint');
      c.pos = start + i + 1;
      return x;
    }
    scale *= 0x80;
  }
  return Number(readUvarintBig(c, 53));
}

/** Read a uvarint of at most maxBits significant bits (default unbounded). */
export function readUvarintBig(c: Cursor, maxBits = Infinity): bigint {
  const { buf } = c;
  const start = c.pos;
  let count = 0;
  for (;;) {
    if (c.pos >= buf.length) throw new VarintError('truncated varint');
    const byte = buf[c.pos++];
    count++;
    if ((byte & 0x80) === 0) {
      if (byte === 0 && count > 1) throw new VarintError('non-minimal varint');
      break;
    }
  }
  // the last group is not 0: the value has more than 7 * (count - 1) bits
  if (maxBits !== Infinity && 7 * (count - 1) >= maxBits) throw new VarintError('varint too large');
  let result: bigint;
  if (count <= 7) {
    // up to 49 bits: exact in a double
    let x = 0;
    for (let i = count - 1; i >= 0; i--) x = x * 0x80 + (buf[start + i] & 0x7f);
    result = BigInt(x);
  } else {
    // hex digits from the 7-bit groups, least significant first, then one parse (linear;
    // or-ing each group in at its shift is quadratic in the size)
    const digits = new Uint8Array(Math.ceil((7 * count) / 4));
    let acc = 0;
    let nb = 0;
    let k = digits.length;
    for (let i = 0; i < count; i++) {
      acc |= (buf[start + i] & 0x7f) << nb;
      nb += 7;
      while (nb >= 4) {
        digits[--k] = HEX_CHAR[acc & 0xf];
        acc >>>= 4;
        nb -= 4;
      }
    }
    if (nb > 0) digits[--k] = HEX_CHAR[acc & 0xf];
    result = BigInt('0x' + ASCII.decode(digits.subarray(k)));
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
