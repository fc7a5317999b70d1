// `node bench/block.mjs prof [blocks] [--cpu-prof]`: serial executeBlock in memory over many
// blocks of independent token transfers, for a CPU profile of the per-tx path. Prints the
// CPU time per tx (this process's user+system time, which other processes on a shared
// machine disturb far less than the wall clock) and the load next to it.
import { execSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LmdbStore } from '../host/store/lmdb_store.js';
import { MemoryState } from '../node/state.js';
import { executeBlock } from '../node/block/execute_block.js';
import { StateCommitment } from '../node/trie/state_commitment.js';
import type { Tx } from '../node/block/tx.js';
import { addr, header, setupToken, transferTx } from '../tests/helpers/chain.js';
import { useNativeTrieHash } from '../host/native_hash.js';
import { ParallelExecutor, type Schedule } from '../host/parallel/executor.js';
import { bundleWorker } from '../tests/helpers/worker_bundle.js';
import { threadCpuMs } from '../host/parallel/thread_cpu.js';

if (process.env.BENCH_NOBLE !== '1') useNativeTrieHash();
const BLOCK = 200;
const ACCOUNTS = 1_000;
const blocks = Number(process.argv[3] ?? 50);
// BENCH_WHERE=disk: on an LMDB store in a temporary directory
const disk = process.env.BENCH_WHERE === 'disk';
const dir = disk ? mkdtempSync(join(tmpdir(), 'vmpy-prof-')) : '';
const state = disk ? LmdbStore.open(dir) : new MemoryState();
const { token, nonces } = setupToken(state, ACCOUNTS);
const load = () =>
  execSync('uptime')
    .toString()
    .trim()
    .replace(/.*load average: /, 'load ');
// BENCH_KIND=hot: every tx pays one payee (all conflict)
const hot = process.env.BENCH_KIND === 'hot';
const make = (round: number): Tx[] => {
  const txs: Tx[] = [];
  for (let j = 0; j < BLOCK; j++) {
    const s = 1 + ((round * BLOCK + j) % (ACCOUNTS / 2 - 1));
    txs.push(transferTx(addr(s), nonces[s]++, token, hot ? addr(ACCOUNTS - 1) : addr(s + ACCOUNTS / 2), 1n));
  }
  return txs;
};
// BENCH_THREADS=n: the parallel executor with n workers (the profile is the main thread's)
const threads = Number(process.env.BENCH_THREADS ?? 0);
// BENCH_ROOTS=main: the state root kept on the main thread (default: on worker 0 over a MemoryState)
const roots = process.env.BENCH_ROOTS === 'main' ? ('main' as const) : undefined;
// BENCH_SCHEDULE=workers|main-ahead: who runs what (executor.executeBlock's schedule)
const schedule = process.env.BENCH_SCHEDULE as Schedule | undefined;
const ex = threads > 0 ? await ParallelExecutor.start(state, threads, await bundleWorker(), { roots }) : null;
// BENCH_SPLIT=1: time spent in the state root's update, apart (wall clock inside this process)
let rootMs = 0;
if (process.env.BENCH_SPLIT === '1') {
  const upd = StateCommitment.prototype.update;
  StateCommitment.prototype.update = function (this: StateCommitment, ...a: Parameters<typeof upd>) {
    const t = performance.now();
    try {
      return upd.apply(this, a);
    } finally {
      rootMs += performance.now() - t;
    }
  };
}
const all = Array.from({ length: blocks }, (_, r) => make(r));
let cpu = 0;
let wall = 0;
let main0 = 0;
let workers0: number[] = [];
let best = Infinity;
for (let r = 0; r < blocks; r++) {
  if (r === 2) {
    rootMs = 0;
    main0 = threadCpuMs();
    if (ex) workers0 = (await ex.threadCpu()).workers;
  }
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const res = ex
    ? await ex.executeBlock({ block: header(r + 1), txs: all[r], strict: true, schedule })
    : executeBlock({ state, block: header(r + 1), txs: all[r], strict: true });
  const c = process.cpuUsage(c0);
  if (res.receipts.some((x) => x.status !== 'SUCCESS')) throw new Error('a transfer failed');
  const ms = (c.user + c.system) / 1000;
  if (r >= 2) (cpu += ms), (wall += performance.now() - t0);
  best = Math.min(best, ms);
}
if (process.env.BENCH_SPLIT === '1')
  console.log(
    `state root update: ${((rootMs * 1000) / ((blocks - 2) * BLOCK)).toFixed(1)} us per tx, ${((100 * rootMs) / wall).toFixed(1)}% of executeBlock's wall time`,
  );
const n = (blocks - 2) * BLOCK;
if (ex) {
  const w = (await ex.threadCpu()).workers.map((x, k) => (((x - workers0[k]) * 1000) / n).toFixed(1));
  console.log(`workers' CPU per tx: ${w.join(', ')} us`);
  console.log(`parallel, ${threads} worker(s): ${JSON.stringify(ex.stats)}`);
  await ex.close();
}
if (state instanceof LmdbStore) {
  await state.close();
  rmSync(dir, { recursive: true, force: true });
}
const mainPer = ((threadCpuMs() - main0) * 1000) / n;
const per = (cpu * 1000) / ((blocks - 2) * BLOCK);
console.log(
  `${ex ? 'parallel' : 'serial'} ${disk ? 'disk' : 'memory'} ${hot ? 'hot' : 'independent'}: ${per.toFixed(1)} us CPU per tx, main thread ${mainPer.toFixed(1)} (${(1e6 / per).toFixed(0)} tx per CPU-second; best block ${((BLOCK * 1000) / best).toFixed(0)}) over ${blocks - 2} blocks (${load()})`,
);
