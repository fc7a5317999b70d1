// Integers in JSON beyond 2**53 are read exactly (lossless-json), in --args and in the JSON
// helpers, instead of being refused or rounded by JSON.parse.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { jsonToArgs, parseJsonExact } from '../node/abi/json.js';

test('parseJsonExact keeps every digit and the safe range as numbers', () => {
  const v = parseJsonExact('[18446744073709551615, -9007199254740993, 9007199254740991, 1.5, {"__proto__": 2}]') as unknown[];
  expect(v[0]).toBe(18446744073709551615n);
  expect(v[1]).toBe(-9007199254740993n);
  expect(v[2]).toBe(9007199254740991);
  expect(v[3]).toBe(1.5);
  expect(Object.getPrototypeOf(v[4])).toBe(Object.prototype);
  expect(Object.keys(v[4] as object)).toEqual(['__proto__']);
  expect(() => parseJsonExact('[1,')).toThrow();
  expect(() => parseJsonExact(`[${'9'.repeat(5000)}]`)).toThrow(/too long/);
});

test('jsonToArgs takes the exact integers; floats and out-of-range values are still refused', () => {
  expect(jsonToArgs(['int'], parseJsonExact('[18446744073709551615]'))).toEqual([18446744073709551615n]);
  expect(jsonToArgs(['u64'], parseJsonExact('[18446744073709551615]'))).toEqual([18446744073709551615n]);
  expect(() => jsonToArgs(['u64'], parseJsonExact('[18446744073709551616]'))).toThrow(/out of range/);
  expect(() => jsonToArgs(['int'], parseJsonExact('[1.5]'))).toThrow(/expected int/);
});

test('any integer up to 4096 bits survives JSON text exactly, alone or nested, as number or bigint', () => {
  const int = fc.oneof(
    fc.bigInt({ min: -(1n << 4095n), max: (1n << 4095n) - 1n }),
    fc.bigInt({ min: -(1n << 60n), max: 1n << 60n }),
    fc.constantFrom(2n ** 53n, 2n ** 53n + 1n, -(2n ** 53n) - 1n, 2n ** 64n - 1n),
  );
  fc.assert(
    fc.property(fc.array(int, { maxLength: 4 }), int, (xs, x) => {
      const text = `[${x}, [${xs.join(', ')}]]`;
      const [a, l] = jsonToArgs(['int', 'list<int>'], parseJsonExact(text)) as [number | bigint, (number | bigint)[]];
      expect(BigInt(a)).toBe(x);
      expect(l.map((v) => BigInt(v))).toEqual(xs);
      // normalized as the VM holds ints: a number exactly when it is safe
      expect(typeof a === 'number').toBe(x >= -(2n ** 53n - 1n) && x <= 2n ** 53n - 1n);
    }),
    { numRuns: 300, seed: 20261207 },
  );
});

test('vm-py run --args reads a 64-bit integer exactly', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vmpy-json-'));
  cpSync(resolve('examples'), join(dir, 'examples'), { recursive: true });
  const bin = resolve('bin/vm-py.js');
  const run = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8' });
  const state = join(dir, 's.json');
  const m = 'examples/counter/manifest.json';
  const set = run(['run', '-m', m, '-c', 'set', '--args', '[18446744073709551615]', '--state', state]);
  expect(set.status, set.stderr + set.stdout).toBe(0);
  const got = run(['run', '-m', m, '-c', 'get', '--state', state, '--json']);
  const last = got.stdout.trim().split('\n').pop()!;
  // the receipt prints big ints as decimal strings
  expect(JSON.parse(last).return).toBe('18446744073709551615');
});
