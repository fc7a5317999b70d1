// `npm run bench:block`: blocks of token transfers through executeBlock, serial and
// parallel, in memory and on disk; independent transfers (distinct senders and payees) and
// an all-conflict block (every tx moves tokens out of one hot holder... through one contract
// slot). Prints tx/s (best of the runs) and the machine's load next to them.
import { execSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ParallelExecutor } from '../host/parallel/executor.js';
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
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

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
  /** tx per wall-clock second */
  wall: number;
  /** tx per second of this process's CPU time (less sensitive to other processes on a shared machine) */
  cpu: number;
}

type Kind = 'independent' | 'hot';
type Where = 'memory' | 'disk';

async function run(kind: Kind, where: Where, threads: number, workerFile: string): Promise<Rate & { kept?: number; reexecuted?: number }> {
  const dir = where === 'disk' ? mkdtempSync(join(tmpdir(), 'vmpy-bench-')) : '';
  const state = where === 'disk' ? LmdbStore.open(dir) : new MemoryState();
  try {
    const { token, nonces } = setupToken(state, ACCOUNTS);
    const ex = threads > 0 ? await ParallelExecutor.start(state, threads, workerFile) : null;
    const make = kind === 'independent' ? independentBlock : hotBlock;
    let best = Infinity;
    let bestCpu = Infinity;
    for (let r = 0; r < ROUNDS; r++) {
      const txs = make(r, token, nonces);
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const res = ex ? await ex.executeBlock({ block: header(r + 1), txs, strict: true }) : executeBlock({ state, block: header(r + 1), txs, strict: true });
      const dt = performance.now() - t0;
      const c = process.cpuUsage(c0);
      if (res.receipts.some((x) => x.status !== 'SUCCESS')) throw new Error('a transfer failed');
      best = Math.min(best, dt);
      bestCpu = Math.min(bestCpu, (c.user + c.system) / 1000);
    }
    await ex?.close();
    return { wall: (BLOCK * 1000) / best, cpu: (BLOCK * 1000) / bestCpu, kept: ex?.stats.kept, reexecuted: ex?.stats.reexecuted };
  } finally {
    if (state instanceof LmdbStore) await state.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

const fmt = (r: Rate) => `${r.wall.toFixed(0).padStart(7)} tx/s wall, ${r.cpu.toFixed(0).padStart(7)} tx/s per CPU-second`;

const load = () =>
  execSync('uptime')
    .toString()
    .trim()
    .replace(/.*load average: /, 'load ');
const THREADS = Number(process.env.BENCH_THREADS ?? 1);
console.log(
  `executeBlock, ${BLOCK} token transfers per block, ${ACCOUNTS} holders, best of ${ROUNDS} blocks; parallel = main thread + ${THREADS} worker(s); ${(await import('node:os')).cpus().length} CPUs (${load()})`,
);
const workerFile = await bundleWorker();
for (const where of ['memory', 'disk'] as const) {
  for (const kind of ['independent', 'hot'] as const) {
    const s = await run(kind, where, 0, workerFile);
    const p = await run(kind, where, THREADS, workerFile);
    console.log(
      `${where.padEnd(6)} ${kind.padEnd(11)} serial ${fmt(s)} | parallel ${p.wall.toFixed(0).padStart(6)} tx/s wall (x${(p.wall / s.wall).toFixed(2)} serial; kept ${p.kept}, re-executed ${p.reexecuted})   (${load()})`,
    );
  }
}
rmSync(workerFile, { force: true });
