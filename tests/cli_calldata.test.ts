// vm-py run with raw calldata, the return payload hex, and manifests checked against the source.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { runCli } from './helpers/cli_run.js';

const BIN = resolve('bin/vm-py.js');
let dir: string;

const vmpy = (args: string[]) => runCli(args, dir);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vmpy-calldata-'));
  cpSync(resolve('examples'), join(dir, 'examples'), { recursive: true });
});

test('--calldata runs the bytes as given and prints returnHex; equals --call with --args', () => {
  const m = 'examples/counter/manifest.json';
  const a = vmpy(['run', '-m', m, '--calldata', '0xa45c4fc944fe4f5c54', '--state', 'a.json', '--json']);
  expect(a.code).toBe(0);
  expect(a.json()).toMatchObject({ ok: true, function: 'set', selector: 'a45c4fc944fe4f5c', returnHex: '0x' });
  const g = vmpy(['run', '-m', m, '--calldata', '0xf1e030f0110a25e0', '--state', 'a.json']);
  expect(g.out).toMatch(/^get\(\) -> 42\nreturn data: 0x54\n/);
  const b = vmpy(['run', '-m', m, '-c', 'set', '--args', '[42]', '--state', 'b.json', '--json']);
  expect(b.json().gasUsed).toBe(a.json().gasUsed);
  expect(readFileSync(join(dir, 'b.json'), 'utf8')).toBe(readFileSync(join(dir, 'a.json'), 'utf8'));
  // calldata the contract cannot decode is a failed call (exit 1), not a usage error
  const bad = vmpy(['run', '-m', m, '--calldata', '0xa45c4fc944fe4f5c0a00', '--state', 'a.json', '--json']);
  expect(bad.code).toBe(1);
  expect(bad.json()).toMatchObject({ status: 'ERROR', error: { code: 'E-ABI' } });
  expect(vmpy(['run', '-m', m, '--calldata', '0x123', '--state', 'a.json']).code).toBe(2);
});

test('a manifest that disagrees with the contract exits 2 naming both places', () => {
  const m = JSON.parse(readFileSync(join(dir, 'examples/counter/manifest.json'), 'utf8'));
  m.abi.functions[2].inputs[0].type = 'str';
  writeFileSync(join(dir, 'examples/counter/bad.json'), JSON.stringify(m));
  const r = vmpy(['run', '-m', 'examples/counter/bad.json', '-c', 'get', '--state', 'c.json']);
  expect(r.code).toBe(2);
  expect(r.err.trim()).toMatch(
    /^error: E-MANIFEST manifest function set \(\/abi\/functions\/2\) input 0 \(n\) has type str, .*contract\.py:18 def set annotates n as int$/,
  );
});

test('vm-py vectors replays a file: pass lines and exit 0; a tampered copy fails with exit 1', () => {
  const ok = spawnSync(process.execPath, [BIN, 'vectors', 'spec/test_vectors/calls.json'], { encoding: 'utf8' });
  expect(ok.status).toBe(0);
  expect(ok.stdout).toMatch(/^pass counter: code hash$/m);
  expect(ok.stdout).toMatch(/^\d+ passed, 0 failed$/m);
  const v = JSON.parse(readFileSync('spec/test_vectors/calls.json', 'utf8'));
  v.sequences[1].calls[2].storage = {};
  writeFileSync(join(dir, 'tampered.json'), JSON.stringify(v));
  const bad = spawnSync(process.execPath, [BIN, 'vectors', join(dir, 'tampered.json'), '--root', resolve('.')], { encoding: 'utf8' });
  expect(bad.status).toBe(1);
  expect(bad.stdout).toMatch(/^FAIL escrow #2 setup\(.*\): storage: got \{/m);
  expect(bad.stdout).toMatch(/^\d+ passed, 1 failed$/m);
});
