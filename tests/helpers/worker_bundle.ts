// host/parallel/worker.ts bundled for worker_threads (tests and benches run TypeScript; a
// worker needs a JavaScript file). Written inside the repository so it resolves lmdb.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { build } from 'esbuild';

export async function bundleWorker(): Promise<string> {
  mkdirSync(resolve('.tmp'), { recursive: true });
  const outfile = resolve(`.tmp/parallel-worker-${process.pid}.mjs`);
  await build({
    entryPoints: [resolve('host/parallel/worker.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['lmdb'],
    logLevel: 'warning',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  return outfile;
}
