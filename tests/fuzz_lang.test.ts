// Random well-typed expression programs, compared with CPython like the differential suite.
// `npm test` runs a fixed seed; `npm run fuzz:lang` keeps generating batches with new seeds
// until VMPY_FUZZ_SECONDS (default 120) have passed. A failing batch prints its seed.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { callVm, compileForDiff, disagreement, fromCanon, runOracle } from './helpers/diff.js';
import { generateProgram } from './helpers/exprgen.js';
import { generateStmtProgram } from './helpers/stmtgen.js';

const dir = mkdtempSync(join(tmpdir(), 'vmpy-fuzz-'));

/** Run one batch; returns [failures, cases compared, cap refusals]. */
function batch(seed: number, n: number, kind: 'expr' | 'stmt' = 'expr'): [string[], number, number] {
  const src = kind === 'expr' ? generateProgram(seed, n) : generateStmtProgram(seed, n);
  const file = join(dir, `fuzz_${kind}_${seed}.py`);
  writeFileSync(file, src);
  const mod = compileForDiff(src, file);
  const failures: string[] = [];
  let caps = 0;
  const cases = runOracle([file]);
  for (const c of cases) {
    const got = callVm(mod, c.fn, c.args.map(fromCanon), 5_000_000);
    const where = `seed ${seed} ${c.fn} (line ${c.line}: ${src.split('\n')[c.line]?.trim()}) args=${JSON.stringify(c.args)}`;
    // vm-py refuses a result over its caps where CPython computes it, or fails its own way
    // (OverflowError for a range too long for a C ssize_t, MemoryError), or goes on and fails
    // later; and where CPython grinds on a huge int past the oracle's time limit, skip
    if (c.raise === 'slow' || (got.raise !== undefined && /exceeds the (\d+-bit )?limit/.test(got.message ?? ''))) {
      caps++;
      continue;
    }
    const d = disagreement(where, c, got);
    if (d) failures.push(d);
  }
  return [failures, cases.length, caps];
}

describe('expression fuzzing against CPython', () => {
  test('fixed seed, 200 programs', () => {
    const [failures, n, caps] = batch(20261125, 200);
    expect(failures).toEqual([]);
    expect(n).toBe(600);
    expect(caps).toBeLessThan(n / 20);
  });

  test('fixed seed, 100 statement programs', () => {
    const [failures, n, caps] = batch(20261126, 100, 'stmt');
    expect(failures).toEqual([]);
    expect(n).toBe(300);
    expect(caps).toBeLessThan(n / 20);
  });

  const budget = Number(process.env.VMPY_FUZZ_SECONDS ?? 0);
  test.runIf(budget > 0)(
    `random seeds for ${budget} s`,
    () => {
      const end = Date.now() + budget * 1000;
      let seed = Number(process.env.VMPY_FUZZ_SEED ?? Date.now() % 1_000_000_007);
      let total = 0;
      while (Date.now() < end) {
        for (const kind of ['expr', 'stmt'] as const) {
          const [failures, n] = batch(seed, kind === 'expr' ? 200 : 100, kind);
          expect(failures, `${kind} seed ${seed}`).toEqual([]);
          total += n;
        }
        seed++;
      }
      console.log(`fuzz:lang compared ${total} cases`);
    },
    budget * 1000 + 60_000,
  );
});
