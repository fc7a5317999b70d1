// The state root kept on a worker (worker 0, when the state is in memory), so the main
// thread's critical path does not include it. The main thread streams each included tx's
// writes in block order, in batches, while the block runs; the keeper merges them over its
// replica (still the state before the block: the workers speculate against it) and updates
// its tries as they come, hashing the changed nodes below the top two levels, so at the
// block's end only the last batch and the top of the tries are left to hash. The trie is
// the same StateCommitment as the main thread's, fed the same final values, so the root is
// the same bytes.
import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { Overlay, type AccountEntry } from '../../node/block/overlay.js';
import type { IterableState } from '../../node/block/chain_state.js';
import { StateCommitment } from '../../node/trie/state_commitment.js';
import { KEEPER_MS_AT, POSTED, ROOT_AT, SEALED } from './shared.js';
import { decodePlain } from './plain_codec.js';

/**
 * Writes of included txs, in block order, as plain_codec bytes of an array: an AccountEntry
 * is a write the main thread sends; a number i stands for the writes of tx i as this
 * worker's own speculative run made them (kept by the main thread: remember()), which the
 * main thread therefore neither encodes nor sends.
 */
export type KeeperMsg =
  | { type: 'writes'; seq: number; data: Uint8Array<ArrayBuffer> }
  /** the block's last writes: hash, publish the root, and apply the block to the replica */
  | { type: 'seal'; seq: number; data: Uint8Array<ArrayBuffer> }
  /** the block was dropped (a strict block's rejected tx): forget its writes */
  | { type: 'abort'; seq: number };

export class RootKeeper {
  private commitment: StateCommitment;
  private pending: Overlay;
  private readonly words: Int32Array;
  private readonly ms: Float64Array;
  private readonly root: Uint8Array;
  private seen = 0;
  /** the trie took writes of a block that was then dropped: build it again before the next block */
  private stale = false;
  /** this worker's own speculative writes by block (seq), then tx index, until the block's seal or abort */
  private readonly own = new Map<number, Map<number, AccountEntry[]>>();

  constructor(
    private readonly replica: IterableState,
    private readonly port: MessagePort,
    box: SharedArrayBuffer,
  ) {
    this.words = new Int32Array(box, 0, 2);
    this.ms = new Float64Array(box, KEEPER_MS_AT, 1);
    this.root = new Uint8Array(box, ROOT_AT, 32);
    this.commitment = StateCommitment.build(replica);
    this.pending = new Overlay(replica);
  }

  /** The writes of this worker's speculative run of tx i of block seq (the main thread may name them by i instead of sending them). */
  remember(seq: number, i: number, entries: AccountEntry[]): void {
    let m = this.own.get(seq);
    if (m === undefined) this.own.set(seq, (m = new Map()));
    m.set(i, entries);
  }

  /** Take the messages waiting; with untilSeal, block until block seq's seal has been taken. Returns whether it was. */
  pump(untilSeal = -1): boolean {
    for (;;) {
      const m = receiveMessageOnPort(this.port);
      if (m === undefined) {
        if (untilSeal < 0 || Atomics.load(this.words, SEALED) >= untilSeal) return Atomics.load(this.words, SEALED) >= untilSeal;
        Atomics.wait(this.words, POSTED, this.seen, 100);
        this.seen = Atomics.load(this.words, POSTED);
        continue;
      }
      this.take(m.message as KeeperMsg);
    }
  }

  private take(m: KeeperMsg): void {
    const t = performance.now();
    if (m.type === 'abort') {
      this.forget(m.seq);
      this.pending = new Overlay(this.replica);
      this.stale = true;
      // nothing to publish, but whoever waits for this block's end may go on
      Atomics.store(this.words, SEALED, m.seq);
      Atomics.notify(this.words, SEALED);
      return;
    }
    if (this.stale) {
      this.commitment = StateCommitment.build(this.replica);
      this.stale = false;
    }
    const p = this.pending;
    // one entry per address for the batch (a contract's storage root is then hashed once per batch, not per tx)
    const batch = new Overlay(p);
    const own = this.own.get(m.seq);
    for (const e of decodePlain(m.data) as (AccountEntry | number)[])
      if (typeof e === 'number') for (const x of own!.get(e)!) mergeEntry(batch, x);
      else mergeEntry(batch, e);
    batch.mergeInto(p);
    // a batch's leaves and low branches are hashed as it comes; the top of the tries, which
    // every batch changes, once at the seal (hashing it per batch cost more than the rest)
    this.commitment.stage(p, batch.accounts.values());
    if (m.type === 'writes') this.commitment.hashDeep();
    else {
      this.root.set(this.commitment.root(p));
      p.applyTo(this.replica);
      this.pending = new Overlay(this.replica);
    }
    this.ms[0] += performance.now() - t;
    if (m.type === 'seal') {
      this.forget(m.seq);
      Atomics.store(this.words, SEALED, m.seq);
      Atomics.notify(this.words, SEALED);
    }
  }

  /** block seq is done with (sealed or dropped): its own writes, and any of an earlier block left by a throw */
  private forget(seq: number): void {
    for (const s of this.own.keys()) if (s <= seq) this.own.delete(s);
  }
}

/**
 * e over the overlay, as a later tx's writes go over an earlier one's. Keys and values are
 * kept, not copied: they are views of a received buffer or this worker's own outcome's
 * copies, and nothing writes either.
 */
export function mergeEntry(ov: Overlay, e: AccountEntry): void {
  if (e.code !== undefined) ov.setCode(e.address, e.code);
  for (const w of e.storage.values()) ov.adoptStorage(e.address, w.key, w.value);
  if (e.balance !== undefined) ov.setBalance(e.address, e.balance);
  if (e.nonce !== undefined) ov.setNonce(e.address, e.nonce);
}
