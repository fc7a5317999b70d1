// Optimistic parallel block execution on worker_threads, after Block-STM: workers run the
// block's txs speculatively, each against the state before the block, recording what each
// read; the main thread then goes through the txs in block order, checks each (nonce, funds,
// block gas, as serial execution does), keeps a tx's speculative result when nothing it read
// was written by an earlier tx of the block, and re-executes it on the block's state
// otherwise. A kept result read exactly what serial execution would have read, and execution
// is deterministic, so receipts and roots are byte-identical to executeBlock's
// (tests/parallel.test.ts). Fees reach the coinbase on the main thread (finishTx), so fee
// credits alone never make two txs conflict.
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { BlockError, TxRejected } from '../../spec/errors.js';
import { DEFAULT_LIMITS } from '../../spec/table.js';
import { checkTx, commitmentOf, finishTx, runTx, type BlockHeader, type BlockResult, type Rejection, type TxOutcome } from '../../node/block/execute_block.js';
import { receiptsTrie, type BlockReceipt } from '../../node/block/block_receipt.js';
import type { ChainState } from '../../node/block/chain_state.js';
import { keyId, Overlay } from '../../node/block/overlay.js';
import { latin1Key } from '../../node/bytekey.js';
import { txHash, type Tx } from '../../node/block/tx.js';
import { MemoryState } from '../../node/state.js';
import { LmdbStore } from '../store/lmdb_store.js';
import { fromWire, type WireOutcome } from './wire.js';

export interface ParallelStats {
  /** txs whose speculative result was kept */
  kept: number;
  /** txs re-executed on the main thread (a read conflicted, or no speculative result) */
  reexecuted: number;
  /** txs of the main thread's own slice */
  main: number;
}

export class ParallelExecutor {
  readonly stats: ParallelStats = { kept: 0, reexecuted: 0, main: 0 };
  /** blocks still to run on the main thread alone, after a block whose txs mostly conflicted */
  private serialFor = 0;

  private constructor(
    private readonly workers: Worker[],
    readonly state: MemoryState | LmdbStore,
  ) {}

  /**
   * Start `threads` workers over `state`. workerFile: the bundled host/parallel/worker.ts.
   * A MemoryState is copied to each worker (and kept in step after every block); an
   * LmdbStore is opened by each worker, which reads what the main thread commits.
   */
  static async start(state: MemoryState | LmdbStore, threads: number, workerFile: string | URL): Promise<ParallelExecutor> {
    const data = state instanceof LmdbStore ? { storePath: state.path } : { snapshot: state.snapshot() };
    const workers = Array.from({ length: threads }, () => new Worker(workerFile, { workerData: data }));
    await Promise.all(workers.map((w) => new Promise((ok, fail) => (w.once('online', ok), w.once('error', fail)))));
    return new ParallelExecutor(workers, state);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  /** executeBlock's result for the same block, computed with the workers. */
  async executeBlock(req: {
    block: BlockHeader;
    txs: readonly Tx[];
    strict?: boolean;
    /** false: the main thread runs no tx itself first; every tx is speculated by a worker (tests use it to reach every path) */
    mainClaims?: boolean;
  }): Promise<BlockResult> {
    const limits = DEFAULT_LIMITS;
    const { block } = req;
    const state: ChainState = this.state;
    const commitment = commitmentOf(state);
    // The main thread claims txs from the front and runs them for real, in order; workers
    // claim from the back and run theirs speculatively against the state before the block.
    // When the main thread reaches a worker's tx it waits for its result, checks its reads
    // and keeps it or re-executes it. Independent txs split between the threads; when all
    // conflict, the main thread does about the serial work and never waits long.
    const count = req.txs.length;
    const claimed = new Int32Array(new SharedArrayBuffer(4 * Math.max(1, count)));
    const done = new Int32Array(new SharedArrayBuffer(4 * Math.max(1, count)));
    const ctrl = new Int32Array(new SharedArrayBuffer(4));
    ctrl[0] = count;
    // Conflicts cost the speculation twice (the worker's run, then the re-execution), and a
    // worker competes with the main thread for the machine. So when most checked results
    // conflict, the workers are stopped for the rest of the block (ctrl[0] = 0: no more
    // claims), and the next blocks run on the main thread alone until a probe 8 blocks on.
    const speculate = req.mainClaims === false || this.serialFor === 0;
    if (!speculate) {
      this.serialFor--;
      ctrl[0] = 0;
    }
    let checked = 0;
    let conflicts = 0;
    const channels = speculate ? this.workers.map(() => new MessageChannel()) : [];
    if (speculate)
      this.workers.forEach((w, k) =>
        w.postMessage({ type: 'run', block, txs: req.txs, claimed: claimed.buffer, done: done.buffer, ctrl: ctrl.buffer, port: channels[k].port2 }, [
          channels[k].port2,
        ]),
      );
    const speculative = new Map<number, WireOutcome | null>();
    const resultOf = (i: number): WireOutcome | null => {
      for (;;) {
        if (speculative.has(i)) return speculative.get(i)!;
        if (Atomics.load(done, i) === 0) Atomics.wait(done, i, 0, 50);
        for (const ch of channels) {
          for (let m = receiveMessageOnPort(ch.port1); m; m = receiveMessageOnPort(ch.port1)) {
            const [j, o] = m.message as [number, WireOutcome | null];
            speculative.set(j, o);
          }
        }
      }
    };

    const ov = new Overlay(state);
    const written = new Set<string>();
    const receipts: BlockReceipt[] = [];
    const rejected: Rejection[] = [];
    let gasUsed = 0;
    let fees = 0n;
    try {
      for (let i = 0; i < req.txs.length; i++) {
        const tx = req.txs[i];
        const mine = req.mainClaims !== false && Atomics.compareExchange(claimed, i, 0, 1) === 0;
        try {
          checkTx(ov, block, tx, gasUsed, limits);
        } catch (e) {
          if (!(e instanceof TxRejected)) throw e;
          if (req.strict) throw new BlockError(`tx ${i} rejected: ${e.message}`);
          let hash: Uint8Array | null = null;
          try {
            hash = txHash(tx, limits);
          } catch {
            hash = null;
          }
          rejected.push({ index: i, txHash: hash, reason: e.reason, message: e.message });
          continue;
        }
        const w = mine ? null : resultOf(i);
        let o: TxOutcome;
        if (!mine) checked++;
        if (w !== null && !w.reads.some(([id]) => written.has(id))) {
          o = fromWire(w, ov);
          this.stats.kept++;
        } else {
          o = runTx(ov, block, tx, txHash(tx, limits), limits);
          if (mine) this.stats.main++;
          else {
            this.stats.reexecuted++;
            conflicts++;
            if (req.mainClaims !== false && conflicts >= 4 && 2 * conflicts >= checked) Atomics.store(ctrl, 0, 0);
          }
        }
        for (const id of o.overlay.writtenIds()) written.add(id);
        gasUsed += o.gasUsed;
        fees += o.fee;
        const r = finishTx(ov, block, o, receipts.length, gasUsed);
        if (o.fee > 0n) written.add(keyId('balance', latin1Key(block.coinbase)));
        receipts.push(r);
      }
      if (req.mainClaims !== false && speculate) this.serialFor = conflicts >= 4 && 2 * conflicts >= checked ? 7 : 0;
    } finally {
      // stop the workers' claims (a rejected tx in a strict block leaves early, through a throw)
      Atomics.store(ctrl, 0, 0);
      for (const ch of channels) ch.port1.close();
    }
    const receiptsRoot = receiptsTrie(receipts).root();
    const stateRoot = commitment.update(ov, ov.accounts.values());
    const result = { receipts, rejected, gasUsed, fees, stateRoot, receiptsRoot };
    if (this.state instanceof LmdbStore) this.state.applyBlock(ov, block, result);
    else {
      ov.applyTo(this.state);
      const accounts = [...ov.accounts.keys()].sort().map((a) => ov.accounts.get(a)!);
      for (const w of this.workers) w.postMessage({ type: 'apply', accounts });
    }
    return result;
  }
}
