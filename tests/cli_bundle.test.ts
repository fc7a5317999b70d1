// The built CLI (scripts/build.mjs, bin/load-cli.js): one bundle whose rarely needed parts
// initialize only when used, started with a V8 code cache named by the bundle's build id.
import { ml_dsa44 } from '@noble/post-quantum/ml-dsa.js';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { poisoned, privateCli } from './helpers/cli_copy.js';
import { runCli } from './helpers/cli_run.js';

const PQ_SOURCE = `from stdlib import pq
def ok(pk: bytes, msg: bytes, sig: bytes) -> bool:
    return pq.verify(1, pk, msg, sig)
`;
const PQ_MANIFEST = {
  name: 'pqcheck',
  version: '1.0.0',
  entry: 'contract.py',
  abi: {
    functions: [
      {
        name: 'ok',
        inputs: [
          { name: 'pk', type: 'bytes' },
          { name: 'msg', type: 'bytes' },
          { name: 'sig', type: 'bytes' },
        ],
        outputs: [{ type: 'bool' }],
      },
    ],
    events: [],
    errors: [],
  },
};

let pkg: string;
let dir: string;
let pqArgs: (tamper: boolean) => string;

beforeAll(() => {
  pkg = privateCli();
  dir = mkdtempSync(join(tmpdir(), 'vmpy-bundle-'));
  writeFileSync(join(dir, 'contract.py'), PQ_SOURCE);
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(PQ_MANIFEST));
  const { publicKey, secretKey } = ml_dsa44.keygen(new Uint8Array(32).fill(3));
  const msg = new TextEncoder().encode('hello');
  const sig = ml_dsa44.sign(msg, secretKey);
  const hex = (b: Uint8Array) => '0x' + Buffer.from(b).toString('hex');
  pqArgs = (tamper) => JSON.stringify([hex(publicKey), hex(msg), hex(tamper ? sig.map((x, i) => (i === 9 ? x ^ 1 : x)) : sig)]);
});

const vmpy = (args: string[], cwd = dir) => runCli(args, cwd, join(pkg, 'bin/vm-py.js'));

describe('lazy parts of the bundle', () => {
  test('pq.verify loads the signature library on demand, and only then', () => {
    const good = vmpy(['run', '-m', 'manifest.json', '-c', 'ok', '-a', pqArgs(false), '--json']);
    expect(good.code, good.err).toBe(0);
    expect(JSON.parse(good.out)).toMatchObject({ ok: true, return: true });
    expect(JSON.parse(vmpy(['run', '-m', 'manifest.json', '-c', 'ok', '-a', pqArgs(true), '--json']).out)).toMatchObject({ ok: true, return: false });
    poisoned(pkg, ['stdlib/pq_noble.ts'], () => {
      // a contract without signatures never touches it...
      const counter = vmpy(['run', '-m', 'examples/counter/manifest.json', '-c', 'inc', '--state', join(dir, 'counter.json')], process.cwd());
      expect(counter.code, counter.err).toBe(0);
      // ...and one that verifies does: the poisoning above is not vacuous
      const pq = vmpy(['run', '-m', 'manifest.json', '-c', 'ok', '-a', pqArgs(false)]);
      expect(pq.code).not.toBe(0);
      expect(pq.out + pq.err).toMatch(/poisoned: stdlib\/pq_noble\.ts was loaded/);
    });
  });
});

describe('code cache', () => {
  test("the build made one, named by the bundle's first line", () => {
    const first = readFileSync(join(pkg, 'dist/vm-py.cjs'), 'latin1').split('\n', 1)[0];
    const id = /^\/\/vm-py build ([0-9a-f]{32})$/.exec(first)?.[1];
    expect(id).toBeDefined();
    expect(readdirSync(join(pkg, 'dist')).filter((n) => n.endsWith('.v8cache'))).toEqual([`vm-py.${id}.v8cache`]);
    // and V8 takes it (a cache it rejected would only make every start slower, silently)
    const probe = `const c = require(${JSON.stringify(join(pkg, 'bin/load-cli.js'))}).loadCli(); process.stdout.write(String(c.script.cachedDataRejected));`;
    expect(spawnSync(process.execPath, ['-e', probe], { encoding: 'utf8' }).stdout).toBe('false');
  });

  test('a damaged or missing cache only costs time: V8 rejects it and compiles the source', () => {
    const cache = join(pkg, 'dist', readdirSync(join(pkg, 'dist')).find((n) => n.endsWith('.v8cache'))!);
    const saved = readFileSync(cache);
    const state = join(dir, 'cc.json');
    const run = () => vmpy(['run', '-m', 'examples/counter/manifest.json', '-c', 'inc', '--state', state, '--json'], process.cwd());
    try {
      const outs: unknown[] = [];
      for (const data of [saved, saved.subarray(0, 1000), Buffer.alloc(saved.length, 7), null]) {
        if (data === null) rmSync(cache);
        else writeFileSync(cache, data);
        const r = run();
        expect(r.code, r.err).toBe(0);
        expect(r.err).toBe('');
        outs.push(JSON.parse(r.out).return);
      }
      expect(outs).toEqual([1, 2, 3, 4]);
    } finally {
      writeFileSync(cache, saved);
    }
  });
});

describe('output', () => {
  test('a reader that goes away early costs no error and no stack trace', () => {
    const state = join(dir, 'epipe.json');
    const cli = `${JSON.stringify(process.execPath)} ${JSON.stringify(join(pkg, 'bin/vm-py.js'))}`;
    // `true` exits at once, so the pipe has no reader by the time the CLI writes: EPIPE
    const r = spawnSync(
      'sh',
      ['-c', `(sleep 0.3; ${cli} run -m examples/counter/manifest.json -c inc --state ${JSON.stringify(state)}; echo "rc=$?" >&2) | true`],
      { cwd: process.cwd(), encoding: 'utf8' },
    );
    expect(r.stderr).toBe('rc=0\n');
    // the call itself happened: the state file holds the new count
    expect(JSON.parse(vmpy(['run', '-m', 'examples/counter/manifest.json', '-c', 'get', '--state', state, '--json'], process.cwd()).out)).toMatchObject({
      return: 1,
    });
  });
});
