// host/parallel/worker.ts bundled for worker_threads (tests and benches run TypeScript; a
// worker needs a JavaScript file), through the same bundling as a store child process.
import { bundleLmdbChild } from './lmdb_child_bundle.js';

export function bundleWorker(): Promise<string> {
  return bundleLmdbChild('host/parallel/worker.ts', 'parallel-worker');
}
