// host/parallel/executor.ts: blocks executed on worker threads give receipts (bytes and
// hashes), rejections and roots identical to serial executeBlock on a twin state: with
// independent txs, with every tx conflicting on one slot, and with a mix of one sender's
// nonce sequence across slices, reverts and rejections; in memory and on an LMDB store.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ParallelExecutor } from '../host/parallel/executor.js';
import { LmdbStore } from '../host/store/lmdb_store.js';
import { executeBlock, stateRoot, type BlockResult } from '../node/block/execute_block.js';
import type { Tx } from '../node/block/tx.js';
import { MemoryState } from '../node/state.js';
import { addr, header, setupToken, transferTx } from './helpers/chain.js';
import { bundleWorker } from './helpers/worker_bundle.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
let workerFile = '';
const dirs: string[] = [];
beforeAll(async () => {
  workerFile = await bundleWorker();
});
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function same(a: BlockResult, b: BlockResult): void {
  expect(a.receipts.map((r) => hex(r.encoded))).toEqual(b.receipts.map((r) => hex(r.encoded)));
  expect(a.receipts.map((r) => hex(r.exec?.encoded ?? new Uint8Array(0)))).toEqual(b.receipts.map((r) => hex(r.exec?.encoded ?? new Uint8Array(0))));
  expect(a.rejected.map((r) => `${r.index}:${r.reason}`)).toEqual(b.rejected.map((r) => `${r.index}:${r.reason}`));
  expect(hex(a.stateRoot)).toBe(hex(b.stateRoot));
  expect(hex(a.receiptsRoot)).toBe(hex(b.receiptsRoot));
  expect(a.gasUsed).toBe(b.gasUsed);
  // read and write sets (plain data, not encoded): the same keys in the same order, whichever thread ran the tx
  const sets = (r: BlockResult) =>
    JSON.stringify(
      r.receipts.map((x) => [x.readSet, x.writeSet]),
      (_, v) => (v instanceof Uint8Array ? hex(v) : typeof v === 'bigint' ? `${v}n` : v),
    );
  expect(sets(b)).toBe(sets(a));
}

/** three kinds of block over a 40-holder token chain; nonces tracked in `n` */
function blocks(token: Uint8Array): ((n: bigint[]) => Tx[])[] {
  const independent = (n: bigint[]) =>
    Array.from({ length: 30 }, (_, j) => transferTx(addr(1 + j), n[1 + j]++, token, addr(39 - (j % 5)), 1n)).map((t, j) => ({
      ...t,
      data: transferTx(addr(1 + j), 0n, token, addr(100 + j), 2n).data,
    }));
  const hot = (n: bigint[]) => Array.from({ length: 30 }, (_, j) => transferTx(addr(1 + j), n[1 + j]++, token, addr(7), 1n));
  const mixed = (n: bigint[]) => {
    const txs: Tx[] = [];
    // one sender's sequence across all slices
    for (let j = 0; j < 12; j++) txs.push(transferTx(addr(3), n[3]++, token, addr(10 + j), 1n));
    // a revert (more than the holder has), a replay, an unfunded sender, a call to nobody
    txs.splice(4, 0, transferTx(addr(20), n[20]++, token, addr(21), 10n ** 40n));
    txs.splice(9, 0, transferTx(addr(3), 0n, token, addr(4), 1n));
    txs.splice(14, 0, transferTx(new Uint8Array(32).fill(0x99), 0n, token, addr(4), 1n));
    txs.push({ ...transferTx(addr(21), n[21]++, token, addr(4), 1n), to: new Uint8Array(32).fill(0x55) });
    return txs;
  };
  return [independent, hot, mixed];
}

test('in memory: parallel equals serial, with and without conflicts', async () => {
  const serial = new MemoryState();
  const par = new MemoryState();
  const { token } = setupToken(serial, 40);
  setupToken(par, 40);
  const nS = Array(40).fill(0n);
  const nP = Array(40).fill(0n);
  const ex = await ParallelExecutor.start(par, 2, workerFile);
  try {
    let h = 1;
    // every tx speculated by a worker: the independent block keeps results, the hot one re-executes
    for (const make of blocks(token)) {
      const before = { ...ex.stats };
      const a = executeBlock({ state: serial, block: header(h), txs: make(nS) });
      const b = await ex.executeBlock({ block: header(h), txs: make(nP), schedule: 'workers' });
      same(a, b);
      if (h === 1) expect(ex.stats.kept - before.kept).toBe(30);
      if (h === 2) expect(ex.stats.reexecuted - before.reexecuted).toBe(29);
      h++;
    }
    // every tx speculated by the main thread itself against the state before the block: the
    // same validation keeps its own results or re-executes them
    for (const make of blocks(token)) {
      const before = { ...ex.stats };
      const a = executeBlock({ state: serial, block: header(h), txs: make(nS) });
      const b = await ex.executeBlock({ block: header(h), txs: make(nP), schedule: 'main-ahead' });
      same(a, b);
      if (h === 4) expect(ex.stats.keptMain - before.keptMain).toBe(30);
      if (h === 5) expect(ex.stats.reexecuted - before.reexecuted).toBe(29);
      h++;
    }
    // a block that stops speculating (the hot one; the mixed one, whose sender's nonces
    // chain its txs) makes the next run serially; a serial block whose txs did not read
    // each other's writes (the independent one) lets the next speculate again
    const serialAt: number[] = [];
    for (let k = 0; k < 8; k++) {
      const before = { ...ex.stats };
      const make = blocks(token)[k % 3];
      const a = executeBlock({ state: serial, block: header(h), txs: make(nS) });
      const b = await ex.executeBlock({ block: header(h), txs: make(nP) });
      same(a, b);
      serialAt.push(ex.stats.serialBlocks - before.serialBlocks);
      h++;
    }
    // independent, hot, mixed, independent, hot, mixed, independent, hot
    expect(serialAt).toEqual([1, 0, 1, 1, 0, 1, 1, 0]);
    // a chain that stays hot never speculates again
    for (let k = 0; k < 5; k++) {
      const before = { ...ex.stats };
      const make = blocks(token)[1];
      const a = executeBlock({ state: serial, block: header(h), txs: make(nS) });
      const b = await ex.executeBlock({ block: header(h), txs: make(nP) });
      same(a, b);
      expect(ex.stats.serialBlocks - before.serialBlocks).toBe(1);
      h++;
    }
    // the main thread and the worker sharing the block
    for (const make of [...blocks(token), ...blocks(token)]) {
      const a = executeBlock({ state: serial, block: header(h), txs: make(nS) });
      const b = await ex.executeBlock({ block: header(h), txs: make(nP) });
      same(a, b);
      h++;
    }
    expect(ex.stats.kept + ex.stats.reexecuted + ex.stats.main).toBeGreaterThan(200);
    // worker 0 keeps the root: the writes of its own kept results were named by index, not
    // sent (roots above agree); worker 1's were sent
    expect(ex.stats.keptKeeper).toBeGreaterThan(0);
    expect(ex.stats.keptKeeper).toBeLessThan(ex.stats.kept);
    // a strict block with a replayed tx fails whole, after some of its writes reached the
    // root keeper: it drops them, and the next block's root is still serial's
    const bad = [...Array.from({ length: 20 }, (_, j) => transferTx(addr(1 + j), nP[1 + j], token, addr(30), 1n)), transferTx(addr(5), 0n, token, addr(6), 1n)];
    await expect(ex.executeBlock({ block: header(h), txs: bad, strict: true })).rejects.toThrow(/rejected/);
    for (const schedule of ['shared', 'main-ahead'] as const) {
      const a = executeBlock({ state: serial, block: header(h), txs: blocks(token)[0](nS) });
      const b = await ex.executeBlock({ block: header(h), txs: blocks(token)[0](nP), schedule });
      same(a, b);
      h++;
    }
    expect(ex.stats.keeperMs).toBeGreaterThan(0);
    expect(hex(ex.lastRoot!)).toBe(hex(stateRoot(serial)));
    // this thread's own commitment was dropped for the keeper's: built again when asked, it agrees
    expect(hex(stateRoot(par))).toBe(hex(stateRoot(serial)));
    expect(JSON.stringify(par.snapshot())).toBe(JSON.stringify(serial.snapshot()));
  } finally {
    await ex.close();
  }
}, 60_000);

test('on an LMDB store: parallel equals serial in memory', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vmpy-par-'));
  dirs.push(dir);
  const serial = new MemoryState();
  const store = LmdbStore.open(dir);
  const { token } = setupToken(serial, 40);
  setupToken(store, 40);
  const nS = Array(40).fill(0n);
  const nP = Array(40).fill(0n);
  const ex = await ParallelExecutor.start(store, 2, workerFile);
  try {
    let h = 1;
    for (const make of [...blocks(token), ...blocks(token)]) {
      const a = executeBlock({ state: serial, block: header(h), txs: make(nS) });
      const b = await ex.executeBlock({ block: header(h), txs: make(nP) });
      same(a, b);
      expect(hex(store.head().stateRoot)).toBe(hex(a.stateRoot));
      h++;
    }
  } finally {
    await ex.close();
    await store.close();
  }
}, 60_000);
