// vm-py test: Python test files run by the VM with the `testing` host module. Checks the
// outcome of each fixture test, the traceback into the contract, shrinking, the gas report,
// the CLI's output and exit codes, and that contracts can never reach the testing module.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { compileSource } from '../compiler/index.js';
import { loadModule } from '../core/load.js';
import { TESTING_HOST } from '../testing/host.js';
import { gasReport, runTestFile } from '../testing/runner.js';

const FIX = 'tests/fixtures/testing';
const BIN = resolve('bin/vm-py.js');

function byName(file: string, opts = {}) {
  const r = runTestFile(join(FIX, file), opts);
  expect(r.error).toBeUndefined();
  return { r, t: Object.fromEntries(r.tests.map((t) => [t.name, t])) };
}

describe('vm-py test runner', () => {
  test('every capability of the testing module passes its fixture', () => {
    const { r } = byName('test_pass.py', { fuzzRuns: 30 });
    expect(r.tests.map((t) => [t.name, t.status, t.message])).toEqual(r.tests.map((t) => [t.name, 'pass', undefined]));
    expect(r.tests.length).toBe(8);
    for (const t of r.tests) expect(t.gas).toBeGreaterThan(0);
    expect(r.tests.find((t) => t.name === 'test_div_property')!.runs).toBe(30);
  });

  test('failures say what failed, with a traceback through the test into the contract', () => {
    const { t } = byName('test_fail.py', { fuzzRuns: 50 });
    expect(t.test_ok.status).toBe('pass');
    const call = t.test_call_fails_in_contract;
    expect(call.status).toBe('fail');
    expect(call.message).toBe('AssertionError: calc.div() failed: ZeroDivisionError: integer division or modulo by zero');
    expect(call.traceback!.map((f) => [f.function, f.file, f.line, f.source])).toEqual([
      ['test_call_fails_in_contract', `${FIX}/test_fail.py`, 13, 'testing.call(_calc(), "div", [1, 0])'],
      ['div', `${FIX}/calc.py`, 10, 'return a // b'],
    ]);
    expect(t.test_assert_message.message).toBe('AssertionError: get is not 6');
    expect(t.test_assert_eq.message).toBe('AssertionError: 5 != 6');
    expect(t.test_wrong_reason.message).toBe('AssertionError: expected calc.only_after() to revert with "too late", but it reverted with "too early"');
    expect(t.test_no_revert.message).toBe('AssertionError: expected calc.get() to revert, but it succeeded');
    expect(t.test_missing_event.message).toMatch(/expected calc.get\(\) to emit Added; it emitted: none/);
  });

  test('a property test is shrunk to the minimal failing case', () => {
    const { t } = byName('test_fail.py', { match: 'shrinks' });
    expect(Object.keys(t)).toEqual(['test_shrinks']);
    expect(t.test_shrinks.status).toBe('fail');
    expect(t.test_shrinks.counterexample).toEqual(['1000']);
    expect(t.test_shrinks.message).toBe('AssertionError: x too big');
  });

  test('the same seed gives the same runs and gas', () => {
    const a = byName('test_pass.py', { match: 'property', seed: 7, fuzzRuns: 20 }).r.tests[0];
    const b = byName('test_pass.py', { match: 'property', seed: 7, fuzzRuns: 20 }).r.tests[0];
    expect(a).toEqual(b);
  });

  test('gas report: min/mean/median/max per contract function', () => {
    const { r } = byName('test_fail.py', { match: 'test_ok' });
    const rows = gasReport(r.calls);
    expect(rows.map((x) => x.fn)).toEqual(['(deploy)', 'get']);
    const get = rows[1];
    expect(get.calls).toBe(1);
    expect(get.min).toBe(r.calls.find((c) => c.fn === 'get')!.gasUsed);
    expect([get.mean, get.median, get.max]).toEqual([get.min, get.min, get.min]);
    expect(gasReport([1, 5, 2, 9].map((g) => ({ contract: 'c', fn: 'f', gasUsed: g }) as never))[0]).toMatchObject({
      min: 1,
      mean: 4,
      median: 4,
      max: 9,
      calls: 4,
    });
  });

  test('contracts cannot import testing; test IR does not load without the host', () => {
    expect(() => compileSource('from stdlib import testing\n\ndef f() -> None:\n    testing.snapshot()\n')).toThrow(/stdlib has no 'testing'/);
    const c = compileSource('from stdlib import testing\n\ndef f() -> None:\n    testing.snapshot()\n', { host: TESTING_HOST });
    expect(() => loadModule(c.module)).toThrow(/unknown stdlib function/);
    expect(() => loadModule(c.module, undefined, TESTING_HOST)).not.toThrow();
  });

  test('a test file that does not compile is reported with its diagnostics', () => {
    const r = runTestFile(join(FIX, 'broken/test_broken.py'));
    expect(r.error?.message ?? '').toMatch(/testing.nope|stdlib has no/);
  });
});

describe('vm-py test (CLI)', () => {
  const run = (...args: string[]) => spawnSync(process.execPath, [BIN, 'test', ...args], { encoding: 'utf8' });

  test('passing suite (the tests of every example): one line per test with gas, exit 0', () => {
    const r = run('examples', '--fuzz-runs', '20');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/PASS test_init_mints_to_caller \(gas: \d+\)/);
    expect(r.stdout).toMatch(/PASS test_transfer_moves_exactly \(runs: 20, μ: \d+, ~: \d+\)/);
    expect(r.stdout).toMatch(/examples\/escrow\/test_escrow.py: 4 tests\n {2}PASS test_setup_holds_the_deposit/);
    // every `def test_` of every example's test files, counted from the files themselves
    const files = readdirSync('examples', { recursive: true, encoding: 'utf8' }).filter((f) => /(^|\/)test_[^/]*\.py$/.test(f));
    expect(files.length).toBeGreaterThanOrEqual(5);
    const tests = files.reduce((n, f) => n + (readFileSync(join('examples', f), 'utf8').match(/^def test_/gm) ?? []).length, 0);
    expect(r.stdout).toContain(`ok: ${tests} passed, 0 failed`);
    for (const f of files) expect(r.stdout).toContain(`examples/${f}: `);
  });

  test('failing suite: tracebacks, gas report, exit 1', () => {
    const r = run(join(FIX, 'test_fail.py'), '--gas-report', '--fuzz-runs', '20');
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('Traceback (most recent call last):');
    expect(r.stdout).toContain(`File "${FIX}/calc.py", line 10, col 12, in div`);
    expect(r.stdout).toMatch(/calc gas report\n\| function +\| +min \| +mean \| median \| +max \| calls \|/);
    expect(r.stdout).toMatch(/FAILED: 1 passed, 7 failed/);
  });

  test('--json: one object with every test', () => {
    const r = run(join(FIX, 'test_fail.py'), '--json', '-k', 'assert');
    expect(r.status).toBe(1);
    const j = JSON.parse(r.stdout.trim().split('\n').pop()!);
    expect(j.ok).toBe(false);
    expect(j.files[0].tests.map((t: { name: string; status: string }) => [t.name, t.status])).toEqual([
      ['test_assert_message', 'fail'],
      ['test_assert_eq', 'fail'],
    ]);
    expect(j.files[0].tests[0].traceback[0]).toMatchObject({ function: 'test_assert_message', line: 17 });
  });

  test('no test files is a usage error (exit 2)', () => {
    const r = run('spec');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/no test files/);
  });
});
