// vm-py test [paths]: run test_*.py files (testing/runner.ts) and print one line per test
// with its gas (as pytest and `forge test` do), then each failure with its traceback through
// the test into the contract, and with --gas-report per-function gas. --json: one object.
// Exit 1 when any test fails or a test file does not compile.
import { readFileSync } from 'node:fs';
import type { Json } from '../node/abi/json.js';
import { formatTraceback } from '../testing/chain.js';
import { discover, gasReport, runTestFile, type FileResult, type GasRow, type TestOptions } from '../testing/runner.js';
import { Source } from '../validate/source.js';
import { EXIT_FAILED_CALL, EXIT_OK, UsageError } from './fail.js';
import { errorHuman } from './render.js';

export interface TestArgs extends TestOptions {
  paths: string[];
  json: boolean;
  gasReport: boolean;
}

export function testCommand(a: TestArgs, out: (s: string) => void): number {
  if (a.fuzzRuns !== undefined && (!Number.isSafeInteger(a.fuzzRuns) || a.fuzzRuns < 1))
    throw new UsageError(`--fuzz-runs must be a positive integer, got ${a.fuzzRuns}`);
  if (a.seed !== undefined && !Number.isSafeInteger(a.seed)) throw new UsageError(`--seed must be an integer, got ${a.seed}`);
  const files = discover(a.paths);
  if (files.length === 0) throw new UsageError(`no test files (test_*.py) under ${a.paths.join(', ') || '.'}`);
  const results: FileResult[] = [];
  for (const f of files) {
    const r = runTestFile(f, a);
    results.push(r);
    if (!a.json) out(fileLines(r));
  }
  const passed = results.reduce((n, r) => n + r.tests.filter((t) => t.status === 'pass').length, 0);
  const failed = results.reduce((n, r) => n + r.tests.filter((t) => t.status === 'fail').length, 0);
  const broken = results.filter((r) => r.error).length;
  const ok = failed === 0 && broken === 0;
  const rows = a.gasReport ? gasReport(results.flatMap((r) => r.calls)) : [];
  if (a.json) {
    out(JSON.stringify({ ok, passed, failed, errors: broken, files: results.map(fileJson), ...(a.gasReport ? { gasReport: rows as unknown as Json } : {}) }));
    return ok ? EXIT_OK : EXIT_FAILED_CALL;
  }
  const failures = results.flatMap((r) => r.tests.filter((t) => t.status === 'fail').map((t) => ({ file: r.file, t })));
  if (failures.length) {
    out('\nFailures:');
    for (const { file, t } of failures) {
      out(`\n--- ${t.name} (${file}) ---`);
      if (t.counterexample) out(`counterexample: ${t.name}(${t.counterexample.join(', ')})  [after ${t.shrinks ?? 0} shrinks]`);
      if (t.traceback?.length) out(formatTraceback(t.traceback));
      out(t.message ?? 'failed');
    }
  }
  if (a.gasReport) out('\n' + gasTable(rows));
  const parts = [`${passed} passed`, `${failed} failed`, ...(broken ? [`${broken} file${broken === 1 ? '' : 's'} did not compile`] : [])];
  out(`\n${ok ? 'ok' : 'FAILED'}: ${parts.join(', ')}`);
  return ok ? EXIT_OK : EXIT_FAILED_CALL;
}

function fileLines(r: FileResult): string {
  if (r.error) {
    let src: Source | undefined;
    try {
      src = new Source(readFileSync(r.file, 'utf8'), r.file);
    } catch {
      src = undefined;
    }
    return `${r.file}: does not compile\n${errorHuman(r.error, src)}`;
  }
  const lines = [`${r.file}: ${r.tests.length} test${r.tests.length === 1 ? '' : 's'}`];
  for (const t of r.tests) {
    const gas = t.runs !== undefined ? `(runs: ${t.runs}, μ: ${t.meanGas}, ~: ${t.gas})` : `(gas: ${t.gas})`;
    lines.push(`  ${t.status === 'pass' ? 'PASS' : 'FAIL'} ${t.name} ${gas}`);
  }
  return lines.join('\n');
}

function fileJson(r: FileResult): Json {
  if (r.error) return { file: r.file, error: r.error.toJSON() as Json, tests: [] };
  return {
    file: r.file,
    tests: r.tests.map((t) => {
      const o: Record<string, Json> = { name: t.name, status: t.status, gas: t.gas };
      if (t.runs !== undefined) Object.assign(o, { runs: t.runs, meanGas: t.meanGas ?? 0 });
      if (t.counterexample) Object.assign(o, { counterexample: t.counterexample, shrinks: t.shrinks ?? 0 });
      if (t.status === 'fail') Object.assign(o, { message: t.message ?? 'failed', traceback: (t.traceback ?? []) as unknown as Json });
      return o;
    }),
  };
}

/** forge's gas report: a table per contract, functions sorted by name. */
export function gasTable(rows: readonly GasRow[]): string {
  if (!rows.length) return 'gas report: no contract calls';
  const head = ['function', 'min', 'mean', 'median', 'max', 'calls'];
  const out: string[] = [];
  const contracts = [...new Set(rows.map((r) => r.contract))];
  for (const c of contracts) {
    const body = rows.filter((r) => r.contract === c).map((r) => [r.fn, r.min, r.mean, r.median, r.max, r.calls].map(String));
    const w = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
    const line = (cells: string[]) => '| ' + cells.map((x, i) => (i === 0 ? x.padEnd(w[i]) : x.padStart(w[i]))).join(' | ') + ' |';
    out.push(`${c} gas report`, line(head), '|' + w.map((n) => '-'.repeat(n + 2)).join('|') + '|', ...body.map(line), '');
  }
  return out.join('\n').trimEnd();
}
