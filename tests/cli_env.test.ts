// `vm-py run` call-environment flags: --sender --value --height --timestamp --chain-id
// --tx-hash and --balance seeds, their deterministic defaults, and their input errors.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { decodeArgs } from '../core/abi/codec.js';

const BIN = join(resolve('.'), 'bin/vm-py.js');
let dir: string;

function vmpy(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8' });
  const lines = r.stdout.trim().split('\n');
  let json: Record<string, unknown> | undefined;
  try {
    json = JSON.parse(lines[lines.length - 1]);
  } catch {
    json = undefined;
  }
  return { code: r.status, out: r.stdout, err: r.stderr, json };
}

const SRC = `from stdlib import abi, treasury, random, syscalls
ENV_TYPES = ("address", "int", "int", "int", "int", "bytes")
def env() -> bytes:
    return abi.encode(ENV_TYPES, [abi.caller(), abi.call_value(), abi.block_height(), abi.block_timestamp(), abi.chain_id(), abi.tx_hash()])
def mine() -> int:
    return treasury.balance()
def pay(to: bytes, amount: int) -> None:
    treasury.transfer(to, amount)
def rnd() -> bytes:
    return random.bytes(8)
def ask(prompt: str) -> bytes:
    return syscalls.ai_enqueue(b"model-1", prompt)
def answer(task: bytes) -> bytes:
    return syscalls.read_result(task) + syscalls.read_beacon()
`;
const MANIFEST = {
  name: 'envprobe',
  version: '1.0.0',
  entry: 'contract.py',
  abi: {
    functions: [
      { name: 'env', inputs: [], outputs: [{ type: 'bytes' }] },
      { name: 'mine', inputs: [], outputs: [{ type: 'int' }] },
      {
        name: 'pay',
        inputs: [
          { name: 'to', type: 'bytes' },
          { name: 'amount', type: 'int' },
        ],
        outputs: [],
      },
      { name: 'rnd', inputs: [], outputs: [{ type: 'bytes' }] },
      { name: 'ask', inputs: [{ name: 'prompt', type: 'str' }], outputs: [{ type: 'bytes' }] },
      { name: 'answer', inputs: [{ name: 'task', type: 'bytes' }], outputs: [{ type: 'bytes' }] },
    ],
    events: [],
    errors: [],
  },
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vmpy-env-'));
  writeFileSync(join(dir, 'contract.py'), SRC);
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(MANIFEST));
});

const S = '0x' + '22'.repeat(32);
const ENV_TYPES = ['address', 'int', 'int', 'int', 'int', 'bytes'];
const raw = (h: string) => new Uint8Array(Buffer.from(h.slice(2), 'hex'));

describe('vm-py run call environment', () => {
  test('flags reach the contract; --balance seeds the state file; value moves to the contract', () => {
    const st = join(dir, 'a.json');
    const r = vmpy(['run', '-m', 'manifest.json', '-c', 'mine', '--state', st, '--sender', S, '--value', '30', '--balance', `${S}=100`, '--json']);
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.json?.return).toBe(30);
    const state = JSON.parse(readFileSync(st, 'utf8'));
    expect(state.balances['22'.repeat(32)]).toBe('70');
    const pay = vmpy(['run', '-m', 'manifest.json', '-c', 'pay', '--args', `["0x${'33'.repeat(32)}", 31]`, '--state', st, '--json']);
    expect(pay.code).toBe(1);
    expect(pay.json?.status).toBe('REVERT');
    const pay2 = vmpy(['run', '-m', 'manifest.json', '-c', 'pay', '--args', `["0x${'33'.repeat(32)}", 30]`, '--state', st]);
    expect(pay2.code).toBe(0);
    expect(pay2.out).toContain(`balance 0x${'33'.repeat(32)} = 30`);
  });

  test('context accessors see --height --timestamp --chain-id --tx-hash; defaults are fixed', () => {
    const h = '0x' + 'ab'.repeat(32);
    const r = vmpy([
      'run',
      '-m',
      'manifest.json',
      '-c',
      'env',
      '--state',
      join(dir, 'b.json'),
      '--height',
      '77',
      '--timestamp',
      '1800000000',
      '--chain-id',
      '9',
      '--tx-hash',
      h,
      '--json',
    ]);
    expect(r.code, r.out + r.err).toBe(0);
    const env = decodeArgs(ENV_TYPES, raw(r.json?.return as string));
    expect(env).toEqual([raw('0x' + '11'.repeat(32)), 0, 77, 1_800_000_000, 9, raw(h)]);
    const d = vmpy(['run', '-m', 'manifest.json', '-c', 'env', '--state', join(dir, 'b.json'), '--sender', S, '--value', '0', '--json']);
    const denv = decodeArgs(ENV_TYPES, raw(d.json?.return as string));
    expect(denv.slice(0, 5)).toEqual([raw(S), 0, 1, 1_700_000_000, 1]);
    // the default tx hash is derived from the call: fixed for the same command line
    const again = vmpy(['run', '-m', 'manifest.json', '-c', 'env', '--state', join(dir, 'b.json'), '--sender', S, '--value', '0', '--json']);
    expect(again.json?.return).toBe(d.json?.return);
  });

  test('random bytes are the same for the same command and differ with the tx hash', () => {
    const run = (extra: string[]) => vmpy(['run', '-m', 'manifest.json', '-c', 'rnd', '--state', join(dir, 'c.json'), '--json', ...extra]).json?.return;
    expect(run([])).toBe(run([]));
    expect(run(['--tx-hash', '0x' + '01'.repeat(32)])).not.toBe(run([]));
  });

  test('bad flags exit 2 with one line', () => {
    for (const args of [
      ['--sender', '0x22'],
      ['--value', '-1'],
      ['--height', '1.5'],
      ['--tx-hash', '0x00'],
      ['--balance', 'nope'],
      ['--balance', `${S}=x`],
      ['--result', '0x00=0x'],
      ['--beacon', '0x00'],
    ]) {
      const r = vmpy(['run', '-m', 'manifest.json', '-c', 'mine', '--state', join(dir, 'd.json'), ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
  });

  test('human output shows events decoded, name and args', () => {
    const m = join(resolve('.'), 'examples/token/manifest.json');
    const r = vmpy(['run', '-m', m, '-c', 'init', '--args', '[1000]', '--state', join(dir, 'f.json'), '--sender', S]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(`event Transfer {"amount":1000,"sender":"0x${'00'.repeat(32)}","to":"${S}"}`);
  });

  test('syscall requests are shown with their task ids', () => {
    const r = vmpy(['run', '-m', 'manifest.json', '-c', 'ask', '--args', '["hi"]', '--state', join(dir, 'g.json'), '--json']);
    expect(r.code, r.err).toBe(0);
    const q = (r.json?.syscalls as Array<{ kind: string; taskId: string }>)[0];
    expect(q.kind).toBe('ai_enqueue');
    expect(q.taskId).toBe(r.json?.return);
    const h = vmpy(['run', '-m', 'manifest.json', '-c', 'ask', '--args', '["hi"]', '--state', join(dir, 'g.json')]);
    expect(h.out).toContain(`syscall ai_enqueue task ${q.taskId}`);
    const beacon = '0x' + '5a'.repeat(32);
    const a = vmpy([
      'run',
      '-m',
      'manifest.json',
      '-c',
      'answer',
      '--args',
      `["${q.taskId}"]`,
      '--result',
      `${q.taskId}=0x6f6b`,
      '--beacon',
      beacon,
      '--state',
      join(dir, 'g.json'),
      '--json',
    ]);
    expect(a.json?.return).toBe('0x6f6b' + '5a'.repeat(32));
  });

  test('the call value needs a funded sender', () => {
    const r = vmpy(['run', '-m', 'manifest.json', '-c', 'mine', '--state', join(dir, 'e.json'), '--value', '5', '--json']);
    expect(r.code).toBe(1);
    expect((r.json?.error as { code: string }).code).toBe('E-STATE');
  });
});
