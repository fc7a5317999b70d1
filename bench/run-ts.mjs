#!/usr/bin/env node
// Runs one TypeScript harness of bench/ (`node bench/run-ts.mjs bench/calibrate.ts [args]`):
// esbuild bundles it with the vm-py sources it imports into a temp file, which node then runs
// with the repository root and the remaining arguments. The npm scripts that use it build first,
// so the generated gas table and interpreter exist.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  process.stderr.write('usage: node bench/run-ts.mjs <harness.ts> [args...]\n');
  process.exit(2);
}
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = mkdtempSync(join(tmpdir(), 'vm-py-bench-'));
const outfile = join(dir, basename(entry).replace(/\.ts$/, '.mjs'));
try {
  await build({
    entryPoints: [resolve(root, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
  const r = spawnSync(process.execPath, [outfile, root, ...args], { stdio: 'inherit' });
  process.exitCode = r.status ?? 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
