// `node bench/block.mjs parts`: the parallel executor's per-tx overheads, each timed alone on
// one thread (CPU time, so a loaded machine inflates them little): a worker's result encoded
// and decoded, a tx's writes streamed to the root keeper, the block's changes applied to a replica.
import { serialize, deserialize } from 'node:v8';
import { MemoryState } from '../node/state.js';
import { executeBlock, finishTx, runBlockTxs, runTx, checkTx, type TxOutcome } from '../node/block/execute_block.js';
import { receiptsTrie, type BlockReceipt } from '../node/block/block_receipt.js';
import { StateCommitment } from '../node/trie/state_commitment.js';
import { mergeEntry } from '../host/parallel/root_keeper.js';
import type { Tx } from '../node/block/tx.js';
import { shapedTxHash } from '../node/block/tx.js';
import { addr, header, setupToken, transferTx } from '../tests/helpers/chain.js';
import { useNativeTrieHash } from '../host/native_hash.js';
import { encodePlain, decodePlain } from '../host/parallel/plain_codec.js';
import { toWire, fromWire, idHash, type WireOutcome } from '../host/parallel/wire.js';
import { Overlay, type AccountEntry } from '../node/block/overlay.js';
import { DEFAULT_LIMITS } from '../spec/table.js';
import { threadCpuMs } from '../host/parallel/thread_cpu.js';

useNativeTrieHash();
const state = new MemoryState();
const { token, nonces } = setupToken(state, 1000);
const make = (r: number): Tx[] => {
  const txs: Tx[] = [];
  for (let j = 0; j < 200; j++) {
    const s = 1 + ((r * 200 + j) % 499);
    txs.push(transferTx(addr(s), nonces[s]++, token, addr(s + 500), 1n));
  }
  return txs;
};
for (let r = 0; r < 15; r++) executeBlock({ state, block: header(r + 1), txs: make(r), strict: true });
const txs = make(15);
const block = header(16);
function time(name: string, reps: number, f: () => void): void {
  for (let i = 0; i < 3; i++) f();
  const t = threadCpuMs();
  for (let i = 0; i < reps; i++) f();
  console.log(`${name.padEnd(48)} ${(((threadCpuMs() - t) * 1000) / reps / 200).toFixed(2).padStart(7)} us per tx`);
}
let outs: TxOutcome[] = [];
time('checkTx + runTx on the state (a worker run)', 10, () => {
  outs = txs.map((tx) => (checkTx(state, block, tx, 0, DEFAULT_LIMITS), runTx(state, block, tx, shapedTxHash(tx), DEFAULT_LIMITS)));
});
let wires: (WireOutcome | null)[] = [];
time('toWire', 50, () => (wires = outs.map(toWire)));
let bytes: Uint8Array[] = [];
time('encodePlain per result', 50, () => (bytes = wires.map((w) => encodePlain([[0, w, 0]]))));
let batches: Uint8Array[] = [];
time('encodePlain per 8 results', 50, () => {
  batches = [];
  for (let i = 0; i < 200; i += 8) batches.push(encodePlain(wires.slice(i, i + 8).map((w, k) => [i + k, w, 0])));
});
time('decodePlain per result', 50, () => bytes.forEach((b) => decodePlain(b)));
time('decodePlain per 8 results', 50, () => batches.forEach((b) => decodePlain(b)));
time('fromWire', 50, () => wires.forEach((w) => fromWire(w!, state)));
const entries = outs.map((o) => [...o.overlay.accounts.values()]);
time("stream: encodePlain of 16 txs' entries", 50, () => {
  for (let i = 0; i < 200; i += 16) encodePlain(entries.slice(i, i + 16).flat());
});
const streamed: Uint8Array[] = [];
for (let i = 0; i < 200; i += 16) streamed.push(encodePlain(entries.slice(i, i + 16).flat()));
time('keeper: decodePlain of the stream', 50, () => streamed.forEach((b) => decodePlain(b)));
// The main thread's in-order work for a block of kept worker results (no tx run on it):
// decode the batches, check each tx, validate its reads, finish it (block receipt, read
// and write sets), stream its writes, and the receipts root at the end. Serial execution
// does all of this too except the decode, the validation and the stream.
time('main, in order, per kept worker result (all of it)', 10, () => {
  const ov = new Overlay(state);
  const lastWriter = new Map<number, number>();
  const receipts: BlockReceipt[] = [];
  let gas = 0;
  let pending: AccountEntry[] = [];
  for (const b of batches)
    for (const [i, w] of decodePlain(b) as [number, WireOutcome, number][]) {
      checkTx(ov, block, txs[i], gas, DEFAULT_LIMITS);
      const o = fromWire(w, ov);
      for (let k = 0; k < w.readIds.length; k++) if ((lastWriter.get(w.readIds[k]) ?? -1) >= 0) throw new Error('conflict');
      for (const id of o.overlay.writtenIds()) lastWriter.set(idHash(id), i);
      gas += o.gasUsed;
      receipts.push(finishTx(ov, block, o, i, gas));
      for (const e of o.overlay.accounts.values()) pending.push(e);
      if (i % 16 === 15) encodePlain(pending), (pending = []);
    }
  receiptsTrie(receipts).root();
});
// The root keeper's work for a block: the stream decoded and merged in batches of 16, each
// batch's deep trie nodes hashed, the top at the end (serial: state root update alone).
const commitment = StateCommitment.build(state);
for (const size of process.env.BENCH_KEEPER_BATCHES ? process.env.BENCH_KEEPER_BATCHES.split(',').map(Number) : [16]) {
  const stream: Uint8Array[] = [];
  for (let i = 0; i < 200; i += size) stream.push(encodePlain(entries.slice(i, i + size).flat()));
  time(`root keeper per tx (stream in, stage + hashDeep per ${size}, root)`, 10, () => {
    const p = new Overlay(state);
    for (const b of stream) {
      const batch = new Overlay(p);
      for (const e of decodePlain(b) as AccountEntry[]) mergeEntry(batch, e);
      batch.mergeInto(p);
      commitment.stage(p, batch.accounts.values());
      commitment.hashDeep();
    }
    commitment.root(p);
  });
}
const run = runBlockTxs({ state, block, txs, strict: true });
const serialRoots = StateCommitment.build(state);
time('serial: state root update of the block (StateCommitment.update)', 10, () => serialRoots.update(run.overlay, run.overlay.accounts.values()));
const sorted = [...run.overlay.accounts.keys()].sort().map((a) => run.overlay.accounts.get(a)!);
time('block changes: encodePlain (to a replica)', 50, () => encodePlain(sorted));
const changes = encodePlain(sorted);
time('replica: decode + apply the block', 20, () => {
  const replica = new Overlay(state);
  for (const e of decodePlain(changes) as AccountEntry[]) {
    for (const w of e.storage.values()) replica.setStorage(e.address, w.key, w.value);
    if (e.balance !== undefined) replica.setBalance(e.address, e.balance);
    if (e.nonce !== undefined) replica.setNonce(e.address, e.nonce);
  }
});
time('executeBlock (serial, whole; not applied twice)', 5, () => runBlockTxs({ state, block, txs, strict: true }));
let ser: Buffer = Buffer.alloc(0);
time('txs to a worker: v8.serialize (postMessage clone)', 50, () => (ser = serialize({ block, txs })));
time('txs at a worker: v8.deserialize', 50, () => deserialize(ser));
let txb: Uint8Array = new Uint8Array(0);
time('txs to a worker: encodePlain', 50, () => (txb = encodePlain({ block, txs })));
time('txs at a worker: decodePlain', 50, () => decodePlain(txb));
console.log(`a worker's result for one token transfer: ${bytes[0].length} bytes`);
