// vm-py/host: what a node on Node.js runs besides the VM: the chain state on LMDB (a block
// all-or-nothing on disk, trie nodes persisted), the parallel block executor on
// worker_threads, and the JSON-RPC development node. Node only (native lmdb, node: modules),
// so it is its own entry: the package root and vm-py/node stay loadable in browsers. Classes
// it shares with them (MemoryState, errors) are the same objects, so instanceof holds across
// entries.
export { LmdbStore, STORE_FORMAT } from './host/store/lmdb_store.js';
export type { Head, StoredBlock } from './host/store/lmdb_store.js';
export { ParallelExecutor } from './host/parallel/executor.js';
export type { ParallelStats } from './host/parallel/executor.js';
export { DevChain } from './host/rpc/dev_chain.js';
export type { DevChainOptions } from './host/rpc/dev_chain.js';
export { handle, serve } from './host/rpc/server.js';
export { useNativeHashes, useNativeStdSha3, useNativeTrieHash } from './host/native_hash.js';

/**
 * The parallel executor's worker, built beside this file (dist/host-worker.mjs): pass it to
 * ParallelExecutor.start(state, threads, PARALLEL_WORKER).
 */
export const PARALLEL_WORKER: URL = new URL('./host-worker.mjs', import.meta.url);
