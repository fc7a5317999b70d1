// `node bench/run-ts.mjs bench/jit_ir.ts <workload> <interp|jit> <calls> [div]`: runs a bench
// workload's main `calls` times (after 20 warm-up calls) at n / div in one engine and prints
// its gas. Under `valgrind --tool=cachegrind --cache-sim=no`, the instruction count of a run
// with 2k calls less that of one with k calls is what k steady calls cost: a count that does
// not move with the machine's load, for A/B comparisons of the tier.
import { readFileSync } from 'node:fs';
import { compileSource } from '../compiler/index.js';
import { encodeArgs } from '../core/abi/codec.js';
import { defaultBlock, defaultTx } from '../core/context.js';
import { setEngineMode } from '../core/jit/engine.js';
import { loadModule } from '../core/load.js';
import { executeCall } from '../node/execute.js';
import { MemoryState } from '../node/state.js';
import { ALL_WORKLOADS } from './workloads.js';

const [root, id, mode, callsArg, divArg] = process.argv.slice(2);
const w = ALL_WORKLOADS.find((x) => x.id === id);
if (!w || (mode !== 'interp' && mode !== 'jit')) throw new Error('usage: jit_ir.ts <workload> <interp|jit> <calls> [div]');
const n = Math.max(1, Math.floor(w.n / Number(divArg ?? 100)));
const mod = loadModule(compileSource(readFileSync(`${root}/bench/workloads/${w.file}`, 'utf8'), { file: w.file }).module);
const ex = mod.byName.get('main')!;
const calldata = new Uint8Array([...ex.selector, ...encodeArgs(ex.params, [BigInt(n)] as never)]);
setEngineMode(mode);
let gas = 0;
const call = () => {
  gas = executeCall({ module: mod, calldata, gasLimit: 1e15, tx: defaultTx(), block: defaultBlock(), state: new MemoryState() }).gasUsed;
};
for (let i = 0; i < 20; i++) call();
for (let i = 0; i < Number(callsArg); i++) call();
process.stdout.write(`${id} ${mode} n=${n} gas=${gas}\n`);
