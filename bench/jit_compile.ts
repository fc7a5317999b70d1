// `npm run bench:jit`: what compiling costs against what it saves, per workload. For each:
// the time to generate and evaluate the module's JavaScript, the first compiled call (V8
// compiles the generated function then) and steady calls in both engines at a small n, and
// the calls after which compiling has paid for itself. CPU time; report `uptime` beside it.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { compileSource } from '../compiler/index.js';
import { encodeArgs } from '../core/abi/codec.js';
import { defaultBlock, defaultTx } from '../core/context.js';
import { jitFor, setEngineMode } from '../core/jit/engine.js';
import { loadModule } from '../core/load.js';
import { executeCall } from '../node/execute.js';
import { MemoryState } from '../node/state.js';
import { ALL_WORKLOADS } from './workloads.js';

const root = process.argv[2];
const div = Number(process.argv[3] ?? 100); // n / div: a call of a few ms
// each workload in a process of its own (the interpreter's type feedback is per process)
const only = process.argv[4];
const cpuMs = (f: () => void): number => {
  const c = process.cpuUsage();
  f();
  const u = process.cpuUsage(c);
  return (u.user + u.system) / 1000;
};

const header: string[] = [
  '| workload | n | compile ms | JS chars | first tier call ms | interp call ms | tier call ms | speed-up | calls to repay |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
];
const rows: string[] = [];
for (const w of ALL_WORKLOADS) {
  if (only === undefined) {
    const r = spawnSync(process.execPath, [process.argv[1], root, String(div), w.id], { encoding: 'utf8' });
    rows.push(r.status === 0 ? r.stdout.trim() : `| ${w.id} | failed: ${r.stderr.trim().split('\n').pop()} |`);
    continue;
  }
  if (w.id !== only) continue;
  const n = Math.max(1, Math.floor(w.n / div));
  const src = readFileSync(`${root}/bench/workloads/${w.file}`, 'utf8');
  const mod = loadModule(compileSource(src, { file: w.file }).module);
  const ex = mod.byName.get('main')!;
  const calldata = new Uint8Array([...ex.selector, ...encodeArgs(ex.params, [BigInt(n)] as never)]);
  const call = () => executeCall({ module: mod, calldata, gasLimit: 1e15, tx: defaultTx(), block: defaultBlock(), state: new MemoryState() });
  const j = jitFor(mod);
  const compile = cpuMs(() => mod.funcs.forEach((_, fi) => j.get(fi)));
  setEngineMode('jit');
  const first = cpuMs(call);
  const steady = (mode: 'interp' | 'jit') => {
    setEngineMode(mode);
    for (let i = 0; i < 5; i++) call();
    const xs: number[] = [];
    for (let i = 0; i < 7; i++) xs.push(cpuMs(call));
    return xs.sort((a, b) => a - b)[3];
  };
  const ti = steady('interp');
  const tj = steady('jit');
  const cost = compile + Math.max(0, first - tj);
  const repay = ti > tj ? Math.ceil(cost / (ti - tj)) : Infinity;
  rows.push(
    `| ${w.id} | ${n} | ${compile.toFixed(2)} | ${j.stats.sourceChars} | ${first.toFixed(2)} | ${ti.toFixed(2)} | ${tj.toFixed(2)} | ${(ti / tj).toFixed(2)} | ${repay} |`,
  );
}
process.stdout.write(`${(only === undefined ? [...header, ...rows] : rows).join('\n')}\n`);
