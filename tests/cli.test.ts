// The CLI as a user meets it: the README quickstart verbatim, exit codes, one-line errors
// and no stack traces.
import { mkdtempSync, readFileSync, writeFileSync, existsSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { runCli } from './helpers/cli_run.js';

const ROOT = resolve('.');
let dir: string;

const vmpy = (args: string[], cwd = dir) => runCli(args, cwd);

function lastJson(out: string) {
  const lines = out.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vmpy-cli-'));
  cpSync(join(ROOT, 'examples'), join(dir, 'examples'), { recursive: true });
});

describe('README quickstart', () => {
  test('runs verbatim', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const block = /```sh\n# quickstart\n([\s\S]*?)```/.exec(readme);
    expect(block, 'README has a ```sh block starting with "# quickstart"').not.toBeNull();
    const cmds = block![1].split('\n').filter((l) => l.startsWith('npx vm-py '));
    expect(cmds.length).toBeGreaterThanOrEqual(5);
    let last = '';
    for (const c of cmds) {
      const r = vmpy(
        c
          .replace(/^npx vm-py /, '')
          .match(/'[^']*'|\S+/g)!
          .map((s) => s.replace(/^'|'$/g, '')),
      );
      expect(r.code, `${c}\n${r.err}`).toBe(0);
      last = r.out;
    }
    // the quickstart ends with `run --call get` after two `inc`
    expect(last).toMatch(/get\(\) -> 2/);
  });
});

describe('run', () => {
  test('--json prints one object on the last line, and state persists', () => {
    const state = join(dir, 's1.json');
    const m = 'examples/counter/manifest.json';
    expect(lastJson(vmpy(['run', '--manifest', m, '--call', 'inc', '--state', state, '--json']).out)).toMatchObject({
      ok: true,
      status: 'SUCCESS',
      return: 1,
      events: [{ name: 'Inc', args: { value: 1 } }],
    });
    const r = lastJson(vmpy(['run', '--manifest', m, '--call', 'get', '--state', state, '--json']).out);
    expect(r).toMatchObject({ ok: true, status: 'SUCCESS', return: 1, events: [] });
    expect(r.gasUsed).toBeGreaterThanOrEqual(600);
  });

  test('a revert exits 1 and leaves the state file untouched', () => {
    const state = join(dir, 's2.json');
    const m = 'examples/counter/manifest.json';
    vmpy(['run', '-m', m, '-c', 'set', '--args', '[7]', '--state', state]);
    const before = readFileSync(state, 'utf8');
    const r = vmpy(['run', '-m', m, '-c', 'set', '--args', '[-1]', '--state', state, '--json']);
    expect(r.code).toBe(1);
    expect(lastJson(r.out)).toMatchObject({ ok: false, status: 'REVERT' });
    expect(lastJson(r.out).error.message).toMatch(/negative/);
    expect(readFileSync(state, 'utf8')).toBe(before);
  });

  test('out of gas exits 1', () => {
    const r = vmpy(['run', '-m', 'examples/counter/manifest.json', '-c', 'inc', '--gas-limit', '500', '--state', join(dir, 's3.json'), '--json']);
    expect(r.code).toBe(1);
    expect(lastJson(r.out)).toMatchObject({ ok: false, status: 'OOG', gasUsed: 500 });
    expect(existsSync(join(dir, 's3.json'))).toBe(false);
  });

  test('bad input exits 2 with one line and no stack trace', () => {
    const cases: string[][] = [
      ['run', '-m', 'examples/counter/manifest.json', '-c', 'nope'],
      ['run', '-m', 'examples/counter/manifest.json', '-c', 'set', '--args', '["abc"]'],
      ['run', '-m', 'examples/counter/manifest.json', '-c', 'set', '--args', 'not json'],
      ['run', '-m', 'missing.json', '-c', 'get'],
      ['inspect-ir', 'examples/counter/contract.py'],
      ['compile', 'nothing.py'],
      ['frobnicate'],
    ];
    for (const c of cases) {
      const r = vmpy(c);
      expect(r.code, c.join(' ')).toBe(2);
      expect(r.err.trim().split('\n').length, c.join(' ') + '\n' + r.err).toBe(1);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
  });

  test('a corrupt state file is refused and not overwritten', () => {
    const state = join(dir, 'bad.json');
    writeFileSync(state, '{"format": "vm-py-state/1", "storage": ');
    const r = vmpy(['run', '-m', 'examples/counter/manifest.json', '-c', 'inc', '--state', state]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/state file/);
    expect(readFileSync(state, 'utf8')).toBe('{"format": "vm-py-state/1", "storage": ');
  });

  test('compile errors show file:line:col, code, the line and a caret', () => {
    writeFileSync(join(dir, 'bad.py'), 'from os import urandom\n\ndef f() -> int:\n    return 1.5\n');
    const r = vmpy(['compile', 'bad.py']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('bad.py:1:1: E-IMPORT');
    expect(r.err).toContain('bad.py:4:12: E-FLOAT');
    expect(r.err).toMatch(/ {4}return 1\.5\n {4} {11}\^/);
    const j = lastJson(vmpy(['compile', 'bad.py', '--json']).out);
    expect(j.ok).toBe(false);
    expect(j.error.diagnostics.map((d: { code: string }) => d.code)).toEqual(['E-IMPORT', 'E-FLOAT']);
  });
});
