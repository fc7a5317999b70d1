// State-root update cost against state size: fill a storage trie with N keys (10^4, 10^5,
// 10^6 by default), then time root updates of blocks changing K keys each. Incremental
// updates should cost about the same at every N (a path is log16(N) nodes deep).
// Usage: npm run bench:trie [-- N...]
import { execSync } from 'node:child_process';
import { sha3_256 } from '@noble/hashes/sha3.js';
import { MerkleTrie } from '../node/trie/mpt.js';
import { useNativeTrieHash } from '../host/native_hash.js';

// a Node host hashes tries and receipts natively (the same SHA3-256, checked on use)
if (process.env.BENCH_NOBLE !== '1') useNativeTrieHash();

const sizes = process.argv
  .slice(3)
  .map(Number)
  .filter((n) => n > 0);
const N = sizes.length ? sizes : [10_000, 100_000, 1_000_000];
const K = 1_000;
const BLOCKS = 10;

function key(i: number): Uint8Array {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setUint32(4, i);
  return sha3_256(b);
}
const value = (i: number, r: number) =>
  Uint8Array.of(1, r & 255, (i >> 8) & 255, i & 255, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9);

console.log(`state-root updates: ${BLOCKS} blocks of ${K} changed keys each; load: ${execSync('uptime').toString().trim()}`);
console.log('keys      | fill+root s | root per block ms (median) | us per changed key | heap MB');
for (const n of N) {
  const t = new MerkleTrie();
  let t0 = performance.now();
  for (let i = 0; i < n; i++) t.put(key(i), value(i, 0));
  t.root();
  const fill = (performance.now() - t0) / 1000;
  const times: number[] = [];
  for (let b = 1; b <= BLOCKS; b++) {
    t0 = performance.now();
    for (let j = 0; j < K; j++) t.put(key((j * 7919 + b * 104729) % n), value(j, b));
    t.root();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const med = times[times.length >> 1];
  console.log(
    `${String(n).padEnd(9)} | ${fill.toFixed(1).padStart(11)} | ${med.toFixed(1).padStart(26)} | ${((med * 1000) / K).toFixed(1).padStart(18)} | ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)}`,
  );
}
