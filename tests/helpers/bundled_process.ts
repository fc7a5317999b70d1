// Runs a script against the bundled package in a fresh node process: the way to observe what a
// receipt depends on that one process cannot vary (stack size, hash seed, time zone, JIT warmth).
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

/**
 * A temp dir holding vmpy.mjs (the package bundled from index.ts) and main.mjs (script).
 * `also` re-exports internals a test observes (e.g. the tier's counters), as `export ...` lines
 * with their module paths relative to the repository.
 */
export async function bundleWithScript(prefix: string, script: string, also: string[] = []): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  let entry = resolve('index.ts');
  if (also.length) {
    entry = join(dir, 'entry.ts');
    const lines = [`export * from ${JSON.stringify(resolve('index.ts'))};`];
    for (const a of also) {
      const [names, from] = a.split(' from ');
      lines.push(`export ${names} from ${JSON.stringify(resolve(from))};`);
    }
    writeFileSync(entry, lines.join('\n') + '\n');
  }
  await build({
    entryPoints: [entry],
    outfile: join(dir, 'vmpy.mjs'),
    bundle: true,
    platform: 'neutral',
    mainFields: ['module', 'main'],
    format: 'esm',
    target: 'es2022',
    logLevel: 'silent',
  });
  writeFileSync(join(dir, 'main.mjs'), script);
  return dir;
}

/** stdout of `node <flags> dir/main.mjs <args>` with only PATH (plus env) set; rejects on a non-zero exit. */
export function runScript(dir: string, flags: string[], args: string[], env: Record<string, string> = {}): Promise<string> {
  return new Promise((ok, fail) => {
    const p = spawn(process.execPath, [...flags, join(dir, 'main.mjs'), ...args], { env: { PATH: process.env.PATH ?? '', ...env } });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    p.on('close', (code) => (code === 0 ? ok(out) : fail(new Error(`${flags.join(' ')}: exit ${code}: ${err.slice(0, 2000)}`))));
  });
}
