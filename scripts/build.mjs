#!/usr/bin/env node
// Bundle the CLI so a cold `vm-py run` does little before the call: dist/vm-py.cjs is one
// CommonJS file, loaded by bin/load-cli.js with a V8 code cache made here (so it is not
// parsed and compiled on every start). What a plain `run` does not need (yargs for other
// command lines, the parser and compiler on an IR cache miss; cli/main.ts, cli/contract.ts)
// is imported dynamically and so stays uninitialized in the bundle until used.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { genValidators } from './gen-validators.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
genValidators();

const cli = {
  entryPoints: [join(root, 'cli/main.ts')],
  outfile: join(root, 'dist/vm-py.cjs'),
  bundle: true,
  platform: 'node',
  // CommonJS, so bin/load-cli.js can hand V8 a code cache (ES modules cannot take one on
  // Node 20); the compiler and yargs, imported dynamically, stay uninitialized until needed
  format: 'cjs',
  target: 'node20',
  // whitespace and syntax only: identifiers (and so class and function names) stay as written
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: false,
  logLevel: 'warning',
  // a native module: loaded from node_modules at run time (only by `vm-py node` and stores)
  external: ['lmdb'],
  // yargs' ES build asks for import.meta.url, which CommonJS output does not have
  define: { 'import.meta.url': '__vmpy_import_meta_url' },
  plugins: [lazyPqPlugin()],
};

/**
 * stdlib/pq_algs.ts reaches the signature code only through nobleImpl() (stdlib/pq_noble.ts).
 * Here that import becomes a require() inside the function, which esbuild turns into a lazily
 * initialized module: @noble/post-quantum builds its tables (~6 ms) only when a contract
 * verifies a signature, not on every `vm-py run`.
 */
function lazyPqPlugin() {
  const real = join(root, 'stdlib/pq_noble.ts');
  return {
    name: 'lazy-pq',
    setup(b) {
      b.onResolve({ filter: /^\.\/pq_noble\.js$/ }, (a) =>
        a.kind === 'import-statement' && a.importer === join(root, 'stdlib/pq_algs.ts') ? { path: real, namespace: 'lazy-pq' } : undefined,
      );
      b.onLoad({ filter: /.*/, namespace: 'lazy-pq' }, () => ({
        contents: `export function nobleImpl(name) { return require(${JSON.stringify(real)}).nobleImpl(name); }`,
        resolveDir: join(root, 'stdlib'),
        loader: 'js',
      }));
    },
  };
}

// The IR cache key (cli/contract.ts) includes a build id: a hash of every source file that
// goes into the CLI, so a rebuilt compiler never reads IR cached by another build.
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const probe = await build({ ...cli, write: false, metafile: true, define: { ...cli.define, __VMPY_VERSION__: '""', __VMPY_BUILD_ID__: '""' } });
const h = createHash('sha256');
for (const f of Object.keys(probe.metafile.inputs)
  .filter((f) => !f.includes(':'))
  .sort())
  h.update(f)
    .update('\0')
    .update(readFileSync(join(root, f)))
    .update('\0');
const buildId = h.digest('hex').slice(0, 32);

for (const f of existsSync(join(root, 'dist')) ? readdirSync(join(root, 'dist')) : []) {
  if (f.endsWith('.v8cache') || f === 'chunks' || f === 'vm-py.mjs' || f.endsWith('.mjs')) rmSync(join(root, 'dist', f), { recursive: true, force: true });
}
await build({
  ...cli,
  define: { ...cli.define, __VMPY_VERSION__: JSON.stringify(pkg.version), __VMPY_BUILD_ID__: JSON.stringify(buildId) },
  // the first line names the build: bin/load-cli.js finds the matching code cache by it
  banner: { js: `//vm-py build ${buildId}\nvar __vmpy_import_meta_url = require('node:url').pathToFileURL(__filename).href;` },
});
// bin/load-cli.js reads the bundle as latin1 (no UTF-8 decoding): esbuild escapes non-ASCII
if (readFileSync(join(root, 'dist/vm-py.cjs')).some((b) => b > 0x7f)) throw new Error('build: dist/vm-py.cjs is not ASCII');
makeCodeCache();

/**
 * A warm-up run in a fresh process fills an IR cache; a second process runs the same
 * command and saves V8's code cache. Best effort: without a cache the CLI works, only
 * slower to start, so a failure here is reported and the build goes on.
 */
function makeCodeCache() {
  const dir = mkdtempSync(join(tmpdir(), 'vmpy-build-'));
  try {
    const state = join(dir, 'state.json');
    const warm = spawnSync(
      process.execPath,
      [join(root, 'bin/vm-py.js'), 'run', '--manifest', 'examples/counter/manifest.json', '--call', 'inc', '--state', state],
      { cwd: root, encoding: 'utf8' },
    );
    const made =
      warm.status === 0
        ? spawnSync(process.execPath, [join(root, 'scripts/code-cache.cjs'), state], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] })
        : warm;
    if (made.status !== 0) process.stderr.write(`build: no code cache for the CLI (it will start slower): ${made.stderr}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// The library entries (package.json "exports"): the package root (node layer and compiler),
// vm-py/node (runs IR, no compiler) and vm-py/compiler. No CLI and no Node built-ins, so
// they also load in browsers and other JS hosts. Code they share goes in dist/chunks/, so
// a program importing two entries has one copy of each class (errors stay instanceof).
// vm-py/host (host.ts: the LMDB store, the parallel executor and its worker, the RPC node)
// is built with them for that reason; it alone imports node: modules and lmdb (left as
// imports), and code only it reaches stays out of the chunks the others load.
await build({
  entryPoints: {
    index: join(root, 'index.ts'),
    node: join(root, 'node.ts'),
    compiler: join(root, 'compile.ts'),
    host: join(root, 'host.ts'),
    'host-worker': join(root, 'host/parallel/worker.ts'),
  },
  external: ['lmdb', 'node:*'],
  outdir: join(root, 'dist'),
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  splitting: true,
  bundle: true,
  platform: 'neutral',
  mainFields: ['module', 'main'],
  format: 'esm',
  target: 'es2022',
  minify: false,
  sourcemap: false,
  logLevel: 'warning',
});

// vm-py/testing (testing/index.ts): the test toolkit for JS test runners. Node only (it reads
// contract files); dependencies stay imports, resolved from the installed package.
await build({
  entryPoints: [join(root, 'testing/index.ts')],
  outfile: join(root, 'dist/testing.mjs'),
  bundle: true,
  platform: 'node',
  packages: 'external',
  format: 'esm',
  target: 'node20',
  minify: false,
  sourcemap: false,
  logLevel: 'warning',
});

// Their types (package.json "exports" ... "types"): declarations only, into dist/types/.
rmSync(join(root, 'dist/types'), { recursive: true, force: true });
const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], {
  cwd: root,
  encoding: 'utf8',
});
if (tsc.status !== 0) throw new Error(`build: declarations failed:\n${tsc.stdout}${tsc.stderr}`);
