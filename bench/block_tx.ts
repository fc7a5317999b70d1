// `npm run bench:block`: blocks of token transfers through executeBlock, serial and
// parallel, in memory and on disk; independent transfers (distinct senders and payees) and
// an all-conflict block (every tx moves tokens out of one hot holder... through one contract
// slot). Prints tx/s (best of the runs) and the machine's load next to them.
import { execSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ParallelExecutor, type ParallelStats } from '../host/parallel/executor.js';
import { LmdbStore } from '../host/store/lmdb_store.js';
import { bundleWorker } from '../tests/helpers/worker_bundle.js';
import { MemoryState } from '../node/state.js';
import { executeBlock } from '../node/block/execute_block.js';
import type { Tx } from '../node/block/tx.js';
import { addr, header, setupToken, transferTx } from '../tests/helpers/chain.js';
import { useNativeTrieHash } from '../host/native_hash.js';
import { threadCpuMs } from '../host/parallel/thread_cpu.js';

// a Node host hashes tries and receipts natively (the same SHA3-256, checked on use)
if (process.env.BENCH_NOBLE !== '1') useNativeTrieHash();

const BLOCK = 200;
const ACCOUNTS = 1_000;
// 9: after the first (warm-up, not counted) an all-conflict chain shows 7 serial-fallback blocks and one probe
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);

/** independent: sender i pays payee i + ACCOUNTS/2; every tx of a block has its own sender and payee */
function independentBlock(round: number, token: Uint8Array, nonces: bigint[]): Tx[] {
  const txs: Tx[] = [];
  for (let j = 0; j < BLOCK; j++) {
    const s = 1 + ((round * BLOCK + j) % (ACCOUNTS / 2 - 1));
    txs.push(transferTx(addr(s), nonces[s]++, token, addr(s + ACCOUNTS / 2), 1n));
  }
  return txs;
}

/** all conflict: every tx pays the same payee (one hot balance slot) */
function hotBlock(round: number, token: Uint8Array, nonces: bigint[]): Tx[] {
  const txs: Tx[] = [];
  for (let j = 0; j < BLOCK; j++) {
    const s = 1 + ((round * BLOCK + j) % (ACCOUNTS - 2));
    txs.push(transferTx(addr(s), nonces[s]++, token, addr(ACCOUNTS - 1), 1n));
  }
  return txs;
}

interface Rate {
  /** tx per wall-clock second (best block) */
  wall: number;
  /** CPU microseconds per tx of the main thread alone, and of each worker (NaN off Linux) */
  mainPerTx: number;
  workersPerTx: number[];
  /** tx per second of this process's CPU time, all threads (less sensitive to other processes on a shared machine) */
  cpu: number;
  /** CPU microseconds per tx, all threads, over all blocks after the first */
  cpuPerTx: number;
  /** wall microseconds per tx over all blocks after the first */
  wallPerTx: number;
  stats?: ParallelStats;
}

type Kind = 'independent' | 'hot';
type Where = 'memory' | 'disk';

async function run(kind: Kind, where: Where, threads: number, workerFile: string): Promise<Rate> {
  const dir = where === 'disk' ? mkdtempSync(join(tmpdir(), 'vmpy-bench-')) : '';
  const state = where === 'disk' ? LmdbStore.open(dir) : new MemoryState();
  try {
    const { token, nonces } = setupToken(state, ACCOUNTS);
    const ex = threads > 0 ? await ParallelExecutor.start(state, threads, workerFile) : null;
    const make = kind === 'independent' ? independentBlock : hotBlock;
    let best = Infinity;
    let bestCpu = Infinity;
    let cpuSum = 0;
    let wallSum = 0;
    let stats0: ParallelStats | undefined;
    let cpu0 = { main: 0, workers: [] as number[] };
    for (let r = 0; r < ROUNDS; r++) {
      // the first block warms up (JIT, the workers' first run): not counted in the sums
      if (r === 1) {
        if (ex) stats0 = { ...ex.stats };
        cpu0 = ex ? await ex.threadCpu() : { main: threadCpuMs(), workers: [] };
      }
      const txs = make(r, token, nonces);
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const res = ex ? await ex.executeBlock({ block: header(r + 1), txs, strict: true }) : executeBlock({ state, block: header(r + 1), txs, strict: true });
      const dt = performance.now() - t0;
      const c = process.cpuUsage(c0);
      if (res.receipts.some((x) => x.status !== 'SUCCESS')) throw new Error('a transfer failed');
      const cpu = (c.user + c.system) / 1000;
      best = Math.min(best, dt);
      bestCpu = Math.min(bestCpu, cpu);
      if (r > 0) (cpuSum += cpu), (wallSum += dt);
    }
    const cpu1 = ex ? await ex.threadCpu() : { main: threadCpuMs(), workers: [] };
    await ex?.close();
    const n = (ROUNDS - 1) * BLOCK;
    const stats = ex && stats0 ? diffStats(ex.stats, stats0) : undefined;
    return {
      wall: (BLOCK * 1000) / best,
      cpu: (BLOCK * 1000) / bestCpu,
      cpuPerTx: (cpuSum * 1000) / n,
      wallPerTx: (wallSum * 1000) / n,
      mainPerTx: ((cpu1.main - cpu0.main) * 1000) / n,
      workersPerTx: cpu1.workers.map((w, k) => ((w - cpu0.workers[k]) * 1000) / n),
      stats,
    };
  } finally {
    if (state instanceof LmdbStore) await state.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

function diffStats(a: ParallelStats, b: ParallelStats): ParallelStats {
  const out = { ...a };
  for (const k of Object.keys(a) as (keyof ParallelStats)[]) out[k] = a[k] - b[k];
  return out;
}

const us = (x: number) => (Number.isNaN(x) ? '   ?' : x.toFixed(0).padStart(4));

/** The main thread's busy time (its critical path when every thread has a core): everything but waiting. */
const busyMs = (s: ParallelStats) => s.execMs + s.finishMs + s.rootsMs + s.msgMs + s.postMs + s.streamMs;

/** The parallel executor's main thread, per tx (wall, inside the process): what it did, what it waited, and the workers' share. */
function breakdown(s: ParallelStats, blocks: number): string {
  const n = blocks * BLOCK;
  const u = (ms: number) => ((ms * 1000) / n).toFixed(0);
  return (
    `      main thread per tx (wall): busy ${u(busyMs(s))} us (exec ${u(s.execMs)}, check+validate+receipts ${u(s.finishMs)}, receipts root+apply ${u(s.rootsMs)}, ` +
    `results in ${u(s.msgMs)}, writes out ${u(s.streamMs)}, block post ${u(s.postMs)}), waiting ${u(s.waitMs)} us for workers, ${u(s.rootWaitMs)} us for the root; ` +
    `workers exec ${u(s.workerMs)} us, root keeper ${u(s.keeperMs)} us\n` +
    `      txs: worker results kept ${s.kept}, main's speculation kept ${s.keptMain}, re-executed ${s.reexecuted}, main ran for real ${s.main} ` +
    `(speculative runs on main ${s.specMain}); serial-fallback blocks ${s.serialBlocks}/${s.blocks}; messages ${s.messages}`
  );
}

const load = () =>
  execSync('uptime')
    .toString()
    .trim()
    .replace(/.*load average: /, 'load ');
const THREADS = Number(process.env.BENCH_THREADS ?? 1);
const cpus = (await import('node:os')).cpus().length;
console.log(
  `executeBlock: ${BLOCK} token transfers per block, ${ACCOUNTS} holders, ${ROUNDS - 1} blocks counted after a warm-up block; ` +
    `parallel = main thread + ${THREADS} worker(s); ${cpus} CPUs (${load()})`,
);
console.log(
  [
    'Columns (docs/blocks.md "Reading npm run bench:block"): tx/s = best block, wall clock; CPU = process CPU per tx, every thread (GC helpers',
    'included); main / wN = CPU per tx of the main thread / of worker N alone. CPU-bound x = serial main CPU / the busiest parallel',
    'thread: the speedup on otherwise idle cores if no thread waits. x wall needs a quiet machine.',
  ].join('\n'),
);
const workerFile = await bundleWorker();
const rows: string[] = [];
for (const where of ['memory', 'disk'] as const) {
  for (const kind of ['independent', 'hot'] as const) {
    const s = await run(kind, where, 0, workerFile);
    const p = await run(kind, where, THREADS, workerFile);
    const busiest = Math.max(p.mainPerTx, ...p.workersPerTx);
    const row =
      `${where.padEnd(6)} ${kind.padEnd(11)} | serial ${s.wall.toFixed(0).padStart(6)} tx/s, CPU ${us(s.cpuPerTx)} us/tx (${(1e6 / s.cpuPerTx).toFixed(0).padStart(5)} tx/CPU-s), main ${us(s.mainPerTx)} ` +
      `| parallel ${p.wall.toFixed(0).padStart(6)} tx/s, CPU ${us(p.cpuPerTx)} us/tx (x${(p.cpuPerTx / s.cpuPerTx).toFixed(2)}), main ${us(p.mainPerTx)}, ${p.workersPerTx.map((w, k) => `w${k} ${us(w)}`).join(', ')} ` +
      `| CPU-bound x${(s.mainPerTx / busiest).toFixed(2)}, x wall ${(s.wallPerTx / p.wallPerTx).toFixed(2)}  (${load()})`;
    console.log(row);
    rows.push(row);
    if (p.stats) console.log(breakdown(p.stats, ROUNDS - 1));
  }
}
rmSync(workerFile, { force: true });
