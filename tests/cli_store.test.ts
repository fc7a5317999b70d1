// vm-py deploy/run --state <dir>: a deploy persisted in the LMDB store, then run calls it;
// a missing, damaged, foreign, locked or other-format store is a one-line E-STORE error
// (exit 2, no stack trace) and writes nothing.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { open } from 'lmdb';
import { afterAll, expect, test } from 'vitest';
import { LmdbStore } from '../host/store/lmdb_store.js';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'vmpy-clistore-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const vm = (...args: string[]) => spawnSync(process.execPath, [resolve('bin/vm-py.js'), ...args], { encoding: 'utf8', cwd: resolve('.') });
const M = ['--manifest', 'examples/counter/manifest.json'];

/** a one-line typed error: exit 2, E-STORE, the message matching re, no stack trace */
function refused(r: ReturnType<typeof vm>, re: RegExp): void {
  expect(r.status).toBe(2);
  const text = r.stdout + r.stderr;
  expect(text).toMatch(/E-STORE/);
  expect(text).toMatch(re);
  expect(text).not.toMatch(/\n\s+at /);
}

test('deploy --state persists the contract; run --state calls the latest deployment', async () => {
  const dir = join(tmp(), 'chain');
  const d1 = JSON.parse(vm('deploy', ...M, '--state', `${dir}/`, '--json').stdout);
  expect(d1).toMatchObject({ status: 'SUCCESS', nonce: '0' });
  expect(JSON.parse(vm('run', ...M, '--state', dir, '--call', 'inc', '--json').stdout)).toMatchObject({ status: 'SUCCESS', return: 1 });
  expect(JSON.parse(vm('run', ...M, '--state', dir, '--call', 'inc', '--json').stdout)).toMatchObject({ status: 'SUCCESS', return: 2 });
  // a second deploy takes the sender's next account nonce: a new address, and run calls it
  const d2 = JSON.parse(vm('deploy', ...M, '--state', dir, '--json').stdout);
  expect(d2).toMatchObject({ status: 'SUCCESS', nonce: '1' });
  expect(d2.address).not.toBe(d1.address);
  expect(JSON.parse(vm('run', ...M, '--state', dir, '--call', 'get', '--json').stdout)).toMatchObject({ return: 0 });
  expect(JSON.parse(vm('run', ...M, '--state', dir, '--call', 'get', '--to', d1.address, '--json').stdout)).toMatchObject({ return: 2 });
  const store = LmdbStore.open(dir, { verify: true }); // the head's root is the state's
  const addr = Buffer.from(d1.address.slice(2), 'hex');
  expect(store.getCode(addr)).not.toBeNull();
  expect(store.getNonce(Buffer.from('11'.repeat(32), 'hex'))).toBe(2n);
  await store.close();
});

test('a missing, damaged, foreign or other-format store is refused with E-STORE', async () => {
  const base = tmp();
  refused(vm('run', ...M, '--state', join(base, 'nothing') + '/', '--call', 'get'), /no store at .*vm-py deploy --state/);
  expect(existsSync(join(base, 'nothing'))).toBe(false);
  // a directory of other files
  mkdirSync(join(base, 'src'));
  writeFileSync(join(base, 'src', 'a.txt'), 'x');
  refused(vm('deploy', ...M, '--state', join(base, 'src')), /not a vm-py store/);
  expect(existsSync(join(base, 'src', 'data.mdb'))).toBe(false);
  // a damaged database file
  mkdirSync(join(base, 'bad'));
  writeFileSync(join(base, 'bad', 'data.mdb'), Buffer.alloc(20_000, 0x5a));
  refused(vm('run', ...M, '--state', join(base, 'bad'), '--call', 'get'), /meta page/);
  refused(vm('deploy', ...M, '--state', join(base, 'bad')), /meta page/);
  // another format version
  const other = join(base, 'v9');
  expect(vm('deploy', ...M, '--state', `${other}/`).status).toBe(0);
  const raw = open<Uint8Array, Uint8Array>({ path: other, keyEncoding: 'binary', encoding: 'binary', compression: false, noSubdir: false });
  raw.putSync(Uint8Array.of(0x46), new TextEncoder().encode('vm-py-store/9'));
  await raw.close();
  refused(vm('run', ...M, '--state', other, '--call', 'get'), /format "vm-py-store\/9"; this vm-py reads vm-py-store\/2 only/);
});

test('a store in use by a running node is refused, and usable once the node stops', async () => {
  const dir = join(tmp(), 'chain');
  expect(vm('deploy', ...M, '--state', `${dir}/`).status).toBe(0);
  const node = spawn(process.execPath, [resolve('bin/vm-py.js'), 'node', '--port', '0', '--state', dir], {
    cwd: resolve('.'),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    await new Promise<void>((done, fail) => {
      let out = '';
      node.stdout.on('data', (d) => {
        out += d;
        if (out.includes('listening')) done();
      });
      node.on('exit', (c) => fail(new Error(`node exited ${c}`)));
    });
    refused(vm('run', ...M, '--state', dir, '--call', 'inc'), new RegExp(`in use by process ${node.pid}`));
    refused(vm('deploy', ...M, '--state', dir), /in use by process/);
  } finally {
    node.kill('SIGTERM');
    await new Promise((d) => node.on('exit', d));
  }
  expect(JSON.parse(vm('run', ...M, '--state', dir, '--call', 'inc', '--json').stdout)).toMatchObject({ status: 'SUCCESS', return: 1 });
}, 60_000);
