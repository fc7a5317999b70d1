// vm-py call / run --dry-run (nothing written), vm-py decode (calldata, return data, event
// data read back with a manifest), vm-py --version.
import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { runCli } from './helpers/cli_run.js';

const M = 'examples/counter/manifest.json';
let dir: string;

const vmpy = (args: string[]) => runCli(args, dir);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vmpy-calldecode-'));
  cpSync(resolve('examples'), join(dir, 'examples'), { recursive: true });
});

test('--version prints the package version (both spellings, fast path and yargs agree)', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
  expect(vmpy(['--version']).out).toBe(`vm-py ${pkg.version}\n`);
  expect(vmpy(['-V']).out).toBe(`vm-py ${pkg.version}\n`);
});

test('call and run --dry-run report the receipt and write no state; run does', () => {
  const c = vmpy(['call', '-m', M, '-c', 'inc', '--state', 's.json', '--json']);
  expect(c.code).toBe(0);
  expect(c.json()).toMatchObject({ ok: true, return: 1, committed: false, events: [{ name: 'Inc', args: { value: 1 } }] });
  expect(existsSync(join(dir, 's.json'))).toBe(false);
  const d = vmpy(['run', '--dry-run', '-m', M, '-c', 'inc', '--state', 's.json']);
  expect(d.out).toMatch(/^inc\(\) -> 1\n/);
  expect(d.out).toMatch(/dry run: nothing written to the state/);
  expect(existsSync(join(dir, 's.json'))).toBe(false);
  expect(vmpy(['run', '-m', M, '-c', 'set', '-a', '[7]', '--state', 's.json']).code).toBe(0);
  const before = readFileSync(join(dir, 's.json'), 'utf8');
  // a dry run sees the committed state and leaves it as it was
  expect(vmpy(['call', '-m', M, '-c', 'inc', '--state', 's.json', '--json']).json().return).toBe(8);
  expect(readFileSync(join(dir, 's.json'), 'utf8')).toBe(before);
  expect(vmpy(['call', '-m', M, '-c', 'get', '--state', 's.json', '--json']).json().return).toBe(7);
});

test('decode --calldata names the function and its arguments; the run receipt round-trips', () => {
  const r = vmpy(['run', '-m', M, '-c', 'set', '-a', '[42]', '--state', 'd.json', '--json']).json();
  const d = vmpy(['decode', '-m', M, '--calldata', `0x${r.selector}54`, '--json']);
  expect(d.code).toBe(0);
  expect(d.json()).toEqual({ function: 'set', selector: 'a45c4fc944fe4f5c', args: { n: 42 } });
  const g = vmpy(['call', '-m', M, '-c', 'get', '--state', 'd.json', '--json']).json();
  expect(vmpy(['decode', '-m', M, '--return', 'get', g.returnHex, '--json']).json()).toEqual({ function: 'get', return: 42 });
  expect(vmpy(['decode', '-m', M, '--return', 'set', '0x', '--json']).json()).toEqual({ function: 'set', return: null });
});

test('decode --event matches the manifest event by its fields, or by --name', () => {
  // one field "value" = int 7: count 1, key length 5, "value", tag int, zigzag varint 14
  const data = '0x010576616c7565000e';
  const amb = vmpy(['decode', '-m', M, '--event', data]);
  expect(amb.code).toBe(2);
  expect(amb.err).toMatch(/events Inc, Set all have the fields value: name one with --name/);
  expect(vmpy(['decode', '-m', M, '--event', data, '--name', 'Set', '--json']).json()).toEqual({ event: 'Set', args: { value: 7 } });
  expect(vmpy(['decode', '-m', M, '--event', data, '--name', 'Nope']).err).toMatch(/declares no event 'Nope'/);
});

test('decode rejects what does not fit, with exit 2 and a reason', () => {
  const unknown = vmpy(['decode', '-m', M, '--calldata', '0xa45c4fc944fe4f5d0e']);
  expect(unknown.code).toBe(2);
  expect(unknown.err).toMatch(/selector 0xa45c4fc944fe4f5d is not a function of counter \(its functions: get, inc, set\)/);
  expect(vmpy(['decode', '-m', M, '--return', 'get', '0x0e00']).err).toMatch(/trailing bytes/);
  expect(vmpy(['decode', '-m', M, '--return', 'set', '0x00']).err).toMatch(/declares no outputs/);
  expect(vmpy(['decode', '-m', M, '--calldata', '0x12']).code).toBe(2);
  expect(vmpy(['decode', '-m', M]).err).toMatch(/give exactly one of/);
  expect(vmpy(['decode', '-m', 'nope.json', '--calldata', '0x']).err).toMatch(/cannot read manifest nope\.json/);
});
