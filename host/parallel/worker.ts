// A parallel-execution worker (host/parallel/executor.ts): holds the state as of the last
// block (a replica in memory kept in step by the main thread, or the LMDB store opened
// beside it) and runs the txs it is given speculatively against it. Worker 0 over a replica
// also keeps the state root (root_keeper.ts).
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { checkTx, runTx, type BlockHeader } from '../../node/block/execute_block.js';
import type { ChainState } from '../../node/block/chain_state.js';
import type { AccountEntry } from '../../node/block/overlay.js';
import { shapedTxHash, type Tx } from '../../node/block/tx.js';
import { CURSOR, PROGRESS, STOP, WAIT_FOR } from './shared.js';
import { MemoryState, type StateSnapshot } from '../../node/state.js';
import { DEFAULT_LIMITS } from '../../spec/table.js';
import { LmdbStore } from '../store/lmdb_store.js';
import { toWire, type WireOutcome } from './wire.js';
import { decodePlain, encodePlain, NotPlain } from './plain_codec.js';
import { RootKeeper } from './root_keeper.js';
import { useNativeTrieHash } from '../native_hash.js';
import { threadCpuMs, threadTid } from './thread_cpu.js';

type Msg =
  | {
      type: 'run';
      seq: number;
      /** the block and its txs: plain_codec bytes of { block, txs }, or (not plain data) block and txs themselves */
      work?: Uint8Array;
      block?: BlockHeader;
      txs?: Tx[];
      claimed: SharedArrayBuffer;
      done: SharedArrayBuffer;
      ctrl: SharedArrayBuffer;
      port: MessagePort;
    }
  /** a block's changes (AccountEntry[], plain_codec bytes) */
  | { type: 'apply'; data: Uint8Array }
  /** a block the main thread runs alone: keep its root (the root keeper only) */
  | { type: 'pump'; seq: number }
  /** report this thread's CPU time (after everything posted before it) */
  | { type: 'cpu' }
  /** close the store handle, then answer (the executor terminates the worker after) */
  | { type: 'close' };

useNativeTrieHash();
const init = workerData as { snapshot?: StateSnapshot; storePath?: string; keeper?: { port: MessagePort; box: SharedArrayBuffer } };
const state: ChainState = init.storePath ? LmdbStore.open(init.storePath, { verify: false }) : MemoryState.fromSnapshot(init.snapshot!);
// worker 0 over a replica in memory keeps the state root (root_keeper.ts)
const keeper = init.keeper && state instanceof MemoryState ? new RootKeeper(state, init.keeper.port, init.keeper.box) : null;

// Claims: claimed[i] 0 free, 1 the main thread's, 2 a worker's; done[i] 1 once tx i's
// result is posted. Workers and the main thread take txs from one cursor (ctrl[CURSOR]), in
// ascending order, so results arrive about when the main thread reaches them in block order.
// Every tx a worker claims gets a result posted (null when it cannot be speculated), or the
// main thread would wait for it forever.
parentPort!.on('message', (m: Msg) => {
  if (m.type === 'close') {
    void (async () => {
      if (state instanceof LmdbStore) await state.close();
      parentPort!.postMessage({ type: 'close' });
    })();
    return;
  }
  if (m.type === 'cpu') {
    parentPort!.postMessage({ type: 'cpu', ms: threadCpuMs(), tid: threadTid() });
    return;
  }
  if (m.type === 'pump') {
    keeper!.pump(m.seq);
    return;
  }
  if (m.type === 'apply') {
    // the main thread's block, applied to the replica in the same order as the state
    for (const e of decodePlain(m.data) as AccountEntry[]) {
      if (e.code !== undefined) state.setCode(e.address, e.code);
      for (const w of e.storage.values()) state.setStorage(e.address, w.key, w.value);
      if (e.balance !== undefined) state.setBalance(e.address, e.balance);
      if (e.nonce !== undefined) state.setNonce(e.address, e.nonce);
    }
    return;
  }
  if (state instanceof LmdbStore) state.refresh();
  const claimed = new Int32Array(m.claimed);
  const done = new Int32Array(m.done);
  const ctrl = new Int32Array(m.ctrl);
  const { block, txs } = (m.work ? decodePlain(m.work) : m) as { block: BlockHeader; txs: Tx[] };
  const n = txs.length;
  // results go out in batches, one message and one wake-up each: a message and an
  // Atomics.notify per tx cost the main thread a wake-up (a context switch) per tx
  let batch: Result[] = [];
  const flush = (): void => {
    if (batch.length === 0) return;
    postResults(m.port, batch);
    for (const r of batch) Atomics.store(done, r[0], 1);
    batch = [];
    Atomics.add(ctrl, PROGRESS, 1);
    Atomics.notify(ctrl, PROGRESS);
  };
  for (;;) {
    if (Atomics.load(ctrl, STOP) !== 0) break;
    const i = Atomics.add(ctrl, CURSOR, 1);
    if (i >= n) break;
    if (Atomics.compareExchange(claimed, i, 0, 2) !== 0) continue;
    const tx = txs[i];
    const t = performance.now();
    let out = null;
    try {
      // nonce and funds against the state before the block; the main thread checks again in order
      checkTx(state, block, tx, 0, DEFAULT_LIMITS);
      const o = runTx(state, block, tx, shapedTxHash(tx), DEFAULT_LIMITS);
      out = toWire(o);
      // the root keeper takes these writes from here when the main thread keeps the result
      if (keeper !== null && out !== null)
        keeper.remember(
          m.seq,
          i,
          out.accounts.map((a) => a[1]),
        );
    } catch {
      // not speculated (a rejected tx, or a failure the main thread meets again when it runs the tx itself)
      out = null;
    }
    batch.push([i, out, performance.now() - t]);
    // the main thread waits for one of these (or any result): send them now
    if (batch.length >= RESULT_BATCH || Atomics.load(ctrl, WAIT_FOR) !== 0) flush();
    // the writes of txs the main thread has finished, between two of ours
    keeper?.pump();
  }
  // every claimed tx gets its result posted, or the main thread would wait for it forever
  flush();
  // then the rest of the block's writes, until its root
  keeper?.pump(m.seq);
});

/** Results per message at most (sent sooner when the main thread waits). */
const RESULT_BATCH = 8;

type Result = [index: number, outcome: WireOutcome | null, ms: number];

/**
 * A batch of results as one transferred byte buffer (host/parallel/plain_codec.ts); when one
 * is not plain data, that one goes by structured clone in its own message; a result that
 * cannot be sent at all goes as none (the main thread runs the tx itself).
 */
function postResults(port: MessagePort, batch: Result[]): void {
  const bytes = plainBytes(batch);
  if (bytes !== null) {
    port.postMessage(bytes, [bytes.buffer]);
    return;
  }
  for (const r of batch) {
    const one = plainBytes([r]);
    try {
      if (one !== null) port.postMessage(one, [one.buffer]);
      else port.postMessage([r]);
    } catch {
      port.postMessage([[r[0], null, r[2]]]);
    }
  }
}

function plainBytes(v: unknown): Uint8Array<ArrayBuffer> | null {
  try {
    return encodePlain(v);
  } catch (e) {
    // not plain data (or too deep): structured clone takes it, or the tx is run on the main thread
    if (e instanceof NotPlain || e instanceof RangeError) return null;
    throw e;
  }
}
