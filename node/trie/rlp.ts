// The RLP byte-string and list heads the trie's node encoding needs (Ethereum yellow paper,
// appendix B). Written against already-encoded items so a parent node's encoding is built
// from its children's cached references without re-encoding them.

/** RLP of a byte string. */
export function rlpBytes(b: Uint8Array): Uint8Array {
  if (b.length === 1 && b[0] < 0x80) return b;
  const h = head(0x80, b.length);
  const out = new Uint8Array(h.length + b.length);
  out.set(h);
  out.set(b, h.length);
  return out;
}

/** RLP of a list whose items are already RLP-encoded. */
export function rlpList(items: readonly Uint8Array[]): Uint8Array {
  let n = 0;
  for (const it of items) n += it.length;
  const h = head(0xc0, n);
  const out = new Uint8Array(h.length + n);
  out.set(h);
  let o = h.length;
  for (const it of items) {
    out.set(it, o);
    o += it.length;
  }
  return out;
}

function head(base: number, len: number): Uint8Array {
  if (len < 56) return Uint8Array.of(base + len);
  const lb: number[] = [];
  for (let x = len; x > 0; x = Math.floor(x / 256)) lb.unshift(x & 0xff);
  return Uint8Array.from([base + 55 + lb.length, ...lb]);
}

/** Minimal big-endian bytes of a non-negative integer (0 is empty), as RLP scalars are. */
export function uintBytes(n: bigint): Uint8Array {
  if (n < 0n) throw new RangeError('uintBytes: negative');
  if (n <= 0xffffffffn) {
    // balances and nonces are mostly small: no bigint steps
    const x = Number(n);
    const len = x === 0 ? 0 : x < 0x100 ? 1 : x < 0x10000 ? 2 : x < 0x1000000 ? 3 : 4;
    const out = new Uint8Array(len);
    for (let i = len - 1, y = x; i >= 0; i--, y = Math.floor(y / 256)) out[i] = y & 0xff;
    return out;
  }
  let len = 0;
  for (let x = n; x > 0n; x >>= 8n) len++;
  const out = new Uint8Array(len);
  let x = n;
  // 32 bits per bigint step
  let i = len;
  while (i >= 4) {
    const w = Number(x & 0xffffffffn);
    out[--i] = w & 0xff;
    out[--i] = (w >>> 8) & 0xff;
    out[--i] = (w >>> 16) & 0xff;
    out[--i] = w >>> 24;
    x >>= 32n;
  }
  for (let w = Number(x); i > 0; w = Math.floor(w / 256)) out[--i] = w & 0xff;
  return out;
}

/** RLP of a list index, the receipts trie's key (as Ethereum keys its receipts trie). */
export function rlpIndex(i: number): Uint8Array {
  return rlpBytes(uintBytes(BigInt(i)));
}

export const RLP_EMPTY = Uint8Array.of(0x80);
