// The workloads written by hand in plain JS: what V8 does with the same algorithm and no
// interpreter, metering or Python semantics. Same inputs, same answers as the contracts.
import { sha3_256 } from '@noble/hashes/sha3.js';

function w1(n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s = s + ((i * 3) % 7);
  return s;
}

function w2(n: number): bigint {
  const M = 1n << 256n;
  let x = 1n;
  for (let i = 0; i < n; i++) x = (x * 6364136223846793005n + 1442695040888963407n) % M;
  return x;
}

function w3(n: number): Uint8Array {
  let h: Uint8Array = new TextEncoder().encode('vm-py bench');
  for (let i = 0; i < n; i++) h = sha3_256(h);
  return h;
}

/** big-endian fixed width, like int.to_bytes(len, "big") */
function toBytes(x: number, len: number): Uint8Array {
  const out = new Uint8Array(len);
  for (let i = len - 1; i >= 0 && x > 0; i--) {
    out[i] = x % 256;
    x = Math.floor(x / 256);
  }
  return out;
}

function w4(n: number): number {
  // keys as latin1 strings, a byte per char: a cheap Map key for byte strings in JS
  const store = new Map<string, Uint8Array>();
  const key = (i: number) => {
    const b = toBytes(i, 8);
    let s = '';
    for (let k = 0; k < b.length; k++) s += String.fromCharCode(b[k]);
    return s;
  };
  for (let i = 0; i < n; i++) store.set(key(i), toBytes(i * 7919 + 1, 32));
  let acc = 0;
  for (let i = 0; i < n; i++) {
    const v = store.get(key(i))!;
    acc = acc + v[31] + v.length;
  }
  return acc;
}

function w5(n: number): number {
  let b = new Uint8Array(0);
  const piece = Uint8Array.of(1, 2);
  for (let i = 0; i < n; i++) {
    const c = new Uint8Array(b.length + piece.length);
    c.set(b);
    c.set(piece, b.length);
    b = c;
  }
  let acc = 0;
  for (let i = 0; i < n; i++) {
    const s = b.slice(i, i + 32);
    acc = acc + s.length + s[0];
  }
  return acc;
}

function w6(n: number): number {
  const CHUNK = 50_000;
  let s = 0;
  let done = 0;
  while (done < n) {
    const xs: number[] = [];
    const k = Math.min(CHUNK, n - done);
    for (let i = 0; i < k; i++) xs.push(i);
    for (const x of xs) s = s + x;
    done = done + xs.length;
  }
  return s;
}

function step(s: number, i: number): number {
  return s + (i & 7);
}

function w7(n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s = step(s, i);
  return s;
}

export const JS_WORKLOADS: Readonly<Record<string, (n: number) => unknown>> = { W1: w1, W2: w2, W3: w3, W4: w4, W5: w5, W6: w6, W7: w7 };
