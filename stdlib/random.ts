// stdlib.random.bytes(n) (also random_api.bytes, syscalls.random, syscalls.random_bytes):
// deterministic bytes from a counter-mode DRBG, never from the machine (spec/STDLIB.md §3):
//   seed    = sha3_256(b"animica:vm:random:v1|" || tx_hash || contract address || u64be(call index))
//   block_i = sha3_256(seed || u64be(i)),  stream = block_0 || block_1 || ...
// Each draw takes the next n bytes of the stream, so successive draws in one call differ
// and the same call replays the same bytes. Unpredictable only as far as the tx hash is.
// Price: base + per_word * words(n), charged before drawing.
import { sha3_256 } from '@noble/hashes/sha3.js';
import { VmError } from '../spec/errors.js';
import { STDLIB_BY_NAME } from '../spec/table.js';
import type { Host } from '../core/host.js';
import type { StdImpl } from '../core/machine.js';
import { toBig } from '../core/values.js';
import { needInt, words } from './args.js';

const RANDOM = STDLIB_BY_NAME.get('random.bytes')!;
const DOMAIN = new TextEncoder().encode('animica:vm:random:v1|');

function u64be(n: number): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt(n));
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export function drbgSeed(txHash: Uint8Array, address: Uint8Array, callIndex: number): Uint8Array {
  return sha3_256(concat([DOMAIN, txHash, address, u64be(callIndex)]));
}

/** Bytes [from, from + n) of the stream for `seed`. */
export function drbgRange(seed: Uint8Array, from: number, n: number): Uint8Array {
  const out = new Uint8Array(n);
  let o = 0;
  for (let i = Math.floor(from / 32); o < n; i++) {
    const block = sha3_256(concat([seed, u64be(i)]));
    const start = o === 0 ? from % 32 : 0;
    const take = Math.min(32 - start, n - o);
    out.set(block.subarray(start, start + take), o);
    o += take;
  }
  return out;
}

export function draw(host: Host, n: number): Uint8Array {
  const out = drbgRange(drbgSeed(host.tx.hash, host.address, host.callIndex), host.randomDrawn, n);
  host.randomDrawn += n;
  return out;
}

export const bytes: StdImpl = (m, a, b) => {
  const n = toBig(needInt('random.bytes', 'n', a[b]));
  const cap = m.limits.max_random_bytes;
  if (n < 0n || n > BigInt(cap)) throw new VmError('ValueError', `random.bytes(): n must be in 0..${cap}, got ${n}`);
  m.charge(RANDOM.base + RANDOM.dynamic.words * words(Number(n)));
  return draw(m.host, Number(n));
};
