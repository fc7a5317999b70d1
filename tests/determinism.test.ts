// Same inputs in two separate processes give identical receipt bytes. The processes differ
// in time zone, locale and hash seed so that anything ambient leaking into a receipt shows.
import { resolve } from 'node:path';
import { expect, test } from 'vitest';
import { bundleWithScript, runScript } from './helpers/bundled_process.js';

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
  return runScript(dir, flags, [resolve('.')], env);
}

test('two processes produce identical receipt bytes', async () => {
  const dir = await bundleWithScript('vmpy-det-', SCRIPT);
  const [a, b] = await Promise.all([
    run(dir, { TZ: 'UTC', LANG: 'C', LC_ALL: 'C' }),
    run(dir, { TZ: 'Pacific/Kiritimati', LANG: 'tr_TR.UTF-8', LC_ALL: 'tr_TR.UTF-8' }, ['--hash-seed=12345', '--random-seed=777']),
  ]);
  const lines = a.split('\n');
  expect(lines.length).toBe(2 * 1 + 5 + 4 + 2);
  expect(lines.every((l) => /^[0-9a-f]{40,}$/.test(l))).toBe(true);
  expect(b).toBe(a);
});
