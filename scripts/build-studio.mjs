#!/usr/bin/env node
// Build the studio (studio/) into a folder any static server can host: index.html,
// studio.css and one script with CodeMirror, the examples and vm-py's core bundled in.
// `node scripts/build-studio.mjs [outDir]`; default dist/studio.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The examples/<name>/ contracts, by name; counter first (the page opens on it). */
export function studioExamples() {
  const dir = join(root, 'examples');
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const d = join(dir, name);
    if (!statSync(d).isDirectory()) continue;
    const manifest = existsSync(join(d, 'manifest.json')) ? JSON.parse(readFileSync(join(d, 'manifest.json'), 'utf8')) : null;
    const entry = join(d, manifest?.entry ?? 'contract.py');
    if (existsSync(entry)) out.push({ name, source: readFileSync(entry, 'utf8') });
  }
  return out.sort((a, b) => (a.name === 'counter' ? -1 : b.name === 'counter' ? 1 : a.name.localeCompare(b.name)));
}

export async function buildStudio(outDir = join(root, 'dist/studio'), { minify = true } = {}) {
  mkdirSync(outDir, { recursive: true });
  const r = await build({
    entryPoints: [join(root, 'studio/main.ts')],
    outfile: join(outDir, 'studio.js'),
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    minify,
    sourcemap: false,
    metafile: true,
    logLevel: 'warning',
    define: { __STUDIO_EXAMPLES__: JSON.stringify(studioExamples()) },
  });
  const js = readFileSync(join(outDir, 'studio.js'), 'utf8');
  // the page must not need Node: a require() of a Node module would fail only when reached
  if (/\brequire\(["'](node:|fs|path|crypto)/.test(js)) throw new Error('build-studio: the bundle requires a Node module');
  copyFileSync(join(root, 'studio/index.html'), join(outDir, 'index.html'));
  copyFileSync(join(root, 'studio/style.css'), join(outDir, 'studio.css'));
  return { outDir, bytes: Buffer.byteLength(js), inputs: Object.keys(r.metafile.inputs).length };
}

if (import.meta.url === pathToFileURL(resolve(process.argv[1] ?? '')).href) {
  const out = await buildStudio(process.argv[2] ? resolve(process.argv[2]) : undefined);
  console.log(`studio built in ${out.outDir} (studio.js ${(out.bytes / 1024).toFixed(0)} KB from ${out.inputs} modules)`);
}
