// docs/blocks.md's example runs verbatim (importing the package by its own name) and prints
// what the page says it prints.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from 'vitest';

test('the blocks example in docs/blocks.md runs', () => {
  const doc = readFileSync('docs/blocks.md', 'utf8');
  const block = /```js\n\/\/ blocks-example\n([\s\S]*?)```/.exec(doc);
  expect(block, 'docs/blocks.md has a ```js block starting with // blocks-example').not.toBeNull();
  mkdirSync('.tmp', { recursive: true });
  const file = resolve('.tmp/blocks-example.mjs');
  writeFileSync(file, block![1]);
  const r = spawnSync(process.execPath, [file], { encoding: 'utf8', cwd: resolve('.') });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const lines = r.stdout.trim().split('\n');
  const m0 = /^tx 0 deploy SUCCESS gas (\d+) fee (\d+)$/.exec(lines[0]);
  const m1 = /^tx 1 call SUCCESS gas (\d+) fee (\d+)$/.exec(lines[1]);
  expect(m0 && m1).toBeTruthy();
  const fees = BigInt(m0![2]) + BigInt(m1![2]);
  expect(BigInt(m0![2])).toBe(2n * BigInt(m0![1]));
  expect(lines[2]).toBe(`alice ${10_000_000n - fees} nonce 2 coinbase ${fees}`);
  expect(lines[3]).toBe('rejected 0:NONCE_TOO_LOW 1:INSUFFICIENT_FUNDS');
  expect(lines[4]).toBe('proved counter = 1 root unchanged');
});
