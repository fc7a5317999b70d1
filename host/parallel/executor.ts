// Optimistic parallel block execution on worker_threads, after Block-STM. Workers and the
// main thread claim the block's txs from one shared cursor, in ascending order; a worker runs
// its tx speculatively against the state before the block, the main thread runs its own
// either for real (the next tx in block order) or speculatively against the block so far
// (when the next tx in order is still running on a worker: rather than wait). Every
// speculative run records what it read. The main thread then takes the txs in block order,
// checks each (nonce, funds, block gas, as serial execution does), keeps a speculative result
// when nothing it read was written by a tx between its snapshot and itself, and re-executes
// it on the block's state otherwise. A kept result read exactly what serial execution would
// have read, and execution is deterministic, so receipts and roots are byte-identical to
// executeBlock's (tests/parallel.test.ts). Fees reach the coinbase on the main thread
// (finishTx), so fee credits alone never make two txs conflict.
//
// When most checked results conflict (every tx touches one hot slot), speculation stops for
// the rest of the block and the next blocks run serially on the main thread (the state root
// still kept on worker 0), so such a chain costs about what serial execution costs. Every
// block measures, from its txs' own read and write sets, how many txs read what an earlier
// tx of the block wrote (what would have conflicted); when few did, the next block
// speculates (again). No probe block is spent on a chain that stays hot.
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort, type Transferable } from 'node:worker_threads';
import { BlockError, TxRejected } from '../../spec/errors.js';
import { DEFAULT_LIMITS } from '../../spec/table.js';
import {
  checkTx,
  commitmentOf,
  executeBlockOverlay,
  forgetCommitment,
  runBlockTxs,
  finishTx,
  runTx,
  type BlockHeader,
  type BlockResult,
  type Rejection,
  type TxOutcome,
} from '../../node/block/execute_block.js';
import { receiptsTrie, type BlockReceipt } from '../../node/block/block_receipt.js';
import type { ChainState } from '../../node/block/chain_state.js';
import { keyId, Overlay, type AccountEntry } from '../../node/block/overlay.js';
import { latin1Key } from '../../node/bytekey.js';
import { shapedTxHash, txHash, type Tx } from '../../node/block/tx.js';
import { MemoryState } from '../../node/state.js';
import { LmdbStore } from '../store/lmdb_store.js';
import { fromWire, idHash, idHashes, type WireOutcome } from './wire.js';
import { decodePlain, encodePlain, NotPlain } from './plain_codec.js';
import { BOX_BYTES, CTRL_WORDS, CURSOR, KEEPER_MS_AT, POSTED, PROGRESS, ROOT_AT, SEALED, STOP, WAIT_FOR } from './shared.js';
import type { KeeperMsg } from './root_keeper.js';
import { threadCpuMs } from './thread_cpu.js';

export interface ParallelStats {
  /** blocks executed, and how many of them ran on the main thread alone (after conflicts) */
  blocks: number;
  serialBlocks: number;
  /** workers' speculative results kept */
  kept: number;
  /** of the workers' results kept, those of the root keeper (worker 0), whose writes it already had: not streamed to it */
  keptKeeper: number;
  /** the main thread's own speculative results kept */
  keptMain: number;
  /** txs re-executed on the main thread (a read conflicted, or the speculation failed its checks) */
  reexecuted: number;
  /** txs the main thread ran for real, in order (no speculation) */
  main: number;
  /** speculative runs on the main thread (while the next tx in order was still on a worker) */
  specMain: number;
  /** results received from workers */
  messages: number;
  /** main thread, ms: receiving and decoding workers' results */
  msgMs: number;
  /** main thread, ms: waiting for a worker's result with nothing else to do */
  waitMs: number;
  /** main thread, ms: running txs (real, speculative, re-executed) */
  execMs: number;
  /** main thread, ms: checking, validating and finishing txs (receipts) */
  finishMs: number;
  /** main thread, ms: receipts root, state root (when kept here), applying the block */
  rootsMs: number;
  /** main thread, ms: sending included txs' writes to the root keeper */
  streamMs: number;
  /** main thread, ms: waiting at the block's end for the root keeper's state root */
  rootWaitMs: number;
  /** root keeper (worker 0), ms: merging writes and hashing the trie */
  keeperMs: number;
  /** main thread, ms: starting blocks (posting txs to workers) */
  postMs: number;
  /** workers, ms: running txs (summed over workers) */
  workerMs: number;
  /** ms from executeBlock's call to its return, summed */
  totalMs: number;
}

const zeroStats = (): ParallelStats => ({
  blocks: 0,
  serialBlocks: 0,
  kept: 0,
  keptKeeper: 0,
  keptMain: 0,
  reexecuted: 0,
  main: 0,
  specMain: 0,
  messages: 0,
  msgMs: 0,
  waitMs: 0,
  execMs: 0,
  finishMs: 0,
  rootsMs: 0,
  streamMs: 0,
  rootWaitMs: 0,
  keeperMs: 0,
  postMs: 0,
  workerMs: 0,
  totalMs: 0,
});

/** A speculative result: the outcome (worker's on the wire, or the main thread's) and the block position its reads saw. */
interface Spec {
  /** txs before this position were in the state it ran against */
  snapshot: number;
  /** a worker's outcome (decoded from plain_codec bytes, or structured-cloned when not plain data) */
  wire: WireOutcome | null;
  /** the worker it came from (-1: this thread's) */
  from: number;
  own: TxOutcome | null;
}

/** Included txs per batch of writes streamed to the root keeper. */
const STREAM_BATCH = 16;
/**
 * The same in a block the main thread runs alone: the keeper then has nothing else to do and
 * waits for each batch, so every batch wakes it (a context switch on both threads); with
 * batches of 16 a hot block's parallel wall time was 0.68-0.69x serial at load ~10, with the
 * whole block sent at its end 0.82-0.93x. 64: three or four wake-ups per 200-tx block, and
 * the keeper still hashes most of the block while the main thread runs it.
 */
const SERIAL_STREAM_BATCH = 64;
/** Stop speculating after this many conflicts, when they are at least half of the checked results. */
const MIN_CONFLICTS = 4;
/** A serial block lets the next one speculate when at most this share of its txs read what an earlier tx wrote. */
const CALM_SHARE = 0.25;

export type Schedule = 'shared' | 'workers' | 'main-ahead';

export class ParallelExecutor {
  readonly stats: ParallelStats = zeroStats();
  /** true after a block whose txs mostly conflicted: blocks run serially until one measures calm */
  private hot = false;

  /** blocks started, numbering the root keeper's seals */
  private seq = 0;

  private constructor(
    private readonly workers: Worker[],
    readonly state: MemoryState | LmdbStore,
    /** the root keeper's channel and box (worker 0), or null: the state root is kept on this thread */
    private readonly keeper: { port: MessagePort; words: Int32Array; box: SharedArrayBuffer } | null,
  ) {}

  /**
   * Start `threads` workers over `state`, kept for every block after (start once, run many
   * blocks). workerFile: the bundled host/parallel/worker.ts. A MemoryState is copied to each
   * worker (and kept in step after every block); an LmdbStore is opened by each worker,
   * which reads what the main thread commits.
   *
   * roots: where the state root is kept. 'worker' (the default over a MemoryState): worker 0
   * keeps it from the writes streamed to it during the block (host/parallel/root_keeper.ts),
   * and this thread's own commitment for the state is dropped: stateRoot(state) or
   * proveStorage(state) on this thread then build it again from the whole state (the
   * executor's lastRoot is the root without that). 'main': kept on this thread, as
   * executeBlock keeps it (always so over an LmdbStore, which commits each block with it).
   */
  static async start(
    state: MemoryState | LmdbStore,
    threads: number,
    workerFile: string | URL,
    opts: { roots?: 'main' | 'worker' } = {},
  ): Promise<ParallelExecutor> {
    const onWorker = state instanceof MemoryState && threads > 0 && opts.roots !== 'main';
    const data = state instanceof LmdbStore ? { storePath: state.path } : { snapshot: state.snapshot() };
    const channel = onWorker ? new MessageChannel() : null;
    const box = new SharedArrayBuffer(BOX_BYTES);
    const workers = Array.from({ length: threads }, (_, k) =>
      k === 0 && channel
        ? new Worker(workerFile, { workerData: { ...data, keeper: { port: channel.port2, box } }, transferList: [channel.port2] })
        : new Worker(workerFile, { workerData: data }),
    );
    await Promise.all(workers.map((w) => new Promise((ok, fail) => (w.once('online', ok), w.once('error', fail)))));
    if (onWorker) forgetCommitment(state);
    return new ParallelExecutor(workers, state, channel ? { port: channel.port1, words: new Int32Array(box, 0, 2), box } : null);
  }

  /** The state root after the last block this executor ran (null before the first). */
  lastRoot: Uint8Array | null = null;

  /**
   * CPU time, ms, of this thread and of each worker (NaN off Linux), each worker's taken
   * after everything posted to it so far: how the work divides between threads, whatever
   * else runs on the machine (host/parallel/thread_cpu.ts).
   */
  async threadCpu(): Promise<{ main: number; workers: number[] }> {
    const workers = await Promise.all(this.workers.map(async (w) => (await this.ask(w, 'cpu')).ms!));
    return { main: threadCpuMs(), workers };
  }

  /** Each worker's kernel thread id (Linux; -1 elsewhere), for reading its CPU time from this thread (thread_cpu.ts). */
  async threadIds(): Promise<number[]> {
    return Promise.all(this.workers.map(async (w) => (await this.ask(w, 'cpu')).tid ?? -1));
  }

  async close(): Promise<void> {
    this.keeper?.port.close();
    // each worker first closes its own handle on the store, after whatever it is still doing:
    // terminating a worker in the middle of its LMDB work could hang the terminate
    await Promise.all(this.workers.map((w) => this.ask(w, 'close').catch(() => undefined)));
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  /** Post {type} to a worker and wait for its answer of the same type (or its exit). */
  private ask(w: Worker, type: 'cpu' | 'close'): Promise<{ type: string; ms?: number; tid?: number }> {
    return new Promise((ok, fail) => {
      const on = (m: { type?: string; ms?: number; tid?: number }) => {
        if (m?.type !== type) return;
        done();
        ok(m as { type: string; ms?: number; tid?: number });
      };
      const exit = () => {
        done();
        fail(new Error('the parallel worker has exited'));
      };
      const done = () => {
        w.off('message', on);
        w.off('exit', exit);
      };
      w.on('message', on);
      w.on('exit', exit);
      w.postMessage({ type });
    });
  }

  /** executeBlock's result for the same block, computed with the workers. */
  async executeBlock(req: {
    block: BlockHeader;
    txs: readonly Tx[];
    strict?: boolean;
    /**
     * Who runs what, for tests to reach every path whatever the timing. 'shared' (default):
     * workers and the main thread share the block. 'workers': workers speculate every tx, the
     * main thread only checks and finishes them. 'main-ahead': no worker; the main thread
     * speculates every tx against the state before the block first, then checks them in order.
     */
    schedule?: Schedule;
  }): Promise<BlockResult> {
    const t0 = performance.now();
    const st = this.stats;
    st.blocks++;
    this.seq++;
    try {
      const schedule = req.schedule ?? 'shared';
      const speculate = schedule !== 'shared' || !this.hot;
      if (!speculate || (schedule !== 'main-ahead' && this.workers.length === 0)) {
        st.serialBlocks++;
        return this.serialBlock(req);
      }
      return this.speculativeBlock(req, schedule);
    } finally {
      st.totalMs += performance.now() - t0;
    }
  }

  /** The serial executeBlock itself (the workers' replicas kept in step; the root on the keeper, when there is one). */
  private serialBlock(req: { block: BlockHeader; txs: readonly Tx[]; strict?: boolean }): BlockResult {
    const t = performance.now();
    const meter = new ConflictMeter(req.txs.length);
    if (this.keeper === null) {
      const { result, overlay } = executeBlockOverlay({ state: this.state, block: req.block, txs: req.txs, strict: req.strict }, (o) => meter.add(o));
      this.stats.main += result.receipts.length;
      this.stats.execMs += performance.now() - t;
      if (this.state instanceof MemoryState) this.sendChanges(sortedEntries(overlay));
      this.lastRoot = result.stateRoot;
      this.hot = !meter.calm();
      return result;
    }
    this.workers[0].postMessage({ type: 'pump', seq: this.seq });
    const stream = this.stream(SERIAL_STREAM_BATCH);
    let run;
    try {
      run = runBlockTxs({ state: this.state, block: req.block, txs: req.txs, strict: req.strict }, (o) => {
        meter.add(o);
        stream.add(o);
      });
    } catch (e) {
      this.toKeeper({ type: 'abort', seq: this.seq });
      throw e;
    }
    this.stats.main += run.receipts.length;
    this.stats.execMs += performance.now() - t;
    this.hot = !meter.calm();
    return this.seal(run.overlay, req.block, run, stream);
  }

  /**
   * Writes of included txs, sent to the root keeper in batches as the block goes; a tx the
   * keeper ran itself (its result kept) goes as its index: the keeper has its writes.
   */
  private stream(batch = STREAM_BATCH): { add(o: TxOutcome, keeperRan?: number): void; entries: (AccountEntry | number)[] } {
    const out = {
      entries: [] as (AccountEntry | number)[],
      count: 0,
      add: (o: TxOutcome, keeperRan = -1): void => {
        if (keeperRan >= 0) out.entries.push(keeperRan);
        else for (const e of o.overlay.accounts.values()) out.entries.push(e);
        if (++out.count % batch === 0) {
          const t = performance.now();
          this.toKeeper({ type: 'writes', seq: this.seq, data: encodePlain(out.entries) });
          out.entries = [];
          this.stats.streamMs += performance.now() - t;
        }
      },
    };
    return out;
  }

  private toKeeper(m: KeeperMsg): void {
    const k = this.keeper!;
    if (m.type === 'abort') k.port.postMessage(m);
    else k.port.postMessage(m, [m.data.buffer]);
    Atomics.add(k.words, POSTED, 1);
    Atomics.notify(k.words, POSTED);
  }

  /**
   * End a block: its receipts root, its state root (here, or from the root keeper: the last
   * writes and the coinbase's balance sent, then waited for), and the block applied.
   */
  private seal(
    ov: Overlay,
    block: BlockHeader,
    run: Omit<BlockResult, 'stateRoot' | 'receiptsRoot'>,
    stream: { entries: (AccountEntry | number)[] } | null,
  ): BlockResult {
    const st = this.stats;
    let t = performance.now();
    if (stream) {
      // fee credits go to the block's overlay directly (finishTx), in no tx's writes
      const coinbase: AccountEntry = { address: block.coinbase, storage: new Map(), balance: ov.getBalance(block.coinbase) };
      this.toKeeper({ type: 'seal', seq: this.seq, data: encodePlain([...stream.entries, coinbase]) });
      st.streamMs += performance.now() - t;
      t = performance.now();
    }
    const receiptsRoot = receiptsTrie(run.receipts).root();
    let stateRoot: Uint8Array;
    if (stream) {
      ov.applyTo(this.state);
      this.sendChanges(sortedEntries(ov));
      st.rootsMs += performance.now() - t;
      t = performance.now();
      const k = this.keeper!;
      for (let s = Atomics.load(k.words, SEALED); s !== this.seq; s = Atomics.load(k.words, SEALED)) Atomics.wait(k.words, SEALED, s, 100);
      stateRoot = new Uint8Array(k.box, ROOT_AT, 32).slice();
      st.keeperMs = new Float64Array(k.box, KEEPER_MS_AT, 1)[0];
      st.rootWaitMs += performance.now() - t;
    } else {
      stateRoot = commitmentOf(this.state).update(ov, ov.accounts.values());
      const result = { ...run, stateRoot, receiptsRoot };
      if (this.state instanceof LmdbStore) this.state.applyBlock(ov, block, result);
      else {
        ov.applyTo(this.state);
        this.sendChanges(sortedEntries(ov));
      }
      st.rootsMs += performance.now() - t;
    }
    this.lastRoot = stateRoot;
    return { receipts: run.receipts, rejected: run.rejected, gasUsed: run.gasUsed, fees: run.fees, stateRoot, receiptsRoot };
  }

  /** the block's changes to the replicas (the root keeper applies them itself, from the stream) */
  private sendChanges(accounts: readonly AccountEntry[]): void {
    const to = this.workers.filter((_, k) => k > 0 || this.keeper === null);
    if (to.length === 0) return;
    const data = encodePlain(accounts);
    // the last one takes the buffer itself; the others get copies
    to.forEach((w, k) => (k === to.length - 1 ? w.postMessage({ type: 'apply', data }, [data.buffer]) : w.postMessage({ type: 'apply', data })));
  }

  private speculativeBlock(req: { block: BlockHeader; txs: readonly Tx[]; strict?: boolean }, schedule: Schedule): BlockResult {
    const limits = DEFAULT_LIMITS;
    const { block } = req;
    const st = this.stats;
    const state: ChainState = this.state;
    const count = req.txs.length;
    const stream = this.keeper ? this.stream() : null;
    const mainRuns = schedule !== 'workers';
    const workers = schedule === 'main-ahead' ? [] : this.workers;
    // claimed[i]: 0 free, 1 the main thread's, 2 a worker's; done[i] 1 once a worker posted tx i's result
    const claimed = new Int32Array(new SharedArrayBuffer(4 * Math.max(1, count)));
    const done = new Int32Array(new SharedArrayBuffer(4 * Math.max(1, count)));
    const ctrl = new Int32Array(new SharedArrayBuffer(4 * CTRL_WORDS));
    let t = performance.now();
    const channels = workers.map(() => new MessageChannel());
    // the block and its txs as one plain_codec buffer (a quarter of structured clone's cost
    // here, and less to read there); by structured clone when they are not plain data
    const work = workers.length > 0 ? plainOrNull({ block, txs: req.txs }) : null;
    workers.forEach((w, k) => {
      const last = k === workers.length - 1;
      const data = work === null ? { block, txs: req.txs } : { work: last ? work : work.slice() };
      const transfer: Transferable[] = [channels[k].port2];
      if (data.work) transfer.push(data.work.buffer);
      w.postMessage({ type: 'run', seq: this.seq, ...data, claimed: claimed.buffer, done: done.buffer, ctrl: ctrl.buffer, port: channels[k].port2 }, transfer);
    });
    // a root keeper given no txs to speculate still takes the block's writes
    if (this.keeper && workers.length === 0) this.workers[0].postMessage({ type: 'pump', seq: this.seq });
    st.postMs += performance.now() - t;

    const specs = new Map<number, Spec>();
    const drain = (): void => {
      const t1 = performance.now();
      for (let from = 0; from < channels.length; from++) {
        const ch = channels[from];
        for (let m = receiveMessageOnPort(ch.port1); m; m = receiveMessageOnPort(ch.port1)) {
          // a batch of [index, outcome, ms]: plain_codec bytes (outcomes decoded as views of
          // them, and turned into TxOutcomes when checked), or structured-cloned
          const batch = (m.message instanceof Uint8Array ? decodePlain(m.message) : m.message) as [number, WireOutcome | null, number][];
          for (const [j, o, ms] of batch) {
            specs.set(j, { snapshot: 0, wire: o, from, own: null });
            st.workerMs += ms;
          }
          st.messages++;
        }
      }
      st.msgMs += performance.now() - t1;
    };
    const ov = new Overlay(state);
    /** idHash of a state key's id -> block position of the last tx that wrote it */
    const lastWriter = new Map<number, number>();
    const coinbaseId = idHash(keyId('balance', latin1Key(block.coinbase)));
    let speculating = true;
    let checked = 0;
    let conflicts = 0;
    // as ConflictMeter counts a serial block: included txs that read what an earlier tx of the
    // block wrote, whoever ran them, so whether the next block speculates depends on the
    // block's txs alone, not on which thread got to which tx first
    const calmLimit = Math.floor(CALM_SHARE * count);
    let readConflicts = 0;
    const stop = (): void => {
      speculating = false;
      Atomics.store(ctrl, STOP, 1);
    };
    /** claim the lowest free tx after `after` for a speculative run on this thread; -1 when none */
    const claimAhead = (after: number): number => {
      for (;;) {
        const k = Atomics.add(ctrl, CURSOR, 1);
        if (k >= count) return -1;
        if (k > after && Atomics.compareExchange(claimed, k, 0, 1) === 0) return k;
      }
    };

    const receipts: BlockReceipt[] = [];
    const rejected: Rejection[] = [];
    let gasUsed = 0;
    let fees = 0n;
    try {
      if (schedule === 'main-ahead') {
        t = performance.now();
        for (let k = 0; k < count; k++)
          if (Atomics.compareExchange(claimed, k, 0, 1) === 0)
            specs.set(k, { snapshot: 0, wire: null, from: -1, own: this.speculate(ov, block, req.txs[k], 0) });
        st.specMain += count;
        st.execMs += performance.now() - t;
      }
      for (let i = 0; i < count; i++) {
        const tx = req.txs[i];
        // the next tx in order: ours to run for real, ours or a worker's speculated, or running on a worker
        let spec: Spec | undefined;
        let mine = false;
        for (;;) {
          if (mainRuns && Atomics.compareExchange(claimed, i, 0, 1) === 0) {
            mine = true;
            break;
          }
          spec = specs.get(i);
          if (spec !== undefined) break;
          if (Atomics.load(done, i) === 1) {
            drain();
            continue;
          }
          // a worker is on it: run a later tx speculatively rather than wait, unless results
          // conflict often (a conflicting run of this thread's would cost it the tx twice)
          const k = mainRuns && speculating && 4 * conflicts <= checked ? claimAhead(i) : -1;
          if (k >= 0) {
            t = performance.now();
            specs.set(k, { snapshot: i, wire: null, from: -1, own: this.speculate(ov, block, req.txs[k], gasUsed) });
            st.specMain++;
            st.execMs += performance.now() - t;
            continue;
          }
          // the workers post results in batches and wake this thread once per batch; told that
          // this thread waits, a worker posts what it holds at once
          t = performance.now();
          const progress = Atomics.load(ctrl, PROGRESS);
          Atomics.store(ctrl, WAIT_FOR, i + 1);
          if (Atomics.load(done, i) === 0) Atomics.wait(ctrl, PROGRESS, progress, 20);
          Atomics.store(ctrl, WAIT_FOR, 0);
          st.waitMs += performance.now() - t;
        }
        t = performance.now();
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
          specs.delete(i);
          st.finishMs += performance.now() - t;
          continue;
        }
        let o: TxOutcome | null = null;
        /** idHashes of what o read (null: not recorded) */
        let reads: ArrayLike<number> | null = null;
        /** the root keeper's own run of this tx was kept: it has the writes */
        let keeperHas = false;
        if (spec !== undefined) {
          specs.delete(i);
          checked++;
          const cand = spec.own ?? (spec.wire ? fromWire(spec.wire, ov) : null);
          const ids = spec.wire ? spec.wire.readIds : readIds(cand);
          if (cand !== null && ids !== null && valid(ids, spec.snapshot, lastWriter)) {
            o = cand;
            reads = ids;
            if (spec.own) st.keptMain++;
            else st.kept++;
            keeperHas = spec.from === 0 && this.keeper !== null;
            if (keeperHas) st.keptKeeper++;
          } else {
            conflicts++;
            if (speculating && mainRuns && conflicts >= MIN_CONFLICTS && 2 * conflicts >= checked) stop();
          }
        }
        st.finishMs += performance.now() - t;
        if (o === null) {
          t = performance.now();
          o = runTx(ov, block, tx, shapedTxHash(tx), limits);
          if (mine) st.main++;
          else st.reexecuted++;
          st.execMs += performance.now() - t;
        }
        t = performance.now();
        if (readConflicts <= calmLimit) {
          reads ??= readIds(o);
          if (reads !== null)
            for (let k = 0; k < reads.length; k++)
              if (lastWriter.has(reads[k])) {
                readConflicts++;
                break;
              }
        }
        for (const id of o.overlay.writtenIds()) lastWriter.set(idHash(id), i);
        gasUsed += o.gasUsed;
        fees += o.fee;
        const r = finishTx(ov, block, o, receipts.length, gasUsed);
        if (o.fee > 0n) lastWriter.set(coinbaseId, i);
        receipts.push(r);
        st.finishMs += performance.now() - t;
        stream?.add(o, keeperHas ? i : -1);
      }
      if (mainRuns) this.hot = !speculating || readConflicts > calmLimit;
    } catch (e) {
      if (this.keeper) this.toKeeper({ type: 'abort', seq: this.seq });
      throw e;
    } finally {
      // stop the workers' claims (a rejected tx in a strict block leaves early, through a throw)
      Atomics.store(ctrl, STOP, 1);
      for (const ch of channels) ch.port1.close();
    }
    return this.seal(ov, block, { receipts, rejected, gasUsed, fees }, stream);
  }

  /** A speculative run on this thread against the block so far; null when the tx fails its checks there. */
  private speculate(ov: Overlay, block: BlockHeader, tx: Tx, gasUsed: number): TxOutcome | null {
    try {
      checkTx(ov, block, tx, gasUsed, DEFAULT_LIMITS);
    } catch (e) {
      if (!(e instanceof TxRejected)) throw e;
      return null;
    }
    return runTx(ov, block, tx, shapedTxHash(tx), DEFAULT_LIMITS);
  }
}

/**
 * How many txs of a block run in order read a state key an earlier tx of the block wrote
 * (each would have failed validation, had it been speculated against the state before the
 * block). Stops counting once the answer is known.
 */
class ConflictMeter {
  private readonly lastWriter = new Set<string>();
  private conflicts = 0;
  private readonly limit: number;

  constructor(txs: number) {
    this.limit = Math.floor(CALM_SHARE * txs);
  }

  add(o: TxOutcome): void {
    // over the limit already: not calm, whatever the rest does
    if (this.conflicts > this.limit) return;
    if (o.overlay.reads !== null)
      for (const id of o.overlay.reads.keys())
        if (this.lastWriter.has(id)) {
          this.conflicts++;
          break;
        }
    for (const id of o.overlay.writtenIds()) this.lastWriter.add(id);
  }

  /** few enough conflicts that the next block should speculate */
  calm(): boolean {
    return this.conflicts <= this.limit;
  }
}

/** idHashes of what an outcome of this thread read; null when its reads were not recorded */
function readIds(o: TxOutcome | null): number[] | null {
  return o !== null && o.overlay.reads !== null ? idHashes(o.overlay.reads.keys()) : null;
}

/** Nothing the outcome read (ids: idHashes) was written by a tx at or after its snapshot (and before it). */
function valid(ids: ArrayLike<number>, snapshot: number, lastWriter: ReadonlyMap<number, number>): boolean {
  for (let k = 0; k < ids.length; k++) {
    const w = lastWriter.get(ids[k]);
    if (w !== undefined && w >= snapshot) return false;
  }
  return true;
}

function plainOrNull(v: unknown): Uint8Array<ArrayBuffer> | null {
  try {
    return encodePlain(v);
  } catch (e) {
    if (e instanceof NotPlain || e instanceof RangeError) return null;
    throw e;
  }
}

function sortedEntries(ov: Overlay): AccountEntry[] {
  return [...ov.accounts.keys()].sort().map((a) => ov.accounts.get(a)!);
}
