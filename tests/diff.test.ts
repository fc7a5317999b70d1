// Differential suite: every `# args:` case of the functions in tests/diff/*.py runs under
// CPython (the oracle) and under vm-py; results must render to the same canonical JSON, and
// where CPython raises, vm-py must fail with the same exception kind.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { callVm, compileForDiff, disagreement, fromCanon, runOracle, type OracleCase } from './helpers/diff.js';
import type { LoadedModule } from '../core/load.js';

const DIR = 'tests/diff';
// VMPY_DIFF_ONLY=name1,name2 runs only those files (while writing new programs)
const only = process.env.VMPY_DIFF_ONLY?.split(',');
const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.py') && f !== 'oracle.py' && (!only || only.some((o) => f.startsWith(o))))
  .map((f) => `${DIR}/${f}`);
const cases = runOracle(files);
const byFile = new Map<string, OracleCase[]>();
for (const c of cases) byFile.set(c.file, [...(byFile.get(c.file) ?? []), c]);

describe('differential suite against CPython', () => {
  test.skipIf(only !== undefined)('the suite is large enough', () => {
    const fns = new Set(cases.map((c) => `${c.file}:${c.fn}`));
    expect(fns.size).toBeGreaterThanOrEqual(150);
    expect(cases.some((c) => c.raise)).toBe(true);
  });

  for (const file of files) {
    test(file, () => {
      const mod: LoadedModule = compileForDiff(readFileSync(file, 'utf8'), file);
      const failures: string[] = [];
      for (const c of byFile.get(file) ?? []) {
        const got = callVm(mod, c.fn, c.args.map(fromCanon));
        const where = `${c.fn}#${c.case} (line ${c.line}) args=${JSON.stringify(c.args)}`;
        if (c.raise === 'slow') failures.push(`${where}: CPython took too long; keep suite functions small`);
        else if (c.fn.startsWith('_cap_')) {
          // CPython has no caps: vm-py must refuse with a cap error where CPython computes
          if (got.raise !== 'OverflowError' && got.raise !== 'MemoryError') failures.push(`${where}: expected a cap error, got ${JSON.stringify(got)}`);
        } else {
          const d = disagreement(where, c, got);
          if (d) failures.push(d);
        }
      }
      expect(failures).toEqual([]);
    });
  }
});
