// docs/adapter.md's example runs verbatim (importing the package by its own name) and
// prints what the page says it prints.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from 'vitest';

test('the adapter example in docs/adapter.md runs', () => {
  const doc = readFileSync('docs/adapter.md', 'utf8');
  const block = /```js\n\/\/ adapter-example\n([\s\S]*?)```/.exec(doc);
  expect(block, 'docs/adapter.md has a ```js block starting with // adapter-example').not.toBeNull();
  // inside the package directory, so `from 'vm-py'` resolves through package.json "exports"
  mkdirSync('.tmp', { recursive: true });
  const file = resolve('.tmp/adapter-example.mjs');
  writeFileSync(file, block![1]);
  const r = spawnSync(process.execPath, [file], { encoding: 'utf8', cwd: resolve('.') });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const lines = r.stdout.trim().split('\n');
  expect(lines[0]).toMatch(/^deploy SUCCESS gas \d+ address [0-9a-f]{64}$/);
  expect(lines[1]).toMatch(/^inc SUCCESS 1 gas 3381 logs 1$/);
  expect(lines[2]).toBe('set SUCCESS get 41 return 52');
  expect(lines[3]).toBe('revert REVERT counter: negative value');
  expect(lines[4]).toMatch(/^receipt \d+ bytes, hash [0-9a-f]{64}$/);
});
