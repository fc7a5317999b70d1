// Same inputs in two separate processes give identical receipt bytes. The processes differ
// in time zone, locale and hash seed so that anything ambient leaking into a receipt shows.
import { spawn } from 'node:child_process';
import { build } from 'esbuild';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from 'vitest';

const SCRIPT = `
import { readFileSync } from 'node:fs';
import { call, deploy, MemoryState, defaultTx, defaultBlock } from './vmpy.mjs';
const root = process.argv[2];
const hex = (b) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
const state = new MemoryState();
const out = [];
for (const [i, name] of ['counter', 'escrow'].entries()) {
  const source = readFileSync(root + '/examples/' + name + '/contract.py', 'utf8');
  const manifest = JSON.parse(readFileSync(root + '/examples/' + name + '/manifest.json', 'utf8'));
  const d = deploy({ contract: { manifest, source }, gasLimit: 1e6, tx: { ...defaultTx(), nonce: BigInt(i) }, block: defaultBlock(), state });
  out.push(hex(d.encoded));
  const tx = { ...defaultTx(), to: d.created.address };
  const inputs = name === 'counter'
    ? [{ fn: 'inc' }, { fn: 'inc' }, { fn: 'set', args: [-1] }, { fn: 'set', args: ['123456789012345678901234567890'] }, { fn: 'get' }]
    : [{ fn: 'setup', args: ['0x' + '22'.repeat(32), '0x' + '11'.repeat(32), 500] }, { fn: 'release' }, { fn: 'refund' }, { fn: 'state' }];
  for (const input of inputs) out.push(hex(call({ input, gasLimit: 1e6, tx, block: defaultBlock(), state }).encoded));
  out.push(hex(call({ input: { fn: inputs[0].fn, args: inputs[0].args }, gasLimit: 900, tx, block: defaultBlock(), state }).encoded));
}
process.stdout.write(out.join('\\n'));
`;

function run(dir: string, env: Record<string, string>, flags: string[] = []): Promise<string> {
  return new Promise((ok, fail) => {
    const p = spawn(process.execPath, [...flags, join(dir, 'main.mjs'), resolve('.')], { env: { PATH: process.env.PATH ?? '', ...env } });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    p.on('close', (code) => (code === 0 ? ok(out) : fail(new Error(`exit ${code}: ${err}`))));
  });
}

test('two processes produce identical receipt bytes', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vmpy-det-'));
  await build({
    entryPoints: [resolve('index.ts')],
    outfile: join(dir, 'vmpy.mjs'),
    bundle: true,
    platform: 'neutral',
    mainFields: ['module', 'main'],
    format: 'esm',
    target: 'es2022',
    logLevel: 'silent',
  });
  writeFileSync(join(dir, 'main.mjs'), SCRIPT);
  const [a, b] = await Promise.all([
    run(dir, { TZ: 'UTC', LANG: 'C', LC_ALL: 'C' }),
    run(dir, { TZ: 'Pacific/Kiritimati', LANG: 'tr_TR.UTF-8', LC_ALL: 'tr_TR.UTF-8' }, ['--hash-seed=12345', '--random-seed=777']),
  ]);
  const lines = a.split('\n');
  expect(lines.length).toBe(2 * 1 + 5 + 4 + 2);
  expect(lines.every((l) => /^[0-9a-f]{40,}$/.test(l))).toBe(true);
  expect(b).toBe(a);
});
