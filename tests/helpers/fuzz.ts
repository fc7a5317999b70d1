// Fuzz budgets: short and seeded inside `npm test`; `npm run fuzz` sets VMPY_FUZZ_SECONDS
// for a long run with a fresh seed per run (printed, so a finding can be replayed).
import fc from 'fast-check';

const seconds = Number(process.env.VMPY_FUZZ_SECONDS ?? 0);
export const LONG = seconds > 0;

export function fuzzParams<T>(shortRuns: number): fc.Parameters<T> {
  if (!LONG) return { seed: 0x5eed, numRuns: shortRuns };
  const seed = Number(process.env.VMPY_FUZZ_SEED ?? Date.now() % 2 ** 31); // determinism-ok: test seed only
  process.stdout.write(`fuzz seed ${seed}, budget ${seconds}s\n`);
  return { seed, numRuns: Number.MAX_SAFE_INTEGER, interruptAfterTimeLimit: seconds * 1000, markInterruptAsFailure: false };
}
