// run --trace shows what instructions produce and how locals change; run --gas-profile sums
// the gas per source line and per function, and the sums add up to the instructions' gas.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';

const ROOT = resolve('.');
const BIN = join(ROOT, 'bin/vm-py.js');

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'vmpy-prof-'));
  cpSync(join(ROOT, 'examples'), join(dir, 'examples'), { recursive: true });
  return (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8' });
}

describe('run --trace values and --gas-profile', () => {
  test('trace: results of instructions and locals as they change', () => {
    const vmpy = setup();
    const r = vmpy(['run', '-m', 'examples/counter/manifest.json', '--call', 'inc', '--trace']);
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    const add = lines.findIndex((l) => /^inc@\d+ .* ADD /.test(l));
    expect(lines[add + 1]).toBe('    => 1');
    // operands as people read them: a local's name, a constant's value
    const store = lines.findIndex((l) => /^inc@\d+ .* STORE l0 \(value\) /.test(l));
    expect(lines[store + 1]).toBe('    value = 1');
    expect(lines.some((l) => /^inc@\d+ .* CONST #\d+ \(b'counter'\) /.test(l))).toBe(true);
    // the source column starts at the same offset on every instruction line
    const cols = new Set(lines.filter((l) => /^inc@\d+ /.test(l)).map((l) => l.search(/\d+:\d+ /)));
    expect(cols.size).toBe(1);
    expect(lines.some((l) => l === '    => {"value": 1}')).toBe(true);
  });

  test('gas profile: per function and per line, highest first, summing to the instructions', () => {
    const vmpy = setup();
    const r = vmpy(['run', '-m', 'examples/token/manifest.json', '--call', 'init', '--args', '[1000]', '--gas-profile', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout.trim().split('\n').pop()!);
    const fns = j.gasProfile.functions as { name: string; gas: number; inclusive: number }[];
    const lines = j.gasProfile.lines as { line: number; gas: number }[];
    expect(fns.map((f) => f.name)).toEqual(['init', '_balance_key']);
    const total = fns.reduce((n, f) => n + f.gas, 0);
    expect(lines.reduce((n, l) => n + l.gas, 0)).toBe(total);
    expect(total).toBeLessThan(j.gasUsed);
    for (let i = 1; i < lines.length; i++) expect(lines[i - 1].gas).toBeGreaterThanOrEqual(lines[i].gas);
    // inclusive: the entry function's is everything; a helper's is its own (it calls nothing)
    expect(fns.map((f) => [f.name, f.inclusive])).toEqual([
      ['init', total],
      ['_balance_key', fns[1].gas],
    ]);
    // the same numbers with --trace: each instruction's cost, summed
    const t = vmpy(['run', '-m', 'examples/token/manifest.json', '--call', 'init', '--args', '[1000]', '--trace', '--state', 'other.json']);
    const traced = [...t.stdout.matchAll(/ cost (\d+) {2}gas \d+$/gm)].reduce((n, m) => n + Number(m[1]), 0);
    expect(traced).toBe(total);
    const human = vmpy(['run', '-m', 'examples/token/manifest.json', '--call', 'total_supply', '--gas-profile']);
    expect(human.stdout).toMatch(/gas by function \(own instructions; with the functions it calls\):\n +\d+ +100\.0% {2}total_supply/);
    expect(human.stdout).toMatch(/gas by source line:\n +\d+ +\d+\.\d% {2}examples\/token\/contract\.py:\d+ {2}return storage\.get_int\(K_SUPPLY\)/);
  });
});
