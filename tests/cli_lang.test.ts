// The language features of the CLI: `run --trace` and the gas bounds of `compile`.
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli } from './helpers/cli_run.js';

const ROOT = resolve('.');

const vmpy = (args: string[], cwd: string) => runCli(args, cwd);

describe('vm-py CLI, language features', () => {
  test('run --trace prints each instruction with its source line, cost and gas left', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vmpy-trace-'));
    cpSync(join(ROOT, 'examples'), join(dir, 'examples'), { recursive: true });
    const r = vmpy(['run', '--manifest', 'examples/counter/manifest.json', '--call', 'inc', '--trace', '--json'], dir);
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    const receipt = JSON.parse(lines.pop()!);
    expect(lines.some((l) => /^inc@\d+ +\d+:\d+ +CALL_STD storage\.set_int .*\| storage\.set_int\(KEY, value\) +cost \d+ +gas \d+$/.test(l))).toBe(true);
    const last = lines[lines.length - 1];
    expect(last).toMatch(/RETURN/);
    expect(Number(/gas (\d+)$/.exec(last)![1])).toBe(1_000_000 - receipt.gasUsed - (receipt.refund ?? 0));
  });

  test('compile shows a gas bound per function', () => {
    const r = vmpy(['compile', join(ROOT, 'examples/counter/contract.py'), '--json'], ROOT);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out.trim().split('\n').pop()!);
    const get = j.functions.find((f: { name: string }) => f.name === 'get');
    expect(typeof get.gasBound).toBe('number');
    const human = vmpy(['compile', join(ROOT, 'examples/counter/contract.py')], ROOT);
    expect(human.out).toMatch(/get\(\) -> int +gas <= \d+ \+ entry/);
  });
});
