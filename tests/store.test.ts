// host/store/lmdb_store.ts: blocks on disk give the same receipts and roots as in memory; a
// reopened store is at its last block; SIGKILL during block production reopens at exactly
// the last committed block; damaged pages or values are refused with E-STORE.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync, closeSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, expect, test } from 'vitest';
import { LmdbStore } from '../host/store/lmdb_store.js';
import { cliContractAddress } from '../cli/run.js';
import { executeBlock } from '../node/block/execute_block.js';
import { MemoryState } from '../node/state.js';
import { StoreError } from '../spec/errors.js';
import { header, heightBlock, setupToken } from './helpers/chain.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'vmpy-store-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** in memory, the chain up to `height` as the child builds it */
function memoryChain(height: number): { state: MemoryState; roots: string[] } {
  const state = new MemoryState();
  setupToken(state, 64);
  const roots: string[] = [];
  for (let h = 1; h <= height; h++) roots.push(hex(executeBlock({ state, block: header(h), txs: heightBlock(state, h), strict: true }).stateRoot));
  return { state, roots };
}

test('blocks on disk: the receipts and roots of memory; reopened at the head', async () => {
  const dir = tmp();
  const store = LmdbStore.open(dir);
  setupToken(store, 64);
  const mem = new MemoryState();
  setupToken(mem, 64);
  for (let h = 1; h <= 3; h++) {
    const a = executeBlock({ state: store, block: header(h), txs: heightBlock(store, h), strict: true });
    const b = executeBlock({ state: mem, block: header(h), txs: heightBlock(mem, h), strict: true });
    expect(a.receipts.map((r) => hex(r.hash))).toEqual(b.receipts.map((r) => hex(r.hash)));
    expect(hex(a.stateRoot)).toBe(hex(b.stateRoot));
    expect(hex(a.receiptsRoot)).toBe(hex(b.receiptsRoot));
    expect(hex(store.head().stateRoot)).toBe(hex(a.stateRoot));
  }
  const tx = heightBlock(mem, 3)[0];
  expect(store.head().height).toBe(3n);
  const blk = store.block(3n)!;
  expect(blk.receipts.length).toBe(40);
  await store.close();
  const again = LmdbStore.open(dir);
  expect(again.head().height).toBe(3n);
  expect(hex(again.commitment().root())).toBe(hex(executeBlock({ state: mem, block: header(4), txs: [] }).stateRoot));
  expect(again.getNonce(tx.sender)).toBe(mem.getNonce(tx.sender));
  // a block that does not follow the head is refused, and nothing is written
  expect(() => executeBlock({ state: again, block: header(9), txs: [] })).toThrow(StoreError);
  expect(again.head().height).toBe(3n);
  await again.close();
});

test('SIGKILL during block production: the store reopens at exactly the last committed block', async () => {
  const dir = tmp();
  // inside the repository, so the bundle resolves lmdb from node_modules
  mkdirSync('.tmp', { recursive: true });
  const bundle = resolve(`.tmp/store-child-${process.pid}.mjs`);
  await build({
    entryPoints: [resolve('tests/helpers/store_child.ts')],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    external: ['lmdb'],
    logLevel: 'warning',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  for (const killAfter of [2, 5]) {
    const child = spawn(process.execPath, [bundle, dir], { cwd: resolve('.'), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const last = await new Promise<number>((done, fail) => {
      child.stdout.on('data', (d) => {
        out += d;
        const seen = [...out.matchAll(/committed (\d+)/g)].map((m) => Number(m[1]));
        // kill while the next block is being executed or written
        if (seen.length >= killAfter && !child.killed) setTimeout(() => child.kill('SIGKILL'), (seen.length * 7) % 11);
      });
      child.on('exit', (code, sig) =>
        sig === 'SIGKILL' ? done(Math.max(...[...out.matchAll(/committed (\d+)/g)].map((m) => Number(m[1])))) : fail(new Error(`child exited ${code}: ${err}`)),
      );
    });
    const store = LmdbStore.open(dir); // rebuilds the state root from disk and checks it against the head
    const h = Number(store.head().height);
    // the last block printed is on disk; at most the one after it committed before the kill
    expect(h === last || h === last + 1).toBe(true);
    const { roots } = memoryChain(h);
    expect(hex(store.head().stateRoot)).toBe(roots[h - 1]);
    expect(hex(store.commitment().root())).toBe(roots[h - 1]);
    expect(store.block(BigInt(h + 1))).toBeNull();
    await store.close();
  }
}, 120_000);

test('a damaged store is refused with E-STORE', async () => {
  // a value changed on disk: the rebuilt root differs from the head's
  const dir = tmp();
  const store = LmdbStore.open(dir);
  const holder = new Uint8Array(32).fill(0x42);
  store.setBalance(holder, 0x1122334455667788n); // genesis: a value we can find in the file
  setupToken(store, 8);
  executeBlock({ state: store, block: header(1), txs: [] });
  expect(() => store.setBalance(holder, 1n)).toThrow(StoreError);
  await store.close();
  const file = join(dir, 'data.mdb');
  const bytes = readFileSync(file);
  const at = bytes.indexOf(Buffer.from('1122334455667788', 'hex'));
  expect(at).toBeGreaterThan(0);
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.from('1122334455667799', 'hex'), 0, 8, at);
  closeSync(fd);
  expect(() => LmdbStore.open(dir)).toThrow(/E-STORE|damaged/);
  try {
    LmdbStore.open(dir);
  } catch (e) {
    expect(e).toBeInstanceOf(StoreError);
  }
  // pages overwritten with garbage: LMDB's own checks fail, reported the same way
  const dir2 = tmp();
  const s2 = LmdbStore.open(dir2);
  setupToken(s2, 8);
  await s2.close();
  const f2 = join(dir2, 'data.mdb');
  const fd2 = openSync(f2, 'r+');
  writeSync(fd2, Buffer.alloc(statSync(f2).size, 0xa5), 0, statSync(f2).size, 0);
  closeSync(fd2);
  expect(() => LmdbStore.open(dir2)).toThrow(StoreError);
});

test('vm-py run --state <dir> runs on the store: one transaction per call, nothing on failure', async () => {
  const dir = tmp();
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [resolve('bin/vm-py.js'), 'run', '--manifest', 'examples/counter/manifest.json', '--state', dir, '--json', ...args], {
      encoding: 'utf8',
      cwd: resolve('.'),
    });
  expect(JSON.parse(run('--call', 'inc').stdout)).toMatchObject({ status: 'SUCCESS', return: 1 });
  expect(JSON.parse(run('--call', 'inc').stdout)).toMatchObject({ status: 'SUCCESS', return: 2 });
  const bad = run('--call', 'set', '--args', '[-1]');
  expect(bad.status).toBe(1);
  expect(JSON.parse(bad.stdout)).toMatchObject({ status: 'REVERT' });
  const store = LmdbStore.open(dir); // the head's root matches what the calls wrote
  const addr = cliContractAddress('counter');
  // storage.set_int keeps 32 big-endian bytes: 2, not the reverted -1
  expect(hex(store.getStorage(addr, new TextEncoder().encode('counter'))!)).toBe('00'.repeat(31) + '02');
  await store.close();
  expect(JSON.parse(run('--call', 'get').stdout)).toMatchObject({ status: 'SUCCESS', return: 2 });
});
