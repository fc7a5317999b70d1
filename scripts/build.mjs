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
