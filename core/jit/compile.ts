// A loaded module compiled to JavaScript, one function at a time. A function is compiled
// only when the tier models every opcode in it and every function it calls is compiled
// too (a call never crosses from compiled code into the interpreter), so any opcode the
// tier does not know, today's or one added later, leaves its callers to the interpreter.
import { Op } from '../../spec/table.js';
import type { LoadedModule } from '../load.js';
import type { Machine } from '../machine.js';
import type { Value } from '../values.js';
import { buildCfg } from './cfg.js';
import { genFunction, type FuncInfo } from './codegen.js';
import { BUILTINS, HELPERS, METHODS } from './runtime.js';

/** A compiled function: runs function fi's frame at `bp` (its arguments already on the stack). */
export type CompiledFn = (m: Machine, bp: number, depth: number) => Value;

export interface JitModule {
  /** per function: compiled, or null (runs in the interpreter) */
  fns: (CompiledFn | null)[];
  /** milliseconds spent generating and evaluating the code (for measurement, never consensus) */
  compileMs: number;
  /** JavaScript characters generated */
  sourceChars: number;
}

export function compileModule(mod: LoadedModule, stdArity: Int32Array, now: () => number = () => 0): JitModule {
  const t0 = now();
  const info: FuncInfo[] = mod.funcs.map((f) => ({ nparams: f.nparams, nlocals: f.nlocals, maxStack: f.maxStack }));
  const nparamsOf = (f: number): number => (f >= 0 && f < info.length ? info[f].nparams : -1);
  const bodies: (string | null)[] = mod.funcs.map((f, fi) => {
    let cfg;
    try {
      cfg = buildCfg(f, nparamsOf, stdArity);
    } catch {
      // a shape the tier does not model (verified code never has one): the interpreter runs it
      cfg = null;
    }
    return cfg ? genFunction(mod, fi, cfg, info, stdArity) : null;
  });
  // callees: a function is compiled only if everything it calls is
  const calls: number[][] = mod.funcs.map((f) => {
    const out: number[] = [];
    for (const o of f.offsets) if (f.code[o] === Op.CALL) out.push(f.code[o + 1]);
    return out;
  });
  let changed = true;
  while (changed) {
    changed = false;
    calls.forEach((cs, fi) => {
      if (bodies[fi] !== null && cs.some((c) => bodies[c] === null || bodies[c] === undefined)) {
        bodies[fi] = null;
        changed = true;
      }
    });
  }
  const parts: string[] = ['const BUILTINS = H.BUILTINS; const METHODS = H.METHODS;'];
  bodies.forEach((b, fi) => {
    if (b !== null) parts.push(`F[${fi}] = function f${fi}(m, bp, depth) {\n${b}\n};`);
  });
  const src = parts.join('\n');
  const fns: (CompiledFn | null)[] = mod.funcs.map(() => null);
  // eslint-disable-next-line no-new-func
  const factory = new Function('H', 'K', 'F', src) as (h: unknown, k: readonly Value[], f: (CompiledFn | null)[]) => void;
  factory({ ...HELPERS, BUILTINS, METHODS }, mod.consts, fns);
  return { fns, compileMs: now() - t0, sourceChars: src.length };
}
