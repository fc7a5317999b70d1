// `npm run bench:block`: blocks of token transfers through executeBlock, serial and
// parallel, in memory and on disk; independent transfers (distinct senders and payees) and
// an all-conflict block (every tx pays one hot payee: one contract slot written by every tx).
//
// Each case runs two chains from the same genesis, one serial and one parallel, and feeds
// them the same blocks alternately (serial first on even rounds, parallel first on odd), so
// both see the same minutes of a shared machine. The first BENCH_WARM blocks of each case
// are not counted: the contract's compiling tier, and V8's optimizing compiler, which was
// still compiling (on its helper threads, up to ~50 us per tx of CPU in the parallel case)
// 40 blocks in, each thread having its own code; then BENCH_BLOCKS
// blocks are, and each counted block gives one sample: its wall time and the CPU time of
// every thread of the process during it (main thread, each worker, and V8's helper threads:
// the garbage collector's parallel and concurrent work). Medians are printed with the
// 10th-90th percentile spread, and the machine's load at the start and end of each case.
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
import { processThreadsCpuMs, threadTid } from '../host/parallel/thread_cpu.js';

// a Node host hashes tries and receipts natively (the same SHA3-256, checked on use)
if (process.env.BENCH_NOBLE !== '1') useNativeTrieHash();

const BLOCK = 200;
const ACCOUNTS = 1_000;
const WARM = Number(process.env.BENCH_WARM ?? 40);
const COUNTED = Number(process.env.BENCH_BLOCKS ?? 30);
const THREADS = Number(process.env.BENCH_THREADS ?? 1);
/** e.g. BENCH_CASES=memory-independent,disk-hot */
const ONLY = process.env.BENCH_CASES ? new Set(process.env.BENCH_CASES.split(',')) : null;
const VERBOSE = process.env.BENCH_VERBOSE === '1';
const MAIN_TID = threadTid();

type Kind = 'independent' | 'hot';
type Where = 'memory' | 'disk';

/** independent: sender s pays payee s + ACCOUNTS/2; every tx of a block has its own sender and payee */
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

/** One counted block, us per tx: wall clock, and CPU by thread. */
interface Sample {
  wall: number;
  main: number;
  workers: number[];
  /** every other thread of the process (V8's GC and compiler helpers) */
  helpers: number;
  all: number;
}

interface Chain {
  state: MemoryState | LmdbStore;
  dir: string;
  ex: ParallelExecutor | null;
  workerTids: number[];
  samples: Sample[];
  /** the warm-up blocks' samples (shown with BENCH_VERBOSE=1) */
  warm: Sample[];
}

async function openChain(where: Where, threads: number, workerFile: string): Promise<{ chain: Chain; token: Uint8Array; nonces: bigint[] }> {
  const dir = where === 'disk' ? mkdtempSync(join(tmpdir(), 'vmpy-bench-')) : '';
  const state = where === 'disk' ? LmdbStore.open(dir) : new MemoryState();
  const { token, nonces } = setupToken(state, ACCOUNTS);
  const ex = threads > 0 ? await ParallelExecutor.start(state, threads, workerFile) : null;
  const workerTids = ex ? await ex.threadIds() : [];
  return { chain: { state, dir, ex, workerTids, samples: [], warm: [] }, token, nonces };
}

async function closeChain(c: Chain): Promise<void> {
  await c.ex?.close();
  if (c.state instanceof LmdbStore) await c.state.close();
  if (c.dir) rmSync(c.dir, { recursive: true, force: true });
}

async function runBlock(c: Chain, height: number, txs: Tx[], counted: boolean): Promise<void> {
  const before = processThreadsCpuMs();
  const t0 = performance.now();
  const res = c.ex
    ? await c.ex.executeBlock({ block: header(height), txs, strict: true })
    : executeBlock({ state: c.state, block: header(height), txs, strict: true });
  const wall = performance.now() - t0;
  // a worker applies the block to its replica after executeBlock returns: that is the block's work too
  if (c.ex) await c.ex.threadIds();
  const after = processThreadsCpuMs();
  if (res.receipts.some((x) => x.status !== 'SUCCESS')) throw new Error('a transfer failed');
  const d = (tid: number) => (after.get(tid) ?? 0) - (before.get(tid) ?? 0);
  const us = (ms: number) => (ms * 1000) / BLOCK;
  let all = 0;
  for (const tid of after.keys()) all += d(tid);
  const main = d(MAIN_TID);
  const workers = c.workerTids.map(d);
  (counted ? c.samples : c.warm).push({
    wall: us(wall),
    main: us(main),
    workers: workers.map(us),
    helpers: us(all - main - workers.reduce((a, b) => a + b, 0)),
    all: us(all),
  });
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  const i = (s.length - 1) * q;
  const lo = Math.floor(i);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (i - lo);
}
const med = (xs: number[]) => quantile(xs, 0.5);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
/** median (or mean) and the 10th-90th percentile spread */
const fmt = (xs: number[], center = med, digits = 0) =>
  Number.isNaN(center(xs)) ? '?' : `${center(xs).toFixed(digits)} (${quantile(xs, 0.1).toFixed(digits)}-${quantile(xs, 0.9).toFixed(digits)})`;

function diffStats(a: ParallelStats, b: ParallelStats): ParallelStats {
  const out = { ...a };
  for (const k of Object.keys(a) as (keyof ParallelStats)[]) out[k] = a[k] - b[k];
  return out;
}

/** The parallel executor's main thread, per tx (wall, inside the process): what it did, what it waited, and the workers' share. */
function breakdown(s: ParallelStats, blocks: number): string {
  const n = blocks * BLOCK;
  const u = (ms: number) => ((ms * 1000) / n).toFixed(0);
  const busy = s.execMs + s.finishMs + s.rootsMs + s.msgMs + s.postMs + s.streamMs;
  return (
    `    parallel main thread per tx (wall): busy ${u(busy)} us (exec ${u(s.execMs)}, check+validate+receipts ${u(s.finishMs)}, receipts root+apply ${u(s.rootsMs)}, ` +
    `results in ${u(s.msgMs)}, writes out ${u(s.streamMs)}, block post ${u(s.postMs)}), waiting ${u(s.waitMs)} us for workers, ${u(s.rootWaitMs)} us for the root; ` +
    `workers exec ${u(s.workerMs)} us, root keeper ${u(s.keeperMs)} us\n` +
    `    txs: worker results kept ${s.kept}, main's speculation kept ${s.keptMain}, re-executed ${s.reexecuted}, main ran for real ${s.main} ` +
    `(speculative runs on main ${s.specMain}); serial-fallback blocks ${s.serialBlocks}/${s.blocks}; messages ${s.messages}`
  );
}

const load = () =>
  execSync('uptime')
    .toString()
    .trim()
    .replace(/.*load average: /, 'load ');

/** A chain's samples as one line: wall and tx/s, then CPU per tx by thread. */
function row(name: string, c: Chain): string {
  const S = c.samples;
  const wall = S.map((s) => s.wall);
  const all = S.map((s) => s.all);
  const workers = c.workerTids.map(
    (_, k) =>
      `w${k} ${fmt(
        S.map((s) => s.workers[k]),
        mean,
      )}`,
  );
  return (
    `  ${name.padEnd(8)} wall ${fmt(wall)} us/tx = ${(1e6 / med(wall)).toFixed(0).padStart(5)} tx/s | CPU us/tx (mean): main ${fmt(
      S.map((s) => s.main),
      mean,
    )}` +
    `${workers.length ? ', ' + workers.join(', ') : ''}, helpers ${fmt(
      S.map((s) => s.helpers),
      mean,
    )}, all ${fmt(all, mean)} = ${(1e6 / mean(all)).toFixed(0)} tx/CPU-s`
  );
}

/**
 * Wall time a block needs at least when the process has `cores` cores to itself: its busiest
 * thread, or all its threads' CPU spread over the cores, whichever is more (us per tx).
 */
const floorWall = (s: Sample, cores: number) => Math.max(s.main, ...s.workers, s.all / cores);

async function runCase(where: Where, kind: Kind, workerFile: string): Promise<void> {
  const load0 = load();
  const a = await openChain(where, 0, workerFile);
  const b = await openChain(where, THREADS, workerFile);
  const serial = a.chain;
  const par = b.chain;
  const make = kind === 'independent' ? independentBlock : hotBlock;
  let stats0: ParallelStats | undefined;
  try {
    for (let r = 0; r < WARM + COUNTED; r++) {
      if (r === WARM) stats0 = { ...par.ex!.stats };
      // the same txs for both chains: they start from the same genesis, so the nonces agree
      const txs = make(r, a.token, a.nonces);
      const order = r % 2 === 0 ? [serial, par] : [par, serial];
      for (const c of order) await runBlock(c, r + 1, txs, r >= WARM);
      if (VERBOSE)
        console.log(
          `    block ${r + 1}${r < WARM ? ' (warm-up)' : ''}: ` +
            [serial, par]
              .map((c, k) => {
                const x = (r < WARM ? c.warm : c.samples).at(-1)!;
                return `${k ? 'parallel' : 'serial'} wall ${x.wall.toFixed(0)} main ${x.main.toFixed(0)} workers ${x.workers.map((w) => w.toFixed(0)).join('/') || '-'} helpers ${x.helpers.toFixed(0)} us/tx`;
              })
              .join(', '),
        );
    }
    const cores = (await import('node:os')).availableParallelism();
    const pairs = serial.samples.map((s, k) => s.wall / par.samples[k].wall);
    const bound = serial.samples.map((s, k) => floorWall(s, cores) / floorWall(par.samples[k], cores));
    console.log(`${where} ${kind} (${load0} at the start)`);
    console.log(row('serial', serial));
    console.log(row('parallel', par));
    console.log(
      `  parallel speedup: wall x${fmt(pairs, med, 2)} (serial / parallel wall of the same round); ` +
        `CPU-bound on ${cores} idle cores x${fmt(bound, med, 2)} (max(busiest thread, all threads / ${cores}), serial over parallel)  (${load()} at the end)`,
    );
    if (stats0) console.log(breakdown(diffStats(par.ex!.stats, stats0), COUNTED));
  } finally {
    await closeChain(serial);
    await closeChain(par);
  }
}

const cpus = (await import('node:os')).availableParallelism();
console.log(
  `executeBlock: ${BLOCK} token transfers per block, ${ACCOUNTS} holders; per case ${WARM} warm-up blocks, then ${COUNTED} counted, ` +
    `serial and parallel alternated; parallel = main thread + ${THREADS} worker(s); ${cpus} CPUs (${load()})`,
);
console.log(
  [
    'Each figure: median over the counted blocks (10th-90th percentile), per tx (docs/blocks.md "Reading npm run bench:block").',
    'wall = block wall time; CPU by thread: main, wN = worker N, helpers = V8 GC/compiler threads; all = the whole process.',
  ].join('\n'),
);
const workerFile = await bundleWorker();
try {
  for (const where of ['memory', 'disk'] as const)
    for (const kind of ['independent', 'hot'] as const) if (!ONLY || ONLY.has(`${where}-${kind}`)) await runCase(where, kind, workerFile);
} finally {
  rmSync(workerFile, { force: true });
}
