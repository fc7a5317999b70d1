#!/usr/bin/env node
// Bundle the CLI so a cold `vm-py run` loads few modules and little code: dist/vm-py.mjs is
// the entry chunk (the plain `run` path: manifest, IR cache, interpreter, state file), and
// code split off into dist/chunks/ is imported only when needed: yargs for every other
// command line, the parser and compiler on an IR cache miss (cli/main.ts, cli/contract.ts).
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { genValidators } from './gen-validators.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
genValidators();

const cli = {
  entryPoints: { 'vm-py': join(root, 'cli/main.ts') },
  outdir: join(root, 'dist'),
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // whitespace and syntax only: identifiers (and so class and function names) stay as written
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: false,
  logLevel: 'warning',
  plugins: [builtinsPlugin()],
};

// yargs and friends use require() in places: chunks that do get one (not the others: it
// would load node:module on every run)
const REQUIRE = "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);\n";

/**
 * Our own `import { x } from 'node:fs'` (and path, crypto) read the built-in through
 * process.getBuiltinModule: an ESM import of a built-in evaluates every export, and fs's
 * lazy ones (streams) cost a cold start a few ms.
 */
function builtinsPlugin() {
  return {
    name: 'builtins',
    setup(b) {
      b.onResolve({ filter: /^node:(fs|path|crypto)$/ }, (a) => (a.importer.includes('node_modules') ? undefined : { path: a.path, namespace: 'builtin' }));
      b.onLoad({ filter: /.*/, namespace: 'builtin' }, async (a) => {
        const m = await import(a.path);
        const names = Object.keys(m).filter((k) => k !== 'default' && /^[A-Za-z_$][\w$]*$/.test(k));
        return { contents: `const m = process.getBuiltinModule(${JSON.stringify(a.path)});\n${names.map((k) => `export const ${k} = m.${k};`).join('\n')}\nexport default m;\n`, loader: 'js' };
      });
    },
  };
}

async function writeOutputs(files) {
  for (const f of files) {
    mkdirSync(dirname(f.path), { recursive: true });
    writeFileSync(f.path, /(?<![.\w$'"`])require\b/.test(f.text) ? REQUIRE + f.text : f.text);
  }
}

// The IR cache key (cli/contract.ts) includes a build id: a hash of every source file that
// goes into the CLI, so a rebuilt compiler never reads IR cached by another build.
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const probe = await build({ ...cli, write: false, metafile: true, define: { __VMPY_VERSION__: '""', __VMPY_BUILD_ID__: '""' } });
const h = createHash('sha256');
for (const f of Object.keys(probe.metafile.inputs).filter((f) => !f.startsWith('builtin:')).sort()) h.update(f).update('\0').update(readFileSync(join(root, f))).update('\0');
const buildId = h.digest('hex').slice(0, 32);

rmSync(join(root, 'dist/chunks'), { recursive: true, force: true });
const res = await build({ ...cli, write: false, define: { __VMPY_VERSION__: JSON.stringify(pkg.version), __VMPY_BUILD_ID__: JSON.stringify(buildId) } });
await writeOutputs(res.outputFiles);

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
