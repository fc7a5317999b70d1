// A loaded module compiled to JavaScript, one function at a time, when first needed. A
// function is compiled only when the tier models every opcode in it and every function it
// calls is compiled too (a call never crosses from compiled code into the interpreter), so
// any opcode the tier does not know, today's or one added later, leaves the function and
// its callers to the interpreter.
import { Op } from '../../spec/table.js';
import type { LoadedModule } from '../load.js';
import type { Machine } from '../machine.js';
import type { Value } from '../values.js';
import { buildCfg } from './cfg.js';
import { genFunction, type FuncInfo } from './codegen.js';
import { CROSS } from './frame_budget.js';
import { BUILTINS, HELPERS, METHODS } from './runtime.js';

/**
 * A compiled function: runs function fi's frame at `bp` (its arguments already on the
 * stack) at call depth `depth`, with `budget` bytes of native stack left for the compiled
 * frames it calls (core/jit/frame_budget.ts).
 */
export type CompiledFn = (m: Machine, bp: number, depth: number, budget: number) => Value;

export interface JitModule {
  /** function fi compiled (with everything it calls), or null: it runs in the interpreter */
  get(fi: number): CompiledFn | null;
  /** per function: native stack bytes one compiled frame of it may take (frame_budget.ts); 0 until compiled */
  frameBytes: Int32Array;
  /** what compiling has cost so far (for measurement only; never consensus) */
  stats: { functions: number; refused: number; tooBig: number; ms: number; sourceChars: number };
}

const H = { ...HELPERS, BUILTINS, METHODS };
/** generated characters per function past which V8 would not optimize it (measured on the bench workloads) */
const MAX_BODY = 64_000;

export function compileModule(mod: LoadedModule, stdArity: Int32Array, now: () => number = () => 0): JitModule {
  const info: FuncInfo[] = mod.funcs.map((f) => ({ nparams: f.nparams, nlocals: f.nlocals, maxStack: f.maxStack }));
  const nparamsOf = (f: number): number => (f >= 0 && f < info.length ? info[f].nparams : -1);
  // per function: undefined not tried, null refused, else compiled; F is what compiled calls read
  const F: (CompiledFn | null | undefined)[] = mod.funcs.map(() => undefined);
  const callees = (fi: number): number[] => {
    const f = mod.funcs[fi];
    const out: number[] = [];
    for (const o of f.offsets) if (f.code[o] === Op.CALL) out.push(f.code[o + 1]);
    return out;
  };
  const stats = { functions: 0, refused: 0, tooBig: 0, ms: 0, sourceChars: 0 };
  const frameBytes = new Int32Array(mod.funcs.length);

  const compileOne = (fi: number): CompiledFn | null => {
    let cfg;
    try {
      cfg = buildCfg(mod.funcs[fi], nparamsOf, stdArity);
    } catch {
      cfg = null; // a shape the tier does not model (verified code never has one)
    }
    let gen = cfg ? genFunction(mod, fi, cfg, info, stdArity) : null;
    // V8 optimizes only functions below a bytecode size: a big function is written without
    // copied blocks, and one still too big stays in the interpreter (which is then faster)
    if (cfg && gen !== null && gen.body.length > MAX_BODY) gen = genFunction(mod, fi, cfg, info, stdArity, false);
    if (gen !== null && gen.body.length > MAX_BODY) stats.tooBig++;
    if (gen === null || gen.body.length > MAX_BODY) return null;
    const body = gen.body;
    stats.sourceChars += body.length;
    frameBytes[fi] = gen.frame;
    let factory: (...a: unknown[]) => unknown;
    try {
      // a host that forbids evaluating code (a browser page's content security policy) keeps the interpreter
      factory = new Function(
        'H',
        'K',
        'F',
        'E',
        'CROSS',
        `'use strict'; const BUILTINS = H.BUILTINS; const METHODS = H.METHODS; const PyTuple = H.PyTuple;\nreturn function f${fi}(m, bp, depth, budget) {\n${body}\n};`,
      ) as (...a: unknown[]) => unknown;
    } catch (e) {
      if (e instanceof SyntaxError) throw e; // generated code that does not parse is a bug in the tier
      return null;
    }
    return factory(H, mod.consts, F, frameBytes, CROSS) as CompiledFn;
  };

  const get = (fi: number): CompiledFn | null => {
    if (F[fi] !== undefined) return F[fi];
    const t0 = now();
    // the functions reachable from fi by calls, each compiled once
    const seen = new Set<number>([fi]);
    const order = [fi];
    for (let k = 0; k < order.length; k++) {
      for (const c of callees(order[k])) {
        if (c >= 0 && c < F.length && !seen.has(c) && F[c] === undefined) {
          seen.add(c);
          order.push(c);
        }
      }
    }
    for (const g of order) {
      F[g] = compileOne(g);
      if (F[g] === null) stats.refused++;
      else stats.functions++;
    }
    // a function that calls a refused one is refused too, until nothing changes
    let changed = true;
    while (changed) {
      changed = false;
      for (const g of order) {
        if (F[g] !== null && callees(g).some((c) => F[c] === null || F[c] === undefined)) {
          F[g] = null;
          stats.functions--;
          stats.refused++;
          changed = true;
        }
      }
    }
    stats.ms += now() - t0;
    return F[fi]!;
  };
  return { get, frameBytes, stats };
}
