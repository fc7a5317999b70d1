// The differential suite's programs in both engines: every `# args:` case of tests/diff/*.py
// gives the same outcome (value or error kind, gas left, memory, failing instruction) in the
// compiling tier as in the interpreter, so the suite's agreement with CPython holds for both.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { compileForDiff, fromCanon, runOracle } from './helpers/diff.js';
import { compiledCount, runIn } from './helpers/engines.js';

const DIR = 'tests/diff';
const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.py') && f !== 'oracle.py')
  .map((f) => `${DIR}/${f}`);
const cases = runOracle(files);

describe('differential suite: compiling tier = interpreter', () => {
  for (const file of files) {
    test(file, () => {
      const mod = compileForDiff(readFileSync(file, 'utf8'), file);
      const failures: string[] = [];
      for (const c of cases.filter((x) => x.file === file)) {
        const fi = mod.funcs.findIndex((f) => f.name === c.fn);
        const args = c.args.map(fromCanon);
        const a = runIn('interp', mod, fi, args, 50_000_000);
        const b = runIn('jit', mod, fi, c.args.map(fromCanon), 50_000_000);
        // a dict's memory-walk stamp is bookkeeping of the run, not part of the outcome
        const view = (o: object): string => JSON.stringify(o).replace(/"walk":\d+/g, '');
        if (view(a) !== view(b)) failures.push(`${c.fn}#${c.case}: interp ${JSON.stringify(a)} jit ${JSON.stringify(b)}`);
      }
      expect(failures).toEqual([]);
      const cov = compiledCount(mod);
      expect(cov.compiled + cov.tooBig, `${file}: functions the tier compiled`).toBe(cov.total);
    });
  }
});
