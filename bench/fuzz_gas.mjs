#!/usr/bin/env node
// `npm run fuzz:gas`: bundle the ns/gas fuzzer (and the vm-py sources it imports) into a
// temp file with esbuild, then run it. `npm run bench` builds first: the generated gas table and
// dist/vm-py.cjs with its code cache, which the cold-start measurement runs.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = mkdtempSync(join(tmpdir(), 'vm-py-fuzzgas-'));
const outfile = join(dir, 'fuzz_gas.mjs');
try {
  await build({
    entryPoints: [join(root, 'bench/fuzz_gas.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
  const r = spawnSync(process.execPath, [outfile, root, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exitCode = r.status ?? 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
