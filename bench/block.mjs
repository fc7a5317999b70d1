#!/usr/bin/env node
// `npm run bench:block` / `npm run bench:trie`: bundle one TypeScript harness of bench/
// (block_tx.ts or block_trie.ts, named by the first argument) with esbuild and run it.
// lmdb (a native module) and esbuild (which bundles the parallel worker) stay outside it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [which = 'tx', ...rest] = process.argv.slice(2);
// inside the repository, so the bundle resolves lmdb from node_modules
const dir = mkdtempSync(join(root, '.tmp-bench-'));
const outfile = join(dir, 'bench.mjs');
try {
  await build({
    entryPoints: [join(root, `bench/block_${which}.ts`)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    external: ['lmdb', 'esbuild'],
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  // node flags (--cpu-prof, --cpu-prof-dir=...) go before the script, the harness's arguments after
  const flags = rest.filter((a) => a.startsWith('--'));
  const args = rest.filter((a) => !a.startsWith('--'));
  const r = spawnSync(process.execPath, ['--max-old-space-size=8192', ...flags, outfile, root, ...args], { stdio: 'inherit' });
  process.exitCode = r.status ?? 1;
} finally {
  // a profile names lines of the bundle: keep it for bench/profsum.mjs
  if (process.argv.some((a) => a.startsWith('--cpu-prof'))) console.log(`bundle kept for the profile: ${outfile}`);
  else rmSync(dir, { recursive: true, force: true });
}
