// The compiling tier against the interpreter on the fuzzers' generated programs: expression
// programs (tests/helpers/exprgen.ts) and statement programs (tests/helpers/stmtgen.ts), each
// function with its three argument sets, at the full gas limit and at limits spread over
// its cost, compared on value, gas left, memory count, error kind and failing offsets.
// `npm test` runs fixed seeds; `npm run fuzz:jit` keeps going with new seeds for
// VMPY_FUZZ_SECONDS (default 120) and tries every gas limit of small calls.
import { describe, expect, test } from 'vitest';
import { run } from '../core/interpreter.js';
import type { LoadedModule } from '../core/load.js';
import { Machine } from '../core/machine.js';
import { PyTuple, type Value } from '../core/values.js';
import { DEFAULT_LIMITS } from '../spec/table.js';
import { STD_IMPLS } from '../stdlib/index.js';
import { compileForDiff } from './helpers/diff.js';
import { compiledCount, gasLimits, runIn } from './helpers/engines.js';
import { generateProgram } from './helpers/exprgen.js';
import { LONG } from './helpers/fuzz.js';
import { makeHost } from './helpers/stdcall.js';
import { generateStmtProgram } from './helpers/stmtgen.js';

/** The program with a function per `# args:` case that returns that case's arguments. */
function withArgFunctions(src: string): { src: string; cases: { fn: string; argsFn: string }[] } {
  const lines = src.split('\n');
  const extra: string[] = [];
  const cases: { fn: string; argsFn: string }[] = [];
  lines.forEach((l, i) => {
    if (!l.startsWith('# args:')) return;
    const fn = /^def (\w+)\(/.exec(lines[i + 1])?.[1];
    if (!fn) return;
    l.slice('# args:'.length)
      .split(' | ')
      .forEach((text, k) => {
        const argsFn = `_args_${fn}_${k}`;
        extra.push(`def ${argsFn}():`, `    return (${text.trim()},)`, '');
        cases.push({ fn, argsFn });
      });
  });
  return { src: `${src}\n${extra.join('\n')}`, cases };
}

function argsOf(mod: LoadedModule, argsFn: string): Value[] {
  const m = new Machine(mod, DEFAULT_LIMITS, 1e9, STD_IMPLS, makeHost());
  const t = run(
    m,
    mod.funcs.findIndex((f) => f.name === argsFn),
    [],
  );
  m.release();
  return (t as PyTuple).items;
}

/** One generated program through both engines; returns [calls compared, failures]. */
function compare(kind: 'expr' | 'stmt', seed: number, n: number, every: number, samples: number): [number, string[], number] {
  const gen = kind === 'expr' ? generateProgram(seed, n) : generateStmtProgram(seed, n);
  const { src, cases } = withArgFunctions(gen);
  const mod = compileForDiff(src, `jit_${kind}_${seed}.py`);
  const failures: string[] = [];
  let calls = 0;
  for (const c of cases) {
    const fi = mod.funcs.findIndex((f) => f.name === c.fn);
    const args = argsOf(mod, c.argsFn);
    const full = runIn('interp', mod, fi, args, 5_000_000);
    const cost = 5_000_000 - full.gasLeft;
    for (const g of [5_000_000, ...gasLimits(cost, every, samples)]) {
      const a = g === 5_000_000 ? full : runIn('interp', mod, fi, args, g);
      const b = runIn('jit', mod, fi, args, g);
      calls++;
      const ja = JSON.stringify(a);
      const jb = JSON.stringify(b);
      if (ja !== jb) {
        failures.push(`${kind} seed ${seed} ${c.fn} gas ${g}:\n interp ${ja}\n jit    ${jb}`);
        break;
      }
    }
  }
  const cov = compiledCount(mod);
  return [calls, failures, cov.compiled / cov.total];
}

describe('compiling tier on generated programs', () => {
  test('expression programs (fixed seed): same outcome at every sampled gas limit', () => {
    const [calls, failures, cov] = compare('expr', 20261207, 80, 150, 8);
    expect(failures.slice(0, 3)).toEqual([]);
    expect(calls).toBeGreaterThan(1000);
    expect(cov).toBeGreaterThan(0.8);
  });

  test('statement programs (fixed seed): same outcome at every sampled gas limit', () => {
    const [calls, failures, cov] = compare('stmt', 20261208, 30, 150, 8);
    expect(failures.slice(0, 3)).toEqual([]);
    expect(calls).toBeGreaterThan(1000);
    expect(cov).toBeGreaterThan(0.8);
  });

  const budget = Number(process.env.VMPY_FUZZ_SECONDS ?? 0);
  test.runIf(LONG)(
    `random seeds for ${budget} s, every gas limit of calls up to 1500 gas`,
    () => {
      const end = Date.now() + budget * 1000; // determinism-ok: test time budget only
      let seed = Number(process.env.VMPY_FUZZ_SEED ?? Date.now() % 1_000_000_007); // determinism-ok: test seed only
      process.stdout.write(`jit fuzz seed ${seed}\n`);
      let total = 0;
      let programs = 0;
      while (Date.now() < end) {
        for (const kind of ['expr', 'stmt'] as const) {
          const [calls, failures] = compare(kind, seed, 12, 1500, 40);
          expect(failures.slice(0, 3)).toEqual([]);
          total += calls;
          programs += 12;
        }
        seed++;
      }
      process.stdout.write(`jit fuzz: ${programs} generated functions' programs, ${total} calls compared\n`);
    },
    (budget + 600) * 1000,
  );
});
