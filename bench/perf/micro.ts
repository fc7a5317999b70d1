// Interpreter micro-benchmark: compile each workload, run it metered through executeCall
// after warm-up, and time CPython on the same source. Median of RUNS.
//   node bench/perf/run.mjs [filter]
import { execFileSync } from 'node:child_process';
import { compileSource } from '../../compiler/index.js';
import { encodeArgs } from '../../core/abi/codec.js';
import { defaultBlock, defaultTx } from '../../core/context.js';
import { executeCall } from '../../node/execute.js';
import { loadModule } from '../../core/load.js';
import { MemoryState } from '../../node/state.js';
import { WORKLOADS } from './workloads.js';

const RUNS = Number(process.env.RUNS ?? 5);
const filter = process.argv[2];
const noPy = process.env.NOPY === '1';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

const PY = `
import sys, time
src = sys.stdin.read()
fn, n, runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
g = {}
exec(compile(src, 'w.py', 'exec'), g)
f = g[fn]
ts = []
r = None
for _ in range(runs):
    t = time.process_time()
    r = f(n)
    ts.append((time.process_time() - t) * 1000)
ts.sort()
print(ts[len(ts) // 2] if sys.argv[4] == "median" else ts[0], r)
`;

const rows: string[] = [];
for (const w of WORKLOADS) {
  if (filter && !w.name.includes(filter) && w.fn !== filter) continue;
  const mod = loadModule(compileSource(w.src).module);
  const ex = mod.byName.get(w.fn)!;
  const call = (n: number) => {
    const calldata = new Uint8Array([...ex.selector, ...encodeArgs(ex.params, [BigInt(n)] as never)]);
    return executeCall({
      module: mod,
      calldata,
      gasLimit: Number(process.env.GAS ?? Number.MAX_SAFE_INTEGER),
      tx: defaultTx(),
      block: defaultBlock(),
      state: new MemoryState(),
    });
  };
  // warm-up
  for (let i = 0; i < 3; i++) call(Math.max(1, w.n >> 3));
  const ts: number[] = [];
  let r = call(1);
  for (let i = 0; i < RUNS; i++) {
    // CPU time, not wall time: the machine is shared and heavily loaded
    const t = process.cpuUsage();
    r = call(w.n);
    const d = process.cpuUsage(t);
    ts.push((d.user + d.system) / 1000);
  }
  if (r.status !== 'SUCCESS') throw new Error(`${w.name}: ${r.status} ${JSON.stringify(r.error)}`);
  const vm = process.env.STAT === 'median' ? median(ts) : Math.min(...ts);
  let py = NaN;
  let pyRes = '';
  if (!noPy) {
    const out = execFileSync('python3', ['-c', PY, w.fn, String(w.n), String(RUNS), process.env.STAT ?? 'min'], { input: w.src })
      .toString()
      .trim()
      .split(' ');
    py = Number(out[0]);
    pyRes = out[1];
    if (pyRes !== String(r.returnValue)) throw new Error(`${w.name}: result mismatch vm=${r.returnValue} py=${pyRes}`);
  }
  rows.push(
    `| ${w.name.padEnd(26)} | ${vm.toFixed(1).padStart(8)} | ${py.toFixed(1).padStart(8)} | ${(vm / py).toFixed(2).padStart(5)} | ${String(r.gasUsed).padStart(12)} |`,
  );
  console.log(rows[rows.length - 1]);
}
console.log(`\n| workload                   |    vm ms |    py ms | vm/py |     gasUsed |\n|---|---|---|---|---|\n${rows.join('\n')}`);
