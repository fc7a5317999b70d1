// Byte strings as Map keys, for storage slots (runtime/journal.ts, runtime/state.ts).
// Measured on Node 20 (bench/NOTES.md §4): a key built with `s += ...` per byte costs one
// string allocation per byte; and a single Map past ~4k entries moves its table to the
// large-object space, where every growth touches fresh pages (~300 ns per insert on the
// bench VM, against ~20 ns below that size). So keys are built in one call, and a map of
// slots is split into small maps by a cheap function of the bytes.
import { bytesToLatin1 } from './values.js';

const F = String.fromCharCode;
/** one reusable argument array per key length (fromCharCode.apply on a plain array is fast; on a Uint8Array it is not) */
const scratch: number[][] = [];
const SCRATCH_MAX = 256;

/** One char per byte (true latin1, unlike TextDecoder's): equal bytes give equal keys, and keys sort in byte order. */
export function latin1Key(b: Uint8Array): string {
  const n = b.length;
  if (n === 8) return F(b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]);
  if (n > SCRATCH_MAX) return bytesToLatin1(b);
  let a = scratch[n];
  if (a === undefined) scratch[n] = a = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) a[i] = b[i];
  return F.apply(null, a);
}

/** The bytes of a latin1Key. */
export function keyBytes(k: string): Uint8Array {
  const out = new Uint8Array(k.length);
  for (let i = 0; i < k.length; i++) out[i] = k.charCodeAt(i);
  return out;
}

const SHARDS = 16;

/** Which small map a key lives in; any function of the key is correct, this one spreads counters and hashes. */
function shardOf(k: string): number {
  const n = k.length;
  return n === 0 ? 0 : (k.charCodeAt(n - 1) ^ (k.charCodeAt(n >> 1) * 5) ^ (k.charCodeAt(0) * 3) ^ n) & (SHARDS - 1);
}

/** A map from latin1Key strings, held as SHARDS small Maps (created on first use) so none grows large. */
export class ByteMap<V> {
  private readonly shards: (Map<string, V> | undefined)[] = new Array(SHARDS).fill(undefined);
  size = 0;

  get(k: string): V | undefined {
    return this.shards[shardOf(k)]?.get(k);
  }

  set(k: string, v: V): void {
    const h = shardOf(k);
    let m = this.shards[h];
    if (m === undefined) this.shards[h] = m = new Map();
    const before = m.size;
    m.set(k, v);
    this.size += m.size - before;
  }

  delete(k: string): void {
    const m = this.shards[shardOf(k)];
    if (m !== undefined && m.delete(k)) this.size--;
  }

  /** every key, in no particular order */
  keys(): string[] {
    const out: string[] = [];
    for (const m of this.shards) if (m !== undefined) for (const k of m.keys()) out.push(k);
    return out;
  }
}
