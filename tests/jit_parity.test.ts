// The compiling tier against the interpreter (the reference): the bench workloads and the
// golden vectors give byte-identical receipts in both engines, and a gas-limit sweep finds
// the same status, gas, error kind and failing instruction at every limit tried. A test
// fails if the tier did not compile the code under test (parity by falling back proves nothing).
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { compileSource } from '../compiler/index.js';
import { ENGINE_STATS } from '../core/jit/engine.js';
import { loadModule } from '../core/load.js';
import { replayVectorJson, sourceReader } from '../cli/vectors.js';
import { callIn, compiledCount, gasLimits, receiptView, runIn, withEngine } from './helpers/engines.js';

const DIR = 'bench/workloads';
const WORKLOADS = readdirSync(DIR)
  .filter((f) => f.endsWith('.py'))
  .sort();
const N = Number(process.env.VMPY_JIT_N ?? 4);
// every gas limit up to EVERY, else SAMPLES of them (a long run raises both)
const EVERY = Number(process.env.VMPY_JIT_EVERY ?? 2000);
const SAMPLES = Number(process.env.VMPY_JIT_SAMPLES ?? 60);
/** `npm run parity:jit` sweeps thousands of limits of the biggest workloads: minutes each on a loaded machine */
const SWEEP_TIMEOUT = 60_000 + 400 * SAMPLES;

describe('compiling tier: bench workloads', () => {
  for (const file of WORKLOADS) {
    test(
      `${file}: same receipts at n=${N} and at every sampled gas limit`,
      () => {
        const mod = loadModule(compileSource(readFileSync(`${DIR}/${file}`, 'utf8'), { file }).module);
        const cov = compiledCount(mod);
        // every function compiled (none past the size V8 optimizes since the tier stopped writing careful copies)
        expect(cov.compiled, `${file}: functions the tier compiled`).toBe(cov.total);
        const full = callIn('interp', mod, 'main', [BigInt(N)], 1e12);
        expect(full.status).toBe('SUCCESS');
        expect(receiptView(callIn('jit', mod, 'main', [BigInt(N)], 1e12))).toBe(receiptView(full));
        let oog = 0;
        for (const g of gasLimits(full.gasUsed + full.refund, EVERY, SAMPLES)) {
          const a = callIn('interp', mod, 'main', [BigInt(N)], g);
          const b = callIn('jit', mod, 'main', [BigInt(N)], g);
          if (a.status === 'OOG') oog++;
          expect(receiptView(b), `${file} at gas ${g}`).toBe(receiptView(a));
        }
        expect(oog).toBeGreaterThan(0);
      },
      SWEEP_TIMEOUT,
    );
  }

  test('machine level: gas left, memory count and failing offsets agree at every limit (W1, G1, G4, G2, G5, G6, G8)', () => {
    for (const file of ['w1_arith.py', 'g01_while.py', 'g04_calls.py', 'g02_dicts.py', 'g05_modarith.py', 'g06_sorting.py', 'g08_bytes.py']) {
      const mod = loadModule(compileSource(readFileSync(`${DIR}/${file}`, 'utf8'), { file }).module);
      const fi = mod.funcs.findIndex((f) => f.name === 'main');
      const full = runIn('interp', mod, fi, [3], 1e9);
      const cost = 1e9 - full.gasLeft;
      let oog = 0;
      for (let g = 0; g <= cost + 1; g++) {
        const a = runIn('interp', mod, fi, [3], g);
        if (a.status === 'OOG') oog++;
        expect(runIn('jit', mod, fi, [3], g), `${file} at gas ${g}`).toEqual(a);
      }
      expect(oog).toBe(cost);
    }
  });
});

describe('compiling tier: golden vectors', () => {
  test('calls.json replays clean with every call in the tier', () => {
    const read = sourceReader('spec/test_vectors/calls.json');
    const file = JSON.parse(readFileSync('spec/test_vectors/calls.json', 'utf8'));
    const before = ENGINE_STATS.compiled;
    const failed = withEngine('jit', () => replayVectorJson(file, read).filter((r) => !r.ok));
    expect(failed).toEqual([]);
    // the examples' calls ran compiled (the constructor and a few may not be)
    expect(ENGINE_STATS.compiled - before).toBeGreaterThan(50);
  });
});
