// Bad input at the CLI: exit code 2 (1 for a call that runs and fails), one line on stderr,
// no stack trace, and the state file is never touched.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { runCli } from './helpers/cli_run.js';

let dir: string;
let state: string;
let stateBefore: string;

const vmpy = (args: string[]) => runCli(args, dir);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vmpy-bad-'));
  cpSync(resolve('examples'), join(dir, 'examples'), { recursive: true });
  state = join(dir, 'state.json');
  expect(vmpy(['run', '-m', 'examples/counter/manifest.json', '-c', 'set', '--args', '[5]', '--state', state]).code).toBe(0);
  stateBefore = readFileSync(state, 'utf8');
  expect(vmpy(['compile', 'examples/counter/contract.py', '--out', 'good.ir']).code).toBe(0);
  const good = readFileSync(join(dir, 'good.ir'));
  writeFileSync(join(dir, 'truncated.ir'), good.subarray(0, good.length - 7));
  writeFileSync(join(dir, 'trailing.ir'), Buffer.concat([good, Buffer.from([0])]));
  writeFileSync(join(dir, 'garbage.ir'), Buffer.from('hello world'));
  writeFileSync(join(dir, 'notjson.json'), '{ nope');
  writeFileSync(join(dir, 'noentry.json'), JSON.stringify({ name: 'x', version: '1', abi: { functions: [] } }));
  writeFileSync(join(dir, 'missingsrc.json'), JSON.stringify({ name: 'x', version: '1', entry: 'nothere.py', abi: { functions: [] } }));
});

const M = 'examples/counter/manifest.json';
const cases: [string, string[], RegExp][] = [
  ['truncated IR', ['inspect-ir', 'truncated.ir'], /E-IR-DECODE/],
  ['IR with a trailing byte', ['inspect-ir', 'trailing.ir'], /trailing/],
  ['not IR at all', ['inspect-ir', 'garbage.ir'], /magic/],
  ['non-JSON --args', ['run', '-m', M, '-c', 'set', '--args', '[1,'], /--args is not valid JSON/],
  ['ill-typed --args', ['run', '-m', M, '-c', 'set', '--args', '[true, 2]'], /expected 1 arguments|args/],
  ['too many arguments', ['run', '-m', M, '-c', 'set', '--args', '[1, 2]'], /expected 1 arguments, got 2/],
  ['too few arguments', ['run', '-m', M, '-c', 'set', '--args', '[]'], /expected 1 arguments, got 0/],
  ['unknown function', ['run', '-m', M, '-c', 'nope'], /no public function 'nope'/],
  ['missing manifest', ['run', '-m', 'nothere.json', '-c', 'get'], /cannot read manifest/],
  ['malformed manifest', ['run', '-m', 'notjson.json', '-c', 'get'], /not valid JSON/],
  ['manifest without entry', ['run', '-m', 'noentry.json', '-c', 'get'], /E-MANIFEST/],
  ['manifest naming a missing source', ['run', '-m', 'missingsrc.json', '-c', 'get'], /cannot read contract source/],
  ['negative gas limit', ['run', '-m', M, '-c', 'get', '--gas-limit', '-5'], /gas-limit/],
  ['missing --call', ['run', '-m', M], /call/],
];

describe('bad input exits 2 with one line', () => {
  for (const [name, args, msg] of cases) {
    test(name, () => {
      const r = vmpy(args[0] === 'run' ? [...args, '--state', state] : args);
      expect(r.code, r.err).toBe(2);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).toMatch(msg);
      expect(r.err).not.toMatch(/\n\s+at |Error:/);
      expect(readFileSync(state, 'utf8')).toBe(stateBefore);
    });
  }

  test('with --json the error is one JSON object on stdout', () => {
    const r = vmpy(['run', '-m', M, '-c', 'set', '--args', '[1, 2]', '--json', '--state', state]);
    expect(r.code).toBe(2);
    const j = JSON.parse(r.out.trim().split('\n').pop()!);
    expect(j).toMatchObject({ ok: false, status: 'ERROR', error: { code: 'E-ABI' } });
  });

  test('a gas limit too low for the call exits 1 (OOG) and keeps the state', () => {
    const r = vmpy(['run', '-m', M, '-c', 'inc', '--gas-limit', '10', '--state', state]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/ran out of gas/);
    expect(readFileSync(state, 'utf8')).toBe(stateBefore);
  });
});
