// The bench's general workloads (bench/workloads/g*.py) are also a correctness check: each
// one, at a small n, must return on vm-py (metered, through executeCall as the bench runs it)
// exactly what python3 returns for the same source. No timing here.
import { spawnSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { failure, prepare, resultOf } from '../bench/vmpy.js';
import { GENERAL, workloadPath } from '../bench/workloads.js';

const root = process.cwd();

// small enough for a few seconds in all, large enough to take every branch (G10's transfers
// fail and succeed, G5's numbers pass 2^53, G9 runs two chunks at 10,000 + 1)
const SMOKE_N: Record<string, number> = { G1: 3000, G2: 3000, G3: 400, G4: 3000, G5: 40, G6: 700, G7: 9, G8: 700, G9: 10_001, G10: 400 };

const PY = `
import importlib.util, sys
for path, n in zip(sys.argv[1::2], sys.argv[2::2]):
    spec = importlib.util.spec_from_file_location("contract", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    r = mod.main(int(n))
    print("0x" + r.hex() if isinstance(r, bytes) else str(r))
`;

function cpython(): string[] {
  const args = GENERAL.flatMap((w) => [workloadPath(root, w), String(SMOKE_N[w.id])]);
  const r = spawnSync('python3', ['-c', PY, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`python3 failed: ${r.stderr}`);
  return r.stdout.trim().split('\n');
}

describe('general bench workloads agree with CPython', () => {
  const expected = cpython();
  test('ten workloads, each with a smoke n', () => {
    expect(GENERAL.length).toBeGreaterThanOrEqual(10);
    expect(expected.length).toBe(GENERAL.length);
    for (const w of GENERAL) expect(SMOKE_N[w.id], w.id).toBeGreaterThan(0);
  });
  GENERAL.forEach((w, i) => {
    test(`${w.id} ${w.file}`, () => {
      const r = prepare(workloadPath(root, w), SMOKE_N[w.id]).call();
      expect(failure(r)).toBeNull();
      expect(resultOf(r)).toBe(expected[i]);
      expect(r.gasUsed).toBeGreaterThan(0);
    });
  });
});
