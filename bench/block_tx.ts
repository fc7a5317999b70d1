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
    for (let r = 0; r < ROUNDS; r++) {
      // the first block warms up (JIT, the workers' first run): not counted in the sums
      if (r === 1 && ex) stats0 = { ...ex.stats };
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
    await ex?.close();
    const n = (ROUNDS - 1) * BLOCK;
    const stats = ex && stats0 ? diffStats(ex.stats, stats0) : undefined;
    return { wall: (BLOCK * 1000) / best, cpu: (BLOCK * 1000) / bestCpu, cpuPerTx: (cpuSum * 1000) / n, wallPerTx: (wallSum * 1000) / n, stats };
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

const fmt = (r: Rate) => `${r.wall.toFixed(0).padStart(6)} tx/s wall (best block), ${r.cpuPerTx.toFixed(0).padStart(4)} us CPU/tx`;

/** The main thread's busy time (its critical path when every thread has a core): everything but waiting. */
const busyMs = (s: ParallelStats) => s.execMs + s.finishMs + s.rootsMs + s.msgMs + s.postMs + s.streamMs;

/** The parallel executor's main thread, per tx (wall, inside the process): what it did, what it waited, and the workers' share. */
function breakdown(s: ParallelStats, blocks: number): string {
  const n = blocks * BLOCK;
  const us = (ms: number) => ((ms * 1000) / n).toFixed(0);
  return (
    `      main thread per tx: busy ${us(busyMs(s))} us (exec ${us(s.execMs)}, check+validate+receipts ${us(s.finishMs)}, receipts root+apply ${us(s.rootsMs)}, ` +
    `results in ${us(s.msgMs)}, writes out ${us(s.streamMs)}, block post ${us(s.postMs)}), waiting ${us(s.waitMs)} us for workers, ${us(s.rootWaitMs)} us for the root; ` +
    `workers exec ${us(s.workerMs)} us, root keeper ${us(s.keeperMs)} us\n` +
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
console.log(
  `executeBlock, ${BLOCK} token transfers per block, ${ACCOUNTS} holders, ${ROUNDS} blocks (the first not counted); parallel = main thread + ${THREADS} worker(s); ${(await import('node:os')).cpus().length} CPUs (${load()})`,
);
console.log(
  'CPU/tx counts every thread of the process (for parallel: main + workers, so parallel/serial CPU is the overhead of going parallel). ' +
    'Wall-clock speedup needs an otherwise idle machine: compare "busy" (the critical path on the main thread) with serial wall/tx.',
);
const workerFile = await bundleWorker();
for (const where of ['memory', 'disk'] as const) {
  for (const kind of ['independent', 'hot'] as const) {
    const s = await run(kind, where, 0, workerFile);
    const p = await run(kind, where, THREADS, workerFile);
    const busy = p.stats ? busyMs(p.stats) : 0;
    const busyPerTx = (busy * 1000) / ((ROUNDS - 1) * BLOCK);
    console.log(
      `${where.padEnd(6)} ${kind.padEnd(11)} serial ${fmt(s)}, ${s.wallPerTx.toFixed(0)} us wall/tx | parallel ${fmt(p)} (CPU x${(p.cpuPerTx / s.cpuPerTx).toFixed(2)} serial), ` +
        `${p.wallPerTx.toFixed(0)} us wall/tx: wall speedup x${(s.wallPerTx / p.wallPerTx).toFixed(2)}, serial wall / main busy x${(s.wallPerTx / busyPerTx).toFixed(2)}   (${load()})`,
    );
    if (p.stats) console.log(breakdown(p.stats, ROUNDS - 1));
  }
}
rmSync(workerFile, { force: true });
