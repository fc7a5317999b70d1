// The author's path from the README, as a new user walks it: init, test, run before and
// after deploy, a misnamed function, JSON output that decode reads back.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { runCli } from './helpers/cli_run.js';

let dir: string;

const vmpy = (args: string[]) => runCli(args, dir);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vmpy-author-'));
});

test('init says how to test, deploy and call; the scaffold passes its tests', () => {
  const init = vmpy(['init', 'proj']);
  expect(init.code).toBe(0);
  expect(init.out).toContain('next: npx vm-py test proj');
  expect(init.out).toContain("npx vm-py deploy -m proj/manifest.json --args '[0]'");
  const t = vmpy(['test', 'proj', '--fuzz-runs', '10']);
  expect(t.code, t.out + t.err).toBe(0);
  expect(t.out).toMatch(/ok: 5 passed, 0 failed/);
});

test('a call before any deploy notes that the constructor never ran; after deploy, none', () => {
  const before = vmpy(['run', '-m', 'proj/manifest.json', '--call', 'add', '--args', '[5]', '--state', 's.json']);
  expect(before.code).toBe(0);
  expect(before.out).toContain('note: proj is not deployed in this state, so its constructor never ran');
  expect(vmpy(['deploy', '-m', 'proj/manifest.json', '--args', '[10]', '--state', 's.json']).code).toBe(0);
  const after = vmpy(['run', '-m', 'proj/manifest.json', '--call', 'add', '--args', '[5]', '--state', 's.json']);
  expect(after.out).toContain('add() -> 15');
  expect(after.out).not.toContain('note:');
});

test('an unknown function lists the callable ones, not the constructor', () => {
  const r = vmpy(['run', '-m', 'proj/manifest.json', '--call', 'nope', '--state', 's.json']);
  expect(r.code).toBe(2);
  expect(r.err).toContain("has no public function 'nope' (it has: add, get, reset)");
});

test("--json carries the calldata and each event's data, which decode reads back", () => {
  const r = vmpy(['call', '-m', 'proj/manifest.json', '--call', 'add', '--args', '[7]', '--state', 's.json', '--json']).json();
  expect(r.calldata).toMatch(/^0x[0-9a-f]{18,}$/);
  expect(r.events).toHaveLength(1);
  const call = vmpy(['decode', '-m', 'proj/manifest.json', '--calldata', r.calldata, '--json']);
  expect(call.code, call.err).toBe(0);
  expect(call.json()).toMatchObject({ function: 'add', args: { amount: 7 } });
  const ev = vmpy(['decode', '-m', 'proj/manifest.json', '--event', r.events[0].data, '--json']);
  expect(ev.code, ev.err).toBe(0);
  expect(ev.json()).toMatchObject({ event: 'Added', args: r.events[0].args });
});
