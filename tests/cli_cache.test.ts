// `vm-py run` caches compiled IR in <state dir>/cache/<key>.ir (cli/contract.ts). A warm run
// must not load the compiler (nor yargs), and a cache entry that is damaged, tampered with or
// belongs to other source is ignored and rewritten: output and exit codes are as without it.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { poisoned, privateCli } from './helpers/cli_copy.js';

const ROOT = resolve('.');
const M = 'examples/counter/manifest.json';
let pkg: string;

beforeAll(() => {
  pkg = privateCli();
});

function fresh(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vmpy-cache-'));
  cpSync(join(ROOT, 'examples'), join(dir, 'examples'), { recursive: true });
  return dir;
}

function vmpy(dir: string, args: string[]) {
  const r = spawnSync(process.execPath, [join(pkg, 'bin/vm-py.js'), ...args], { cwd: dir, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function entries(dir: string): string[] {
  const c = join(dir, '.vm-py/cache');
  return existsSync(c)
    ? readdirSync(c)
        .filter((f) => f.endsWith('.ir'))
        .map((f) => join(c, f))
    : [];
}

describe('IR cache', () => {
  test('a warm run loads neither the compiler nor yargs', () => {
    const dir = fresh();
    const cold = vmpy(dir, ['run', '-m', M, '-c', 'inc', '--json']);
    expect(cold.code, cold.err).toBe(0);
    expect(entries(dir)).toHaveLength(1);
    poisoned(pkg, ['compiler/index.ts', 'cli/yargs_cli.ts'], () => {
      const warm = vmpy(dir, ['run', '-m', M, '-c', 'inc', '--json']);
      expect(warm.code, warm.err).toBe(0);
      expect(JSON.parse(warm.out)).toMatchObject({ ok: true, return: 2 });
      // named arguments take their names from the IR's debug info
      const set = vmpy(dir, ['run', '-m', M, '-c', 'set', '-a', '{"n": 9}', '--json']);
      expect(set.code, set.err).toBe(0);
      expect(vmpy(dir, ['run', '-m', M, '-c', 'get']).out).toMatch(/get\(\) -> 9/);
      // without the cache entry the compiler is needed: the test above is not vacuous
      const other = vmpy(dir, ['run', '-m', M, '-c', 'get', '--state', 'elsewhere/state.json']);
      expect(other.code).not.toBe(0);
      expect(other.out + other.err).toMatch(/poisoned: compiler\/index\.ts was loaded/);
    });
    expect(vmpy(dir, ['run', '-m', M, '-c', 'get', '--state', 'elsewhere/state.json']).out).toMatch(/get\(\) -> 0/);
    expect(existsSync(join(dir, 'elsewhere/cache'))).toBe(true);
  });

  test('warm and cold runs print the same', () => {
    const a = fresh();
    const b = fresh();
    const calls = [
      ['-c', 'inc', '--json'],
      ['-c', 'set', '-a', '[4]'],
      ['-c', 'set', '-a', '{"n": 5}', '--trace'],
      ['-c', 'set', '-a', '[-1]', '--json'],
      ['-c', 'nope'],
      ['--calldata', '0xf1e030f0110a25e0'],
    ];
    vmpy(a, ['run', '-m', M, '-c', 'get']);
    vmpy(b, ['run', '-m', M, '-c', 'get']);
    expect(entries(a)).toHaveLength(1);
    for (const c of calls) {
      const warm = vmpy(a, ['run', '-m', M, ...c]);
      // b loses its cache entry before every run, so each run there compiles
      rmSync(join(b, '.vm-py/cache'), { recursive: true, force: true });
      const cold = vmpy(b, ['run', '-m', M, ...c]);
      expect(warm, c.join(' ')).toEqual(cold);
    }
    expect(readFileSync(join(a, '.vm-py/state.json'), 'utf8')).toBe(readFileSync(join(b, '.vm-py/state.json'), 'utf8'));
  });

  test('a damaged or tampered entry is ignored and rewritten', () => {
    const dir = fresh();
    const first = vmpy(dir, ['run', '-m', M, '-c', 'get', '--json']);
    expect(first.code).toBe(0);
    const [path] = entries(dir);
    const good = readFileSync(path);
    // IR of another contract with the same file name: valid IR, only the checksum stands in the way
    const evil = fresh();
    const src = join(evil, 'examples/counter/contract.py');
    writeFileSync(src, readFileSync(src, 'utf8').replace('return storage.get_int(KEY)', 'return 42'));
    expect(vmpy(evil, ['compile', 'examples/counter/contract.py', '--out', 'evil.ir']).code).toBe(0);
    const evilIr = readFileSync(join(evil, 'evil.ir'));
    const flip = (i: number) => {
      const b = Buffer.from(good);
      b[i] ^= 0x01;
      return b;
    };
    // magic (8), key text length (4), key text, checksum (8), IR
    const head = 8 + 4 + good.readUInt32BE(8) + 8;
    expect(good.subarray(12, head - 8).toString('utf8')).toContain(readFileSync(join(dir, 'examples/counter/contract.py'), 'utf8'));
    const damaged: [string, Buffer][] = [
      ['another contract under our checksum', Buffer.concat([good.subarray(0, head), evilIr])],
      ['a flipped bit in the IR', flip(good.length - 3)],
      ['a flipped bit in the checksum', flip(head - 3)],
      ['a flipped bit in the stored source', flip(head - 20)],
      ['a wrong key text length', flip(10)],
      ['a flipped bit in the magic', flip(0)],
      ['truncated', good.subarray(0, good.length - 5)],
      ['a trailing byte', Buffer.concat([good, Buffer.from([0])])],
      ['empty', Buffer.alloc(0)],
      ['garbage', Buffer.from('hello world')],
    ];
    for (const [why, bytes] of damaged) {
      writeFileSync(path, bytes);
      const r = vmpy(dir, ['run', '-m', M, '-c', 'get', '--json']);
      expect(r.code, why).toBe(0);
      expect(r.out, why).toBe(first.out);
      expect(readFileSync(path).equals(good), `${why}: rewritten`).toBe(true);
    }
  });

  test("another source's entry under this source's key is ignored", () => {
    const dir = fresh();
    vmpy(dir, ['run', '-m', M, '-c', 'get']);
    const [counterEntry] = entries(dir);
    const src = join(dir, 'examples/counter/contract.py');
    writeFileSync(src, readFileSync(src, 'utf8').replace('return storage.get_int(KEY)', 'return 42'));
    expect(vmpy(dir, ['run', '-m', M, '-c', 'get']).out).toMatch(/get\(\) -> 42/);
    const mine = entries(dir).find((p) => p !== counterEntry)!;
    const own = readFileSync(mine);
    writeFileSync(mine, readFileSync(counterEntry));
    expect(vmpy(dir, ['run', '-m', M, '-c', 'get']).out).toMatch(/get\(\) -> 42/);
    expect(readFileSync(mine).equals(own)).toBe(true);
  });

  test('a source with errors is diagnosed on every run and never cached', () => {
    const dir = fresh();
    const src = join(dir, 'examples/counter/contract.py');
    writeFileSync(src, readFileSync(src, 'utf8').replace('return storage.get_int(KEY)', 'return undefined_name'));
    const a = vmpy(dir, ['run', '-m', M, '-c', 'get']);
    const b = vmpy(dir, ['run', '-m', M, '-c', 'get']);
    expect(a.code).toBe(2);
    expect(a.err).toMatch(/undefined_name/);
    expect(b).toEqual(a);
    expect(entries(dir)).toHaveLength(0);
  });

  test('a manifest that disagrees with the code reads the same warm and cold', () => {
    const warm = fresh();
    const cold = fresh();
    vmpy(warm, ['run', '-m', M, '-c', 'get']);
    const bad = (dir: string) => {
      const m = JSON.parse(readFileSync(join(dir, M), 'utf8'));
      m.abi.functions[2].inputs[0].name = 'm';
      writeFileSync(join(dir, 'examples/counter/bad.json'), JSON.stringify(m));
      return vmpy(dir, ['run', '-m', 'examples/counter/bad.json', '-c', 'get']);
    };
    const w = bad(warm);
    const c = bad(cold);
    expect(w.code).toBe(2);
    expect(w.err).toMatch(/named m/);
    expect(w).toEqual(c);
  });
});
