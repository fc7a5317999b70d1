// Lowercase hex without 0x, strict on input (even length, hex digits only).
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function bytesToHex(b: Uint8Array): string {
  const n = b.length;
  if (n <= 64) {
    let s = '';
    for (let i = 0; i < n; i++) s += HEX[b[i]];
    return s;
  }
  // both digits' ASCII codes in one 16-bit store, decoded once (ASCII reads the same in UTF-8)
  const out = new Uint16Array(n);
  for (let i = 0; i < n; i++) out[i] = PAIR[b[i]];
  return ASCII.decode(out);
}

const HEXC = Uint8Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
const LITTLE = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;
/** PAIR[x]: the two hex digits of x as they lie in memory on this host (high digit first). */
const PAIR = Uint16Array.from({ length: 256 }, (_, x) => (LITTLE ? HEXC[x >>> 4] | (HEXC[x & 15] << 8) : (HEXC[x >>> 4] << 8) | HEXC[x & 15]));
const ASCII = new TextDecoder();

/** Non-negative hex digits (no prefix) into `len` bytes, big-endian, right-aligned (hex fits). */
export function hexIntoBytes(hex: string, out: Uint8Array, big: boolean): void {
  const len = out.length;
  let k = 0;
  for (let i = hex.length; i > 0; i -= 2, k++) {
    const lo = nibble(hex.charCodeAt(i - 1));
    const hi = i >= 2 ? nibble(hex.charCodeAt(i - 2)) : 0;
    out[big ? len - 1 - k : k] = (hi << 4) | lo;
  }
}

function nibble(c: number): number {
  return c <= 0x39 ? c - 0x30 : c - 0x57; // '0'-'9', 'a'-'f' (BigInt.toString(16) is lowercase)
}

export function hexToBytes(h: string): Uint8Array {
  if (h.startsWith('0x') || h.startsWith('0X')) h = h.slice(2);
  if (h.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(h)) throw new Error(`invalid hex string`);
  const out = new Uint8Array(h.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(h.slice(2 * i, 2 * i + 2), 16);
  return out;
}
