// A child-process or worker_threads script bundled for node with lmdb left external: the bundle is written
// inside the repository (.tmp/) so that lmdb's native module resolves from node_modules.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { build } from 'esbuild';

/** Bundles `entry` (a path in the repository) and returns the bundle's absolute path. */
export async function bundleLmdbChild(entry: string, name: string): Promise<string> {
  mkdirSync('.tmp', { recursive: true });
  const bundle = resolve(`.tmp/${name}-${process.pid}.mjs`);
  await build({
    entryPoints: [resolve(entry)],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['lmdb'],
    logLevel: 'warning',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  return bundle;
}
