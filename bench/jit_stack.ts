// `node bench/run-ts.mjs bench/jit_stack.ts`: how much of the host's native (JS) stack a
// compiled frame takes, against an interpreted one. A chain of private calls nested
// `depth` deep ends in `abs(n)`, whose implementation is wrapped here to count how many
// frames of a small probe function still fit on the stack; the bytes a chain frame takes
// are the probe frames it displaced times the probe's frame size (calibrated from two
// processes with different --stack-size). Shapes: thin frames, frames with 20 locals, frames
// with a deep operand stack. Cold (first call) and warm (after V8 optimized the code).
// Measurement only: the tier's frame estimate (core/jit/frame_budget.ts) is checked against it.
import { spawnSync } from 'node:child_process';
import { compileSource } from '../compiler/index.js';
import { BUILTIN_IMPLS } from '../core/builtins.js';
import { execute, setEngineMode, ENGINE_STATS } from '../core/jit/engine.js';
import { loadModule } from '../core/load.js';
import { Machine } from '../core/machine.js';
import { BUILTIN_BY_NAME, DEFAULT_LIMITS } from '../spec/table.js';
import { STD_IMPLS } from '../stdlib/index.js';
import { CROSS, frameBytes } from '../core/jit/frame_budget.js';
import { JIT_PROBE } from '../core/jit/runtime.js';
import { jitFor } from '../core/jit/engine.js';

function probe(n: number): number {
  try {
    return probe(n + 1);
  } catch {
    return n;
  }
}
// warm the probe so its frame size does not change while measuring
for (let i = 0; i < 20; i++) probe(0);

const what = process.argv[3] ?? 'all';
const STACK_KB = 4000;

function chain(depth: number, shape: string): string {
  const out: string[] = [];
  for (let k = 0; k < depth; k++) {
    const callee = k + 1 < depth ? `_d${k + 1}(n)` : 'abs(n)';
    if (shape === 'thin') out.push(`def _d${k}(n: int) -> int:\n    return ${callee} + 1\n`);
    else if (shape === 'locals') {
      const ls = Array.from({ length: 20 }, (_, j) => `    v${j} = n + ${j}`).join('\n');
      const sum = Array.from({ length: 20 }, (_, j) => `v${j}`).join(' + ');
      out.push(`def _d${k}(n: int) -> int:\n${ls}\n    return ${callee} + ${sum}\n`);
    } else if (shape === 'big') {
      // a long body of varied statements around the call (24 locals, loops, containers, branches)
      const ls = Array.from({ length: 12 }, (_, j) => `    v${j} = n * ${j + 1} % 7`).join('\n');
      const body = Array.from(
        { length: 2 },
        (_, j) =>
          `    if v${j % 12} > ${j % 5}:\n        xs.append(v${(j + 3) % 12} // ${j + 1} + len(ys))\n    else:\n        ys = [v${j % 12}, v${(j + 1) % 12}, (v${(j + 2) % 12}, n)]\n    for i in range(2):\n        d[i + ${j}] = d.get(i, 0) + v${(j + 5) % 12}`,
      ).join('\n');
      out.push(`def _d${k}(n: int) -> int:\n    xs = []\n    ys = []\n    d = {}\n${ls}\n${body}\n    return ${callee} + len(xs) + len(d)\n`);
    } else {
      // a deep operand stack at the call: n + (n + (n + ... + callee))
      const open = Array.from({ length: 24 }, () => 'n + (').join('');
      out.push(`def _d${k}(n: int) -> int:\n    return ${open}${callee}${')'.repeat(24)}\n`);
    }
  }
  out.push('def main(n: int) -> int:\n    return _d0(n)\n');
  return out.join('\n');
}

/** two chain lengths: the frames between them are what is measured (big functions: a source under the size limit) */
const depths = (shape: string): [number, number] => (shape === 'big' ? [2, 12] : [8, 48]);

const absId = BUILTIN_BY_NAME.get('abs')!.id;
const orig = BUILTIN_IMPLS[absId];
let left = -1;
BUILTIN_IMPLS[absId] = (m, stack, sp, n) => {
  left = probe(0);
  return orig(m, stack, sp, n);
};

function measure(mode: 'interp' | 'jit', depth: number, shape: string, warm: boolean): { top: number; bottom: number; est: number } {
  const mod = loadModule(compileSource(chain(depth, shape)).module);
  const fi = mod.funcs.findIndex((f) => f.name === 'main');
  setEngineMode(mode);
  const one = (): number => {
    // as if inside a contract's call that handed over an unbounded budget: no frame falls back
    CROSS.active = 1;
    CROSS.left = 1 << 30;
    const m = new Machine(mod, { ...DEFAULT_LIMITS, max_stack: 16384 }, 1e9, STD_IMPLS, null as never);
    try {
      execute(m, fi, [7]);
    } finally {
      m.release();
      CROSS.active = 0;
    }
    return left;
  };
  const before = ENGINE_STATS.compiled;
  if (warm) for (let i = 0; i < 3000; i++) one();
  const bottom = one();
  if (mode === 'jit' && ENGINE_STATS.compiled === before) throw new Error(`nothing compiled: ${JSON.stringify(jitFor(mod).stats)}`);
  if (JIT_PROBE.fallbacks > 0) throw new Error('a call fell back to the interpreter');
  let est = 0;
  if (mode === 'jit') {
    const j = jitFor(mod);
    for (let k = 0; k < depth; k++)
      est = Math.max(
        est,
        frameBytes(
          j,
          mod.funcs.findIndex((f) => f.name === `_d${k}`),
        ),
      );
  }
  return { top: probe(0), bottom, est };
}

if (what === 'all') {
  // each measurement in a process of its own with a known stack: the probe frame is that stack over the probe frames it holds at the top
  process.stdout.write('| shape | engine | state | depth | bytes per chain frame | tier estimate |\n|---|---|---|---:|---:|---:|\n');
  for (const shape of ['thin', 'locals', 'operands', 'big']) {
    for (const warm of [false, true]) {
      for (const mode of ['interp', 'jit'] as const) {
        const r = spawnSync(process.execPath, [`--stack-size=${STACK_KB}`, process.argv[1], process.argv[2], 'one', mode, shape, warm ? '1' : '0'], {
          encoding: 'utf8',
        });
        if (r.status !== 0) throw new Error(r.stderr);
        const [d1, d2, est, top] = r.stdout.trim().split(' ').map(Number);
        const p = (STACK_KB * 1024) / top;
        const [lo, hi] = depths(shape);
        process.stdout.write(
          `| ${shape} | ${mode} | ${warm ? 'warm' : 'cold'} | ${hi} | ${(((d1 - d2) * p) / (hi - lo)).toFixed(0)} | ${mode === 'jit' ? est : ''} |\n`,
        );
      }
    }
  }
} else if (what === 'one') {
  const [, , , , mode, shape, warm] = process.argv;
  const [lo, hi] = depths(shape);
  const a = measure(mode as 'interp' | 'jit', lo, shape, warm === '1');
  const b = measure(mode as 'interp' | 'jit', hi, shape, warm === '1');
  process.stdout.write(`${a.bottom} ${b.bottom} ${b.est} ${b.top}\n`);
}
