// vm-py init and vm-py manifest: a scaffold whose test passes, and manifests read off the
// source that equal the hand-written ones, with located errors for what cannot be inferred.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';

const BIN = resolve('bin/vm-py.js');
const vmpy = (args: string[], cwd = process.cwd()) => spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });

describe('vm-py init', () => {
  test('scaffolds a contract, its manifest and a passing test; refuses to overwrite', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vmpy-init-'));
    const r = vmpy(['init', 'app'], dir);
    expect(r.status, r.stderr).toBe(0);
    const m = JSON.parse(readFileSync(join(dir, 'app/manifest.json'), 'utf8'));
    expect(m.name).toBe('app');
    expect(m.abi.functions.map((f: { name: string }) => f.name)).toEqual(['add', 'get', 'reset']);
    expect(m.abi.events).toEqual([
      {
        name: 'Added',
        inputs: [
          { name: 'by', type: 'bytes' },
          { name: 'amount', type: 'int' },
          { name: 'count', type: 'int' },
        ],
      },
    ]);
    const t = vmpy(['test', 'app', '--fuzz-runs', '10'], dir);
    expect(t.status, t.stdout + t.stderr).toBe(0);
    expect(t.stdout).toMatch(/ok: 5 passed, 0 failed/);
    const again = vmpy(['init', 'app'], dir);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/already exist.*--force/);
  });
});

describe('vm-py manifest', () => {
  for (const ex of ['token', 'counter', 'pq_registry']) {
    test(`examples/${ex}: the inferred ABI equals the hand-written manifest's`, () => {
      const r = vmpy(['manifest', `examples/${ex}/contract.py`, '-o', '-', '--json']);
      expect(r.status, r.stderr).toBe(0);
      const got = JSON.parse(r.stdout).manifest.abi;
      const want = JSON.parse(readFileSync(`examples/${ex}/manifest.json`, 'utf8')).abi;
      expect(got.functions).toEqual(want.functions);
      expect(got.events).toEqual(want.events ?? []);
    });
  }

  test('what cannot be inferred is an error at its location saying what to declare', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vmpy-manifest-'));
    const src = [
      'from stdlib import events, storage',
      '',
      'def f(x: int) -> dict:',
      '    v = storage.get(b"k")',
      '    events.emit(b"E", {"a": x, "b": v})',
      '    return {"x": x}',
      '',
    ].join('\n');
    writeFileSync(join(dir, 'c.py'), src);
    const r = vmpy(['manifest', 'c.py'], dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/c\.py:3:18: E-MANIFEST-INFER f\(\) returns a dict: .*declare them in the manifest/);
    expect(r.stderr).toMatch(/c\.py:5:37: E-MANIFEST-INFER event E field 'b': cannot infer its type.*"name": "E"/);
    // declarations in the existing manifest settle both; inferred parts are rewritten
    writeFileSync(
      join(dir, 'manifest.json'),
      JSON.stringify({
        name: 'c',
        version: '2.0.0',
        entry: 'c.py',
        abi: {
          functions: [{ name: 'f', inputs: [{ name: 'x', type: 'int' }], outputs: [{ name: 'x', type: 'int' }] }],
          events: [
            {
              name: 'E',
              inputs: [
                { name: 'a', type: 'int' },
                { name: 'b', type: 'bytes' },
              ],
            },
          ],
        },
      }),
    );
    const ok = vmpy(['manifest', 'c.py'], dir);
    expect(ok.status, ok.stderr).toBe(0);
    const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    expect(m.version).toBe('2.0.0');
    expect(m.abi.functions[0].outputs).toEqual([{ name: 'x', type: 'int' }]);
    expect(m.abi.events[0].inputs[1]).toEqual({ name: 'b', type: 'bytes' });
  });
});
