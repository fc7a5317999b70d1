// Which engine runs a call: the interpreter (the reference) or the compiling tier (spec/JIT.md). The
// choice never changes a result or a gas figure (tests/jit_*.test.ts hold the two to the
// same receipts), only speed. Modes: 'interp' always interprets; 'jit' compiles a module on
// its first call; 'auto' compiles a module once the interpreter has spent about what
// compiling it costs (below). The compiled module is cached on the loaded module, which
// node/code_cache.ts keeps per code hash.
import { VmError } from '../../spec/errors.js';
import { run, STD_ARITY } from '../interpreter.js';
import type { LoadedModule } from '../load.js';
import type { Machine } from '../machine.js';
import { memCheck } from '../memory.js';
import type { Value } from '../values.js';
import { compileModule, type CompiledFn, type JitModule } from './compile.js';
import { CROSS, JS_STACK_BUDGET } from './frame_budget.js';

/** native stack of the compiled entry (execute's and runCompiled's frames), charged with the first frame */
const ENTRY_BYTES = 512;

export type EngineMode = 'interp' | 'jit' | 'auto';

/**
 * 'auto' compiles a module at a call once its earlier calls, interpreted, used at least
 * JIT_GAS_PER_INSTR gas per IR instruction of the module: rent until the rent paid equals
 * the price of buying, which never costs more than twice the better choice made in
 * hindsight. Compiling and V8's first run of the generated code cost about 0.1-0.4 ms per IR
 * instruction, the interpreter runs 2-30 ns per gas on the bench workloads (bench:jit,
 * spec/JIT.md), so 25,000 gas per instruction is about the compile cost at 5 ns per gas.
 * Gas is counted here only to choose an engine; it is never consensus.
 */
export const JIT_GAS_PER_INSTR = 25_000;
/** ... and never before its second call (code run once does not pay for compiling). */
export const JIT_AFTER = 2;

/** The mode until setEngineMode (the CLI sets it from VMPY_ENGINE). */
export const DEFAULT_MODE: EngineMode = 'auto';

let mode: EngineMode = DEFAULT_MODE;

export function isEngineMode(v: unknown): v is EngineMode {
  return v === 'interp' || v === 'jit' || v === 'auto';
}

export function setEngineMode(m: EngineMode): EngineMode {
  const was = mode;
  mode = m;
  return was;
}

export function engineMode(): EngineMode {
  return mode;
}

/** Calls run by each engine since start (for tests and bench; never read by consensus code). */
export const ENGINE_STATS = { compiled: 0, interpreted: 0, modulesCompiled: 0 };

interface Entry {
  calls: number;
  /** gas the module's interpreted calls used so far, and what 'auto' waits for */
  gas: number;
  due: number;
  jit: JitModule | null;
}
const CACHE = new WeakMap<LoadedModule, Entry>();

/** The compiled module for `mod`, compiling it now if need be (tests and bench use this directly). */
export function jitFor(mod: LoadedModule): JitModule {
  const e = entry(mod);
  e.jit ??= compile(mod);
  return e.jit;
}

function entry(mod: LoadedModule): Entry {
  let e = CACHE.get(mod);
  if (!e) {
    let instrs = 0;
    for (const f of mod.funcs) instrs += f.offsets.length;
    CACHE.set(mod, (e = { calls: 0, gas: 0, due: JIT_GAS_PER_INSTR * instrs, jit: null }));
  }
  return e;
}

function compile(mod: LoadedModule): JitModule {
  const j = compileModule(mod, STD_ARITY);
  ENGINE_STATS.modulesCompiled++;
  return j;
}

/** Run function `fi` with `args` on machine `m` in the engine the mode picks. */
export function execute(m: Machine, fi: number, args: Value[]): Value {
  // a tracer sees every instruction (the interpreter's job); a tool's host modules bring their own arities
  if (mode === 'interp' || m.tracer !== null || m.stdArity !== null) return run(m, fi, args);
  const e = entry(m.mod);
  e.calls++;
  if (e.jit === null) {
    if (mode === 'jit' || (e.calls >= JIT_AFTER && e.gas >= e.due)) e.jit = compile(m.mod);
    else {
      ENGINE_STATS.interpreted++;
      const g0 = m.gas;
      try {
        return run(m, fi, args);
      } finally {
        e.gas += g0 - m.gas;
      }
    }
  }
  // (a call with fewer arguments than parameters leaves some unbound, which the tier assumes never happens)
  const f = args.length >= m.mod.funcs[fi].nparams ? e.jit?.get(fi) : null;
  if (f) {
    // the native stack compiled frames may still take: all of it in the transaction's own
    // call, else what the calling contract's frame handed over (frame_budget.ts)
    const outer = CROSS.active === 0 ? JS_STACK_BUDGET : CROSS.left;
    const budget = outer - ENTRY_BYTES - e.jit!.frameBytes[fi];
    if (budget >= 0) {
      ENGINE_STATS.compiled++;
      CROSS.active++;
      try {
        return runCompiled(m, fi, f, args, budget);
      } finally {
        CROSS.active--;
        CROSS.left = outer;
      }
    }
  }
  ENGINE_STATS.interpreted++;
  return run(m, fi, args);
}

/** The interpreter's entry (run()), then the compiled function in place of its loop. */
function runCompiled(m: Machine, fi: number, f: CompiledFn, args: Value[], budget: number): Value {
  const stack = m.stack;
  const fn = m.mod.funcs[fi];
  for (let i = 0; i < args.length; i++) stack[i] = args[i];
  for (let i = args.length; i < fn.nlocals; i++) stack[i] = undefined as unknown as Value;
  if (fn.nlocals + fn.maxStack > stack.length) throw new VmError('MemoryError', 'operand stack limit exceeded');
  memCheck(m, args.length, false);
  m.errFrames = null;
  try {
    return f(m, 0, 0, budget);
  } catch (e) {
    if (m.gas < 0) m.gas = 0;
    throw e;
  }
}
