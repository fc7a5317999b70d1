// `npm run calibrate`: ns per gas unit of every priced operation in bench/calibrate_cases.ts,
// at several sizes, each against the arithmetic loop (`s = s + i*3 % 7`) timed in the same
// process right beside it. A measurement runs the case at r = R and r = 0 repetitions and
// divides the time difference by the gas difference (setup cancels); the ratio to the
// baseline is the median of 5 such pairs (each time the fastest of 3 runs). Writes bench/calibration.md, entries worst first.
// Not a test: the numbers are noisy on a shared machine, so the load is printed beside them.
// Usage: npm run calibrate -- [--out file] [--engine interp|jit|auto] [filter ...]
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeArgs } from '../core/abi/codec.js';
import { defaultBlock, defaultTx } from '../core/context.js';
import { compileSource } from '../compiler/index.js';
import { loadModule } from '../core/load.js';
import { executeCall } from '../node/execute.js';
import { isEngineMode, setEngineMode, type EngineMode } from '../core/jit/engine.js';
import { MemoryState } from '../node/state.js';
import { BUILTINS, METHODS, OPCODES, STDLIB } from '../spec/table.js';
import { CASES, type CalCase } from './calibrate_cases.js';
import { median } from './stats.js';
import { cpuNs } from './cputime.js';

const TARGET_MS = 12;
const PAIRS = 5;

export function source(cases: readonly CalCase[]): string {
  const out = [
    'from stdlib import abi, events, hash, random, storage',
    '',
    '',
    'def baseline(n: int, r: int) -> int:',
    '    s = 0',
    '    for i in range(r):',
    '        s = s + i * 3 % 7',
    '    return s',
    '',
  ];
  cases.forEach((c, k) => {
    out.push('', `def c${k}(n: int, r: int) -> int:`, ...c.setup.map((l) => `    ${l}`), '    for _i in range(r):', `        _v = ${c.op}`, '    return r', '');
  });
  return out.join('\n');
}

interface Row {
  c: CalCase;
  /** per size: ns/gas, x baseline, gas per op */
  at: { n: number; nsPerGas: number; ratio: number; gasPerOp: number }[];
  worst: number;
  error?: string;
}

function main(root: string, args: string[]): void {
  let outFile = join(root, 'bench/calibration.md');
  const filters: string[] = [];
  // the reference engine by default: what `vm-py run` and a node's first call run (the
  // compiling tier would time the loop baseline ~5x faster than an interpreted call)
  let engine: EngineMode = 'interp';
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--out') outFile = args[++i];
    else if (args[i] === '--engine') {
      const e = args[++i];
      if (!isEngineMode(e)) throw new Error(`--engine: interp, jit or auto, not ${e}`);
      engine = e;
    } else filters.push(args[i]);
  }
  setEngineMode(engine);
  const cases = CASES.filter((c) => !filters.length || filters.some((f) => c.entry.includes(f) || c.what.includes(f)));
  const compiled = compileSource(source(CASES), { file: 'calibrate.py' });
  const module = loadModule(compiled.module);
  const tx = defaultTx();
  const block = defaultBlock();
  const run = (fn: string, n: number, r: number) => {
    const ex = module.byName.get(fn)!;
    const calldata = new Uint8Array([...ex.selector, ...encodeArgs(ex.params, [n, r])]);
    const t0 = cpuNs();
    const res = executeCall({ module, calldata, gasLimit: 1e13, tx, block, state: new MemoryState() });
    const ns = cpuNs() - t0;
    if (res.status !== 'SUCCESS') throw new Error(`${fn}(${n}, ${r}): ${res.status} ${res.error?.message ?? ''}`);
    return { ns, gas: res.gasUsed };
  };
  /** r such that r repetitions take about TARGET_MS (from a probe at r = probe) */
  const reps = (fn: string, n: number, cap: number) => {
    // warm-up first: a cold first call (JIT, GC) would otherwise pick a tiny r
    run(fn, n, Math.min(cap, 64));
    let r = 1;
    for (;;) {
      const hi = run(fn, n, r);
      const lo = run(fn, n, 0);
      const dt = hi.ns - lo.ns;
      if (dt > 2e6 || r >= cap) return Math.max(1, Math.min(cap, Math.round((r * TARGET_MS * 1e6) / Math.max(dt, 1))));
      r = Math.min(cap, r * 8);
    }
  };
  // fastest of 3: on a shared machine the slower runs measure the neighbours
  const best = (fn: string, n: number, r: number) => {
    const a = run(fn, n, r);
    for (let i = 0; i < 2; i++) a.ns = Math.min(a.ns, run(fn, n, r).ns);
    return a;
  };
  const pair = (fn: string, n: number, r: number) => {
    const hi = best(fn, n, r);
    const lo = best(fn, n, 0);
    return { nsPerGas: (hi.ns - lo.ns) / (hi.gas - lo.gas), gasPerOp: (hi.gas - lo.gas) / r };
  };
  // at least 200k iterations: a short baseline is all fixed cost and CPU-clock granularity
  const baseR = Math.max(200_000, reps('baseline', 0, 1e7));
  const bases: number[] = [];
  const rows: Row[] = [];
  cases.forEach((c) => {
    const k = CASES.indexOf(c);
    const row: Row = { c, at: [], worst: 0 };
    try {
      for (const n of c.sizes) {
        // events: at most max_logs_per_call records per call
        const r = Math.max(c.minReps?.(n) ?? 1, reps(`c${k}`, n, c.entry.includes('events') ? 500 : 1e6));
        const ratios: number[] = [];
        const nsg: number[] = [];
        let gasPerOp = 0;
        for (let p = 0, tries = 0; p < PAIRS; p++) {
          const b = pair('baseline', 0, baseR).nsPerGas;
          const e = pair(`c${k}`, n, r);
          // a pair the clock could not resolve (or a neighbour's burst made negative) is redone
          if (!(b > 0 && e.nsPerGas > 0) && tries++ < 10) {
            p--;
            continue;
          }
          bases.push(b);
          ratios.push(e.nsPerGas / b);
          nsg.push(e.nsPerGas);
          gasPerOp = e.gasPerOp;
        }
        row.at.push({ n, nsPerGas: median(nsg), ratio: median(ratios), gasPerOp });
      }
      row.worst = Math.max(...row.at.map((a) => a.ratio));
    } catch (e) {
      row.error = e instanceof Error ? e.message.split('\n')[0] : String(e);
    }
    rows.push(row);
    process.stderr.write(`${c.entry} (${c.what}): ${row.error ?? row.at.map((a) => `${a.n}: ${a.ratio.toFixed(1)}x`).join(', ')}\n`);
  });
  writeFileSync(outFile, report(rows, median(bases), engine));
  process.stderr.write(`wrote ${outFile}\n`);
}

/**
 * Entries priced for the state they leave behind, not for the time they take here: a write
 * stays on every node for ever, and a node's store is a disk, not this process's Map. Their
 * ns/gas is reported but kept out of the median and of the "within 4x" target.
 */
const STATE_PRICED = new Set(['stdlib storage.get', 'stdlib storage.set']);

const fmt = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

function report(rows: Row[], base: number, engine: EngineMode): string {
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  const ok = rows.filter((r) => !r.error);
  // an entry's figure is its worst input; the median is over entries
  const byEntry = new Map<string, number>();
  for (const r of ok) if (!STATE_PRICED.has(r.c.entry)) byEntry.set(r.c.entry, Math.max(byEntry.get(r.c.entry) ?? 0, r.worst));
  const med = median([...byEntry.values()]);
  const entryRatios = [...byEntry.values()].map((v) => v / med);
  const over10 = ok.filter((r) => r.worst > 10).length;
  const outside = entryRatios.filter((x) => x > 4 || x < 0.25).length;
  const sorted = [...ok].sort((a, b) => b.worst - a.worst);
  const lines = [
    '# Gas calibration',
    '',
    'Written by `npm run calibrate` (bench/calibrate.ts; cases in bench/calibrate_cases.ts). Each',
    'row times one priced operation at several operand sizes n and gives its ns per gas unit',
    'relative to the arithmetic loop `s = s + i*3 % 7` timed beside it in the same process',
    '(process CPU time; median of 5 pairs, each the fastest of 3 runs). Inputs are the worst known for the entry. Targets (issue 12): no input',
    "above 10x the baseline; every entry within 4x of the median entry (an entry's figure is its",
    'worst input). Storage reads and writes are priced for the state they keep, not for time here:',
    'listed, but outside the median and the 4x target.',
    '',
    `load average: ${load}; engine: ${engine}; baseline: ${fmt(base)} ns/gas; median entry: ${fmt(med)}x`,
    `inputs above 10x: ${over10}; entries outside [median / 4, 4 x median]: ${outside} of ${byEntry.size}; worst entry / median: ${fmt(Math.max(...entryRatios))}, best entry / median: ${fmt(Math.min(...entryRatios))}`,
    '',
    '| entry | input | x baseline (worst) | / median | per size n: x baseline (gas/op) |',
    '|---|---|---:|---:|---|',
  ];
  for (const r of sorted) {
    const rel = r.worst / med;
    const flag = STATE_PRICED.has(r.c.entry) ? ' (state-priced)' : r.worst > 10 ? ' **>10x**' : rel > 4 ? ' **>4x median**' : '';
    const under = !STATE_PRICED.has(r.c.entry) && (byEntry.get(r.c.entry) ?? 0) / med < 0.25 ? ' **<median/4**' : '';
    lines.push(
      `| ${r.c.entry} | ${r.c.what} | ${fmt(r.worst)}${flag} | ${fmt(rel)}${under} | ${r.at.map((a) => `${a.n}: ${fmt(a.ratio)} (${Math.round(a.gasPerOp)})`).join('; ')} |`,
    );
  }
  for (const r of rows.filter((x) => x.error)) lines.push(`| ${r.c.entry} | ${r.c.what} | failed: ${r.error} | | |`);
  const measured = new Set(ok.map((r) => r.c.entry));
  const missing = [
    ...OPCODES.filter((o) => o.measures.length).map((o) => `opcode ${o.name}`),
    ...BUILTINS.filter((b) => b.measures.length).map((b) => `builtin ${b.name}`),
    ...METHODS.filter((m) => m.measures.length).map((m) => `method ${m.name}`),
    ...STDLIB.map((s) => `stdlib ${s.name}`),
  ].filter((e) => !measured.has(e));
  lines.push('', `Entries with a price and no case yet (${missing.length}): ${missing.join(', ')}.`, '');
  return lines.join('\n');
}

const [root, ...rest] = process.argv.slice(2);
main(root, rest);
