#!/usr/bin/env node
// Bundle the CLI into one ESM file so a cold `vm-py run` loads one module, not hundreds.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { genValidators } from './gen-validators.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
genValidators();
await build({
  entryPoints: [join(root, 'cli/main.ts')],
  outfile: join(root, 'dist/vm-py.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // whitespace and syntax only: identifiers (and so class and function names) stay as written
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: false,
  logLevel: 'warning',
  // yargs and friends use require() in places; give the ESM bundle one
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});

// The library entry (package root): the adapter and the core, no CLI and no Node built-ins,
// so the same file also loads in browsers and other JS hosts.
await build({
  entryPoints: [join(root, 'index.ts')],
  outfile: join(root, 'dist/index.mjs'),
  bundle: true,
  platform: 'neutral',
  mainFields: ['module', 'main'],
  format: 'esm',
  target: 'es2022',
  minify: false,
  sourcemap: false,
  logLevel: 'warning',
});
