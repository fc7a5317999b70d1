// Run the same call in the interpreter and in the compiling tier and say where they differ.
// Two levels: a whole call through executeCall (receipt bytes, error location, traceback),
// and one function on a bare Machine (value, gas left, memory count, failing function,
// offset and frames), which also reaches private functions and any gas limit.
import { encodeArgs } from '../../core/abi/codec.js';
import { defaultBlock, defaultTx } from '../../core/context.js';
import { engineMode, execute, jitFor, setEngineMode, type EngineMode } from '../../core/jit/engine.js';
import type { LoadedModule } from '../../core/load.js';
import { Machine } from '../../core/machine.js';
import { PyDict, PyTuple, type Value } from '../../core/values.js';
import { executeCall, type Receipt } from '../../node/execute.js';
import { encodeReceipt } from '../../node/receipt.js';
import { MemoryState } from '../../node/state.js';
import { OutOfGas, Revert, VmError } from '../../spec/errors.js';
import { DEFAULT_LIMITS, type Limits } from '../../spec/table.js';
import { STD_IMPLS } from '../../stdlib/index.js';
import { makeHost } from './stdcall.js';

export function withEngine<T>(mode: EngineMode, f: () => T): T {
  const was = setEngineMode(mode);
  try {
    return f();
  } finally {
    setEngineMode(was);
  }
}

/** A receipt as bytes plus what the bytes leave out (where it failed, the traceback). */
export function receiptView(r: Receipt): string {
  return JSON.stringify({
    bytes: Buffer.from(encodeReceipt(r)).toString('hex'),
    status: r.status,
    gasUsed: r.gasUsed,
    error: r.error,
  });
}

/** executeCall of `fn(args)` on a fresh state in `mode`. */
export function callIn(mode: EngineMode, mod: LoadedModule, fn: string, args: unknown[], gasLimit: number): Receipt {
  const ex = mod.byName.get(fn);
  if (!ex) throw new Error(`no public ${fn}`);
  const calldata = new Uint8Array([...ex.selector, ...encodeArgs(ex.params, args as never)]);
  return withEngine(mode, () => executeCall({ module: mod, calldata, gasLimit, tx: defaultTx(), block: defaultBlock(), state: new MemoryState() }));
}

function show(v: Value): unknown {
  if (typeof v === 'bigint') return `${v}n`;
  if (v instanceof Uint8Array) return `b:${Buffer.from(v).toString('hex')}`;
  if (Array.isArray(v)) return v.map(show);
  if (v instanceof PyTuple) return { t: v.items.map(show) };
  if (v instanceof PyDict) return { d: Array.from(v.map.values(), ([k, x]) => [show(k), show(x)]) };
  return v;
}

export interface MachineOutcome {
  status: string;
  value?: unknown;
  message?: string;
  gasLeft: number;
  mem: number;
  errFn: number;
  errPc: number;
  errFrames: number[] | null;
}

/** Function `fi` of `mod` on a bare machine with `gasLimit`, in `mode`. */
export function runIn(mode: EngineMode, mod: LoadedModule, fi: number, args: Value[], gasLimit: number, limits: Partial<Limits> = {}): MachineOutcome {
  const m = new Machine(mod, { ...DEFAULT_LIMITS, ...limits }, gasLimit, STD_IMPLS, makeHost());
  const done = (status: string, extra: object): MachineOutcome => ({
    status,
    ...extra,
    gasLeft: m.gas,
    mem: m.mem,
    errFn: m.errFn,
    errPc: m.errPc,
    errFrames: m.errFrames,
  });
  try {
    // arguments are copied: a call may change a list it was given
    const v = withEngine(mode, () =>
      execute(
        m,
        fi,
        args.map((a) => (Array.isArray(a) ? [...a] : a)),
      ),
    );
    return done('ok', { value: show(v) });
  } catch (e) {
    if (e instanceof OutOfGas) return done('OOG', {});
    if (e instanceof Revert) return done('REVERT', { message: Buffer.from(e.reason).toString('hex') });
    if (e instanceof VmError) return done(e.kind, { message: e.message });
    throw e;
  } finally {
    m.release();
  }
}

/** Every function of the module the tier compiled (a parity test must not pass by falling back). */
export function compiledCount(mod: LoadedModule): { compiled: number; total: number; tooBig: number } {
  const j = jitFor(mod);
  const fns = mod.funcs.map((_, fi) => j.get(fi));
  return { compiled: fns.filter((f) => f !== null).length, total: fns.length, tooBig: j.stats.tooBig };
}

/**
 * Gas limits to try for a call whose full cost is `full`: every one up to `every`, else
 * `samples` spread evenly plus both ends (and the limit one short of the full cost).
 */
export function gasLimits(full: number, every: number, samples: number): number[] {
  if (full <= every) return Array.from({ length: full + 2 }, (_, i) => i);
  const out = new Set<number>([0, 1, full - 1, full, full + 1]);
  for (let k = 0; k < samples; k++) out.add(Math.floor((full * k) / samples) + (k % 7));
  return [...out].filter((g) => g >= 0).sort((a, b) => a - b);
}

export { engineMode };
