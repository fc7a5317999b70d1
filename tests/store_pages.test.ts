// Garbage written over whole pages of an LMDB store's file, one page at a time: opening it
// with the full check and running a block gives the right root (the page was free) or a
// StoreError; never another error, and never a block written on damaged state. (LMDB trusts
// its B-tree pages: for a few layouts its own assertion aborts the process instead, before
// anything is committed; the test counts those and docs/host.md says so.)
import { spawnSync } from 'node:child_process';
import { closeSync, cpSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { LmdbStore } from '../host/store/lmdb_store.js';
import { executeBlock } from '../node/block/execute_block.js';
import { MemoryState } from '../node/state.js';
import { header, heightBlock, setupToken } from './helpers/chain.js';
import { bundleLmdbChild } from './helpers/lmdb_child_bundle.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

test('garbage over a page: the right root or E-STORE, nothing else', async () => {
  const pristine = mkdtempSync(join(tmpdir(), 'vmpy-pages-'));
  dirs.push(pristine);
  const s = LmdbStore.open(pristine);
  setupToken(s, 64);
  for (let h = 1; h <= 3; h++) executeBlock({ state: s, block: header(h), txs: heightBlock(s, h), strict: true });
  await s.close();
  const mem = new MemoryState();
  setupToken(mem, 64);
  for (let h = 1; h <= 4; h++) executeBlock({ state: mem, block: header(h), txs: heightBlock(mem, h), strict: true });
  const want = Buffer.from(executeBlock({ state: mem, block: header(5), txs: [] }).stateRoot).toString('hex');

  const bundle = await bundleLmdbChild('tests/helpers/store_page_child.ts', 'store-page-child');
  const pages = statSync(join(pristine, 'data.mdb')).size / 4096;
  const tally = { ok: 0, store: 0, aborted: 0 };
  // every ninth page from page 2 (0 and 1 are the meta pages, tested in store.test.ts)
  for (let page = 2; page < pages; page += 9) {
    const dir = mkdtempSync(join(tmpdir(), 'vmpy-pages-'));
    dirs.push(dir);
    cpSync(pristine, dir, { recursive: true });
    const fd = openSync(join(dir, 'data.mdb'), 'r+');
    writeSync(fd, Buffer.alloc(4096, (page * 37) & 255), 0, 4096, page * 4096);
    closeSync(fd);
    const r = spawnSync(process.execPath, [bundle, dir], { cwd: resolve('.'), encoding: 'utf8' });
    const line = r.stdout.trim();
    if (r.status !== 0 || line === '') {
      tally.aborted++;
      continue;
    }
    expect(line, `page ${page}`).not.toMatch(/^OTHER/);
    if (line.startsWith('ok ')) {
      expect(line, `page ${page}`).toBe(`ok ${want}`);
      tally.ok++;
    } else tally.store++;
  }
  expect(tally.store).toBeGreaterThan(0);
  expect(tally.ok).toBeGreaterThan(0);
  expect(tally.aborted).toBeLessThanOrEqual(tally.store);
  rmSync(bundle, { force: true });
}, 180_000);
