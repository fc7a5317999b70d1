// host/store/lmdb_store.ts: blocks on disk give the same receipts and roots as in memory; a
// reopened store is at its last block; SIGKILL during block production reopens at exactly
// the last committed block; damaged pages or values are refused with E-STORE.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, rmSync, writeSync, closeSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { LmdbStore } from '../host/store/lmdb_store.js';
import { cliContractAddress } from '../cli/run.js';
import { open } from 'lmdb';
import { executeBlock, proveStorage } from '../node/block/execute_block.js';
import { verifyStorageProof } from '../node/trie/state_commitment.js';
import { MemoryState } from '../node/state.js';
import { StoreError } from '../spec/errors.js';
import { addr, header, heightBlock, setupToken } from './helpers/chain.js';
import { bundleLmdbChild } from './helpers/lmdb_child_bundle.js';

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
  const bundle = await bundleLmdbChild('tests/helpers/store_child.ts', 'store-child');
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
    const store = LmdbStore.open(dir, { verify: true }); // rebuilds the state root from disk and checks it against the head
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

test('a damaged value is E-STORE where it is read; a block that reads it writes nothing', async () => {
  const dir = tmp();
  const store = LmdbStore.open(dir);
  const holder = new Uint8Array(32).fill(0x42);
  store.setBalance(holder, 0x1122334455667788n); // genesis: a value we can find in the file
  setupToken(store, 8);
  executeBlock({ state: store, block: header(1), txs: [] });
  expect(() => store.setBalance(holder, 1n)).toThrow(StoreError);
  const root1 = hex(store.head().stateRoot);
  await store.close();
  // every copy of the balance in the file changed: the flat value and the account's trie leaf
  const file = join(dir, 'data.mdb');
  const bytes = readFileSync(file);
  let hits = 0;
  for (let at = bytes.indexOf(Buffer.from('1122334455667788', 'hex')); at >= 0; at = bytes.indexOf(Buffer.from('1122334455667788', 'hex'), at + 1)) {
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.from('1122334455667799', 'hex'), 0, 8, at);
    closeSync(fd);
    hits++;
  }
  expect(hits).toBeGreaterThanOrEqual(2);
  const again = LmdbStore.open(dir); // lazy: the damaged pages are not read yet
  expect(() => again.getBalance(holder)).toThrow(/E-STORE|checksum/);
  expect(() => again.getBalance(holder)).toThrow(StoreError);
  // a proof for the holder walks into the damaged leaf node
  expect(() => proveStorage(again, holder, Uint8Array.of(1))).toThrow(StoreError);
  // a block paying the holder reads the damaged balance: refused, nothing written
  const pay = { kind: 'transfer' as const, sender: addr(2), nonce: again.getNonce(addr(2)), to: holder, value: 5n, gasLimit: 100_000, gasPrice: 1n };
  expect(() => executeBlock({ state: again, block: header(2), txs: [pay], strict: true })).toThrow(StoreError);
  expect(again.head().height).toBe(1n);
  expect(hex(again.head().stateRoot)).toBe(root1);
  await again.close();
  // the full check finds it at open
  expect(() => LmdbStore.open(dir, { verify: true })).toThrow(StoreError);
  const third = LmdbStore.open(dir);
  expect(third.head().height).toBe(1n);
  expect(third.block(2n)).toBeNull();
  await third.close();
});

test('garbage in values or trie nodes (written through LMDB) is E-STORE, never a receipt', async () => {
  const dir = tmp();
  const store = LmdbStore.open(dir);
  const { token } = setupToken(store, 64);
  executeBlock({ state: store, block: header(1), txs: heightBlock(store, 1).slice(0, 4), strict: true });
  await store.close();
  const raw = open<Uint8Array, Uint8Array>({ path: dir, keyEncoding: 'binary', encoding: 'binary', compression: false, noSubdir: false });
  // the token's storage values: garbage in place
  const sKeys = [...raw.getKeys({ start: Uint8Array.of(0x73), end: Uint8Array.of(0x74) })].map((k) => (k as Uint8Array).slice());
  const goods = sKeys.map((k) => raw.getBinary(k)!.slice());
  for (const k of sKeys) raw.putSync(k, Uint8Array.of(1, 2, 3, 4, 5, 6));
  await raw.close();
  const s1 = LmdbStore.open(dir);
  const addrLen = s1.addressBytes;
  expect(hex(sKeys[0].subarray(1, 1 + addrLen))).toBe(hex(token));
  expect(() => s1.getStorage(token, Uint8Array.from(sKeys[0].subarray(1 + addrLen)))).toThrow(/checksum/);
  // a block whose call reads the damaged storage fails with E-STORE (not an ERROR receipt), and writes nothing
  const before = hex(s1.head().stateRoot);
  expect(() => executeBlock({ state: s1, block: header(2), txs: heightBlock(s1, 2).slice(0, 1) })).toThrow(StoreError);
  expect(s1.head().height).toBe(1n);
  expect(hex(s1.head().stateRoot)).toBe(before);
  await s1.close();
  // the values back, and every trie node replaced by garbage
  const raw2 = open<Uint8Array, Uint8Array>({ path: dir, keyEncoding: 'binary', encoding: 'binary', compression: false, noSubdir: false });
  sKeys.forEach((k, i) => raw2.putSync(k, goods[i]));
  // trie nodes: 'A' path (account trie), 'S' address path (storage tries)
  const nodes = [
    ...raw2.getKeys({ start: Uint8Array.of(0x41), end: Uint8Array.of(0x42) }),
    ...raw2.getKeys({ start: Uint8Array.of(0x53), end: Uint8Array.of(0x54) }),
  ] as Uint8Array[];
  expect(nodes.some((k) => k[0] === 0x53)).toBe(true);
  expect(nodes.length).toBeGreaterThan(4);
  for (const k of nodes) raw2.putSync(k, Uint8Array.of(0xc0));
  await raw2.close();
  // the root node is damaged too: refused at open
  expect(() => LmdbStore.open(dir)).toThrow(/trie node .* does not match its hash/);
});

test('a store of another format version is refused with a clear message', async () => {
  const dir = tmp();
  const store = LmdbStore.open(dir);
  setupToken(store, 2);
  executeBlock({ state: store, block: header(1), txs: [] });
  await store.close();
  const raw = open<Uint8Array, Uint8Array>({ path: dir, keyEncoding: 'binary', encoding: 'binary', compression: false, noSubdir: false });
  raw.putSync(Uint8Array.of(0x46), new TextEncoder().encode('vm-py-store/9'));
  await raw.close();
  expect(() => LmdbStore.open(dir)).toThrow(StoreError);
  expect(() => LmdbStore.open(dir)).toThrow(/format "vm-py-store\/9"; this vm-py reads vm-py-store\/2 only/);
  // an LMDB database of another program
  const other = tmp();
  const o = open<Uint8Array, Uint8Array>({ path: other, keyEncoding: 'binary', encoding: 'binary', compression: false, noSubdir: false });
  o.putSync(Uint8Array.of(1, 2, 3), Uint8Array.of(4));
  await o.close();
  expect(() => LmdbStore.open(other)).toThrow(/not a vm-py store/);
  // pages overwritten with garbage: LMDB's meta pages fail our check before LMDB reads them
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

test('reopened: the trie loads lazily, proofs verify, and blocks go on from the stored nodes', async () => {
  const dir = tmp();
  const store = LmdbStore.open(dir);
  setupToken(store, 64);
  const mem = new MemoryState();
  const { token } = setupToken(mem, 64);
  for (let h = 1; h <= 3; h++) {
    executeBlock({ state: store, block: header(h), txs: heightBlock(store, h), strict: true });
    executeBlock({ state: mem, block: header(h), txs: heightBlock(mem, h), strict: true });
  }
  await store.close();
  for (let h = 4; h <= 6; h++) {
    // a fresh open each block: everything the trie knows comes from the stored nodes
    const s = LmdbStore.open(dir);
    const key = [...s.storageEntries(token)][h][0];
    const p = proveStorage(s, token, key);
    expect(hex(p.stateRoot)).toBe(hex(s.head().stateRoot));
    expect(hex(verifyStorageProof(p)!)).toBe(hex(mem.getStorage(token, key)!));
    const a = executeBlock({ state: s, block: header(h), txs: heightBlock(s, h), strict: true });
    const b = executeBlock({ state: mem, block: header(h), txs: heightBlock(mem, h), strict: true });
    expect(hex(a.stateRoot)).toBe(hex(b.stateRoot));
    await s.close();
  }
  const s = LmdbStore.open(dir, { verify: true });
  expect(s.head().height).toBe(6n);
  await s.close();
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
