// One measurement in a fresh process (so one workload's JIT feedback never shapes another's):
// warm up, then time `runs` calls. Prints one JSON line: {ms, result, gasUsed?} or {skip}.
import { setEngineMode } from '../core/jit/engine.js';
import { JS_WORKLOADS } from './js/workloads.js';
import { failure, prepare, resultOf } from './vmpy.js';
import { ALL_WORKLOADS, canonical } from './workloads.js';

export interface Measurement {
  ms?: number[];
  /** process CPU time (user + system) of each timed run, ms: steadier than wall time on a busy machine */
  cpu?: number[];
  result?: string;
  gasUsed?: number;
  /** why this engine cannot run the workload (yet) */
  skip?: string;
}

/**
 * Warm-up: calls until at least `warmups` calls and WARM_MS of calls have run (at most
 * MAX_WARM calls), the same rule as bench/py/run.py, so every engine is timed in its steady
 * state: V8 compiles the interpreter's hot function on a background thread during the first
 * calls, and a short workload would otherwise time that compile (bench/NOTES.md 4a).
 */
export const WARM_MS = 1000;
export const MAX_WARM = 100;

function timeRuns<T>(runs: number, warmups: number, f: () => T, check: (r: T) => void): { ms: number[]; cpu: number[]; last: T } {
  let last!: T;
  const ms: number[] = [];
  const cpu: number[] = [];
  let warmed = 0;
  let warmMs = 0;
  while (ms.length < runs) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    last = f();
    const t1 = process.hrtime.bigint();
    const c = process.cpuUsage(c0);
    check(last);
    const dt = Number(t1 - t0) / 1e6;
    if (warmed < warmups || (warmMs < WARM_MS && warmed < MAX_WARM)) {
      warmed++;
      warmMs += dt;
      continue;
    }
    ms.push(dt);
    cpu.push((c.user + c.system) / 1000);
  }
  return { ms, cpu, last };
}

export function measure(root: string, engine: string, id: string, runs: number, warmups: number): Measurement {
  const w = ALL_WORKLOADS.find((x) => x.id === id)!;
  if (engine === 'js') {
    if (!JS_WORKLOADS[id]) return { skip: 'no hand-written JS version' };
    const { ms, cpu, last } = timeRuns(
      runs,
      warmups,
      () => JS_WORKLOADS[id](w.n),
      () => {},
    );
    return { ms, cpu, result: canonical(last) };
  }
  // 'vmpy-jit': the compiling tier (compiles at the first call, which the warm-up times)
  setEngineMode(engine === 'vmpy-jit' ? 'jit' : 'interp');
  let p;
  try {
    p = prepare(`${root}/bench/workloads/${w.file}`, w.n);
  } catch (e) {
    return { skip: `does not compile: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}` };
  }
  const first = p.call();
  const why = failure(first);
  if (why) return { skip: why };
  // the checked first call above was the first warm-up (its time does not count toward WARM_MS)
  const { ms, cpu, last } = timeRuns(runs, Math.max(0, warmups - 1), p.call, (r) => {
    if (failure(r)) throw new Error(`${id}: a run failed after the warm-up succeeded: ${failure(r)}`);
  });
  if (last.gasUsed !== first.gasUsed) throw new Error(`${id}: gas differs between runs (${first.gasUsed} vs ${last.gasUsed})`);
  return { ms, cpu, result: resultOf(last), gasUsed: last.gasUsed };
}
