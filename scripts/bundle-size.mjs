#!/usr/bin/env node
// Each package entry's size as an app would ship it: bundled alone with esbuild, minified,
// then gzipped (zlib level 9). `npm run size` prints the table; `npm run size -- --write`
// also puts it in README.md between the bundle-size markers. tests/entries.test.ts uses
// bundleEntry to check what the IR-only entry leaves out.
import { build } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** package.json export -> its TypeScript entry file */
export const ENTRIES = [
  { name: 'vm-py', file: 'index.ts', what: 'node layer and compiler; deploy/call take source too' },
  { name: 'vm-py/node', file: 'node.ts', what: 'node layer, runs IR only (no parser, no compiler)' },
  { name: 'vm-py/compiler', file: 'compile.ts', what: 'source to IR (parser, validation, lowering)' },
  { name: 'vm-py/testing', file: 'testing/index.ts', what: 'test chain and runner for JS test runners (Node only; with fast-check)', platform: 'node' },
  {
    name: 'vm-py/host',
    file: 'host.ts',
    what: 'LMDB store, parallel executor, RPC dev node (Node only; lmdb not counted)',
    platform: 'node',
    external: ['lmdb'],
  },
];

/** Bundle one entry: minified bytes, gzipped bytes, and the input files it pulled in. */
export async function bundleEntry(file, platform = 'neutral', external = []) {
  const r = await build({
    entryPoints: [join(root, file)],
    bundle: true,
    write: false,
    metafile: true,
    minify: true,
    platform,
    external,
    mainFields: ['module', 'main'],
    format: 'esm',
    target: 'es2022',
    logLevel: 'silent',
  });
  const code = r.outputFiles[0].contents;
  return { minified: code.length, gzipped: gzipSync(code, { level: 9 }).length, inputs: Object.keys(r.metafile.inputs) };
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

async function table() {
  const rows = ['| entry | what | minified | gzipped |', '| --- | --- | ---: | ---: |'];
  for (const e of ENTRIES) {
    const s = await bundleEntry(e.file, e.platform, e.external);
    rows.push(`| \`${e.name}\` | ${e.what} | ${kb(s.minified)} | ${kb(s.gzipped)} |`);
  }
  return rows.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const t = await table();
  process.stdout.write(t + '\n');
  if (process.argv.includes('--write')) {
    const readme = join(root, 'README.md');
    const text = readFileSync(readme, 'utf8');
    const re = /(<!-- bundle-size -->\n)[\s\S]*?(<!-- \/bundle-size -->)/;
    if (!re.test(text)) throw new Error('README.md has no <!-- bundle-size --> ... <!-- /bundle-size --> block');
    writeFileSync(readme, text.replace(re, `$1${t}\n$2`));
  }
}
