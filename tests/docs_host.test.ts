// docs/host.md's example runs verbatim against the built package (vm-py and vm-py/host
// imported by name, as a user's program would) and prints what the page says it prints.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test } from 'vitest';

test('the host example in docs/host.md runs against the built package', () => {
  const doc = readFileSync('docs/host.md', 'utf8');
  const block = /```js\n\/\/ host-example\n([\s\S]*?)```/.exec(doc);
  expect(block, 'docs/host.md has a ```js block starting with // host-example').not.toBeNull();
  mkdirSync('.tmp', { recursive: true });
  const file = resolve('.tmp/host-example.mjs');
  writeFileSync(file, block![1]);
  const r = spawnSync(process.execPath, [file], { encoding: 'utf8', cwd: resolve('.') });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  expect(r.stdout.trim().split('\n')).toEqual([
    'reopened at block 1, proved counter = 1',
    'block 2 in parallel: SUCCESS SUCCESS, root equals serial: true',
    'vm_call get -> 3',
    'true E-STORE',
  ]);
  // the page says what it prints
  expect(doc).toContain('`vm_call get -> 3`');
});

test('vm-py/host ships declarations that type-check a consumer, and catch a misuse', () => {
  const check = (name: string, body: string) => {
    const dir = resolve(`.tmp/host-consumer-${name}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          module: 'nodenext',
          moduleResolution: 'nodenext',
          target: 'es2022',
          types: ['node'],
          typeRoots: [resolve('node_modules/@types')],
        },
        files: ['main.ts'],
      }),
    );
    writeFileSync(join(dir, 'main.ts'), body);
    return spawnSync(process.execPath, [resolve('node_modules/typescript/bin/tsc'), '-p', dir], { encoding: 'utf8' });
  };
  const head = `
    import { executeBlock, type BlockResult } from 'vm-py';
    import { LmdbStore, ParallelExecutor, PARALLEL_WORKER, type Head } from 'vm-py/host';
    const store = LmdbStore.open('/tmp/x');
  `;
  const ok = check(
    'ok',
    head +
      `
    const h: Head = store.head();
    const r: BlockResult = executeBlock({ state: store, block: { height: h.height + 1n, timestamp: 0n, chainId: 1n, coinbase: new Uint8Array(32), beacon: new Uint8Array(32), gasLimit: 1 }, txs: [] });
    void ParallelExecutor.start(store, 2, PARALLEL_WORKER).then((ex) => ex.close());
    void r;
  `,
  );
  expect(ok.stdout + ok.stderr).toBe('');
  const bad = check('bad', head + 'const n: number = store.head().height;\nvoid n;\n');
  expect(bad.status).not.toBe(0);
  expect(bad.stdout).toMatch(/main\.ts.*error TS2322/);
});
