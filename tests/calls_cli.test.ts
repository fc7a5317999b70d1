// vm-py deploy / run --to: any number of instances of one code in the CLI state, at
// addresses from sender and nonce as in the adapter; run without --to calls the manifest's
// latest deployment.
import { mkdtempSync, readFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { contractAddress } from '../node/adapter.js';
import { bytesToHex } from '../core/hex.js';
import { runCli } from './helpers/cli_run.js';

const ROOT = resolve('.');
const M = 'ctr/manifest.json';
let dir: string;

const vmpy = (args: string[]) => runCli(args, dir);
const json = (args: string[]) => {
  const r = vmpy([...args, '--json']);
  const lines = r.out.trim().split('\n');
  return { code: r.code, j: JSON.parse(lines[lines.length - 1]) };
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vmpy-calls-cli-'));
  cpSync(join(ROOT, 'tests/fixtures/calls/ctr'), join(dir, 'ctr'), { recursive: true });
  cpSync(join(ROOT, 'examples'), join(dir, 'examples'), { recursive: true });
});

describe('vm-py deploy and run --to', () => {
  test('two instances of one code keep separate storage; run without --to takes the latest', () => {
    const s = 'multi.json';
    const sender = '0x' + 'ab'.repeat(32);
    const d1 = json(['deploy', '-m', M, '--args', '[5]', '--state', s, '--sender', sender]);
    expect(d1.code).toBe(0);
    // the adapter's rule: sha3("animica:vm:deploy|" || sender || uvarint(nonce)), nonces 0, 1, ...
    expect(d1.j.address).toBe('0x' + bytesToHex(contractAddress(new Uint8Array(32).fill(0xab), 0n)));
    expect(d1.j.events).toEqual([{ name: 'Started', args: { start: 5 }, data: expect.stringMatching(/^0x[0-9a-f]+$/) }]);
    const d2 = json(['deploy', '-m', M, '--args', '{"start": 40}', '--state', s, '--sender', sender]);
    expect(d2.j.address).toBe('0x' + bytesToHex(contractAddress(new Uint8Array(32).fill(0xab), 1n)));
    expect(json(['run', '-m', M, '-c', 'inc', '--state', s]).j.return).toBe(41);
    expect(json(['run', '-m', M, '-c', 'inc', '--state', s, '--to', d1.j.address]).j.return).toBe(6);
    expect(json(['run', '-m', M, '-c', 'get', '--state', s, '--to', d2.j.address]).j.return).toBe(41);
    // the fast argument reader and yargs agree on --to
    expect(json(['run', '-m', M, '-c', 'get', '--state', s, '--to', d1.j.address, '--balance', `${sender}=1`]).j.return).toBe(6);
    const file = JSON.parse(readFileSync(join(dir, s), 'utf8'));
    expect(file.deployments.ctr).toEqual([d1.j.address.slice(2), d2.j.address.slice(2)]);
    expect(file.nonces['ab'.repeat(32)]).toBe('2');
    expect(Object.keys(file.code).sort()).toEqual([d1.j.address.slice(2), d2.j.address.slice(2)].sort());
    // human output prints the address
    expect(vmpy(['deploy', '-m', M, '--args', '[1]', '--state', s]).out).toMatch(/^deployed ctr at 0x[0-9a-f]{64}$/m);
  });

  test('a failed constructor writes nothing, not even the nonce', () => {
    const s = 'fail.json';
    const r = json(['deploy', '-m', M, '--args', '[1]', '--state', s, '--gas-limit', '900']);
    expect(r.code).toBe(1);
    expect(r.j.status).toBe('OOG');
    expect(r.j.address).toBeUndefined();
    expect(vmpy(['run', '-m', M, '-c', 'get', '--state', s, '--json']).code).toBe(0); // never deployed: the manifest's code at its name address
    const ok = json(['deploy', '-m', M, '--args', '[1]', '--state', s]);
    expect(ok.j.nonce).toBe('0');
  });

  test('bad input: wrong args, bad or empty --to, are typed errors with exit 2', () => {
    const s = 'bad.json';
    const wrong = json(['deploy', '-m', M, '--args', '["x"]', '--state', s]);
    expect([wrong.code, wrong.j.error.code]).toEqual([2, 'E-ARGS']);
    expect(json(['deploy', '-m', M, '--args', 'nope', '--state', s]).j.error.code).toBe('E-ARGS');
    expect(json(['run', '-m', M, '-c', 'get', '--state', s, '--to', '0x12']).j.error.code).toBe('E-ARGS');
    const none = json(['run', '-m', M, '-c', 'get', '--state', s, '--to', '0x' + '00'.repeat(32)]);
    expect([none.code, none.j.error.code]).toEqual([2, 'E-NO-CODE']);
    const r = vmpy(['run', '-m', M, '-c', 'get', '--state', s, '--to', '0x' + '00'.repeat(32)]);
    expect(r.err).toMatch(/no contract is deployed at 0x0{64}/);
    expect(r.err).not.toMatch(/at .*\.js:\d+/);
  });
});

describe('the call tree in run output and --trace', () => {
  test('an exchange pulling tokens: JSON calls, human call lines, nested frames in --trace', () => {
    const s = 'tree.json';
    const TK = 'examples/token/manifest.json';
    const EX = 'examples/exchange/manifest.json';
    const token = json(['deploy', '-m', TK, '--state', s]).j.address;
    expect(json(['run', '-m', TK, '-c', 'init', '-a', '[1000]', '--state', s]).j.ok).toBe(true);
    const ex = json(['deploy', '-m', EX, '--args', JSON.stringify([token, 3]), '--state', s]).j.address;
    const early = vmpy(['run', '-m', EX, '-c', 'stock', '-a', '[10]', '--state', s]);
    expect(early.code).toBe(1);
    expect(early.out).toMatch(/^calls:\n {2}call 0x[0-9a-f]{8}…[0-9a-f]{4}\.transfer_from\(\) gas \d+\/\d+ REVERT "token: allowance exceeded"$/m);
    expect(json(['run', '-m', TK, '-c', 'approve', '-a', JSON.stringify([ex, 10]), '--state', s]).j.ok).toBe(true);
    const ok = json(['run', '-m', EX, '-c', 'stock', '-a', '[10]', '--state', s]).j;
    expect(ok.calls).toEqual([expect.objectContaining({ to: token, fn: 'transfer_from', status: 'SUCCESS', returnHex: '0x01', static: false, calls: [] })]);
    expect(ok.calls[0].gasUsed).toBeGreaterThan(0);
    expect(ok.calls[0].gas).toBeGreaterThan(ok.calls[0].gasUsed);
    expect(ok.events.map((e: { name: string }) => e.name)).toEqual(['Transfer', 'Stocked']);
    const trace = vmpy(['run', '-m', EX, '-c', 'stock_level', '--trace', '--state', s]).out;
    expect(trace).toMatch(/^ {2}--> 0x[0-9a-f]{8}…[0-9a-f]{4}\.balance_of\(\) {2}depth 1 {2}gas \d+$/m);
    expect(trace).toMatch(/^ {2}balance_of@\d+ .*CALL_STD storage\.get_int/m);
    expect(trace).toMatch(/^ {2}<-- 0x[0-9a-f]{8}…[0-9a-f]{4}\.balance_of\(\) {2}SUCCESS {2}used \d+$/m);
    expect(trace).toMatch(/stock_level -> 10|stock_level\(\) -> 10/);
  });
});
