// The state root on disk against state size: a store (host/store) holding N storage slots
// (10^4, 10^5, 10^6 by default) is closed and reopened in a fresh process, which times the
// reopen (open + the first root) and then blocks of K changed slots each (root update and
// the LMDB write of the block). Reopen and per-key costs should not grow with N.
// Usage: npm run bench:trie (memory, then this) or node bench/block.mjs store [N...]
import { execFileSync, execSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sha3_256 } from '@noble/hashes/sha3.js';
import { LmdbStore } from '../host/store/lmdb_store.js';
import { Overlay } from '../node/block/overlay.js';

const K = 1_000;
const BLOCKS = 10;
const BATCH = 100_000;
const contract = new Uint8Array(32).fill(7);

function key(i: number): Uint8Array {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setUint32(4, i);
  return sha3_256(b);
}
const value = (i: number, r: number) => {
  const v = new Uint8Array(32);
  v[0] = 1;
  v[1] = r & 255;
  new DataView(v.buffer).setUint32(28, i);
  return v;
};
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** write n slots as genesis, in transactions of BATCH */
function fill(dir: string, n: number): void {
  const s = LmdbStore.open(dir);
  for (let at = 0; at < n; at += BATCH) {
    const ov = new Overlay(s);
    for (let i = at; i < Math.min(n, at + BATCH); i++) ov.setStorage(contract, key(i), value(i, 0));
    s.applyOverlay(ov);
  }
  void s.close();
}

/** in a fresh process: reopen, then BLOCKS blocks of K changed slots */
function reopen(dir: string, n: number): void {
  let t0 = performance.now();
  let c0 = cpu();
  const s = LmdbStore.open(dir);
  const root = s.commitment().root();
  const open = { ms: performance.now() - t0, cpu: cpu() - c0, rss: process.memoryUsage().rss / 2 ** 20 };
  if (Buffer.from(root).toString('hex') !== Buffer.from(s.head().stateRoot).toString('hex')) throw new Error('reopened root differs from the head');
  const times: number[] = [];
  const cpus: number[] = [];
  for (let b = 1; b <= BLOCKS; b++) {
    const ov = new Overlay(s);
    for (let j = 0; j < K; j++) ov.setStorage(contract, key((j * 7919 + b * 104729) % n), value(j, b));
    t0 = performance.now();
    c0 = cpu();
    s.applyOverlay(ov);
    times.push(performance.now() - t0);
    cpus.push(cpu() - c0);
  }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  process.stdout.write(
    JSON.stringify({ open, blockMs: med(times), blockCpu: med(cpus), firstBlockMs: times[0], rss: process.memoryUsage().rss / 2 ** 20 }) + '\n',
  );
  void s.close();
}

const [, , , mode, ...rest] = process.argv;
if (mode === '--fill') fill(rest[0], Number(rest[1]));
else if (mode === '--reopen') reopen(rest[0], Number(rest[1]));
else {
  const sizes = process.argv
    .slice(3)
    .map(Number)
    .filter((n) => n > 0);
  const N = sizes.length ? sizes : [10_000, 100_000, 1_000_000];
  const self = process.argv[1];
  const root = process.argv[2];
  console.log(`state root on disk: reopen in a fresh process, then ${BLOCKS} blocks of ${K} changed slots; load: ${execSync('uptime').toString().trim()}`);
  console.log('keys      | fill s | db MB | reopen ms (cpu ms) | reopen RSS MB | block ms median (cpu) | first block ms | us per changed key | RSS MB');
  for (const n of N) {
    const dir = mkdtempSync(join(tmpdir(), 'vmpy-bench-store-'));
    try {
      const t0 = performance.now();
      execFileSync(process.execPath, ['--max-old-space-size=8192', self, root, '--fill', dir, String(n)], { stdio: 'inherit' });
      const fillS = (performance.now() - t0) / 1000;
      const out = execFileSync(process.execPath, ['--max-old-space-size=8192', self, root, '--reopen', dir, String(n)], { encoding: 'utf8' });
      const r = JSON.parse(out.trim().split('\n').pop()!);
      const mb = statSync(join(dir, 'data.mdb')).size / 2 ** 20;
      console.log(
        [
          String(n).padEnd(9),
          fillS.toFixed(1).padStart(6),
          mb.toFixed(0).padStart(5),
          `${r.open.ms.toFixed(1)} (${r.open.cpu.toFixed(0)})`.padStart(18),
          r.open.rss.toFixed(0).padStart(13),
          `${r.blockMs.toFixed(1)} (${r.blockCpu.toFixed(0)})`.padStart(21),
          r.firstBlockMs.toFixed(1).padStart(14),
          ((r.blockMs * 1000) / K).toFixed(1).padStart(18),
          r.rss.toFixed(0).padStart(6),
        ].join(' | '),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
