// bench/results.md: the measured table, agreement between engines, targets, cold start.
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import type { ColdStart } from './coldstart.js';
import type { Measurement } from './measure.js';
import { median } from './stats.js';
import type { Workload } from './workloads.js';

export interface Row {
  w: Workload;
  vmpy: Measurement;
  cpython: Measurement;
  js: Measurement;
}

// issue 6: vm-py/CPython <= 1.0 on W1 W2 W6 W7, <= 2.0 on W4 W5; W3 within 1.2x of plain JS
const TARGETS: Record<string, { vs: 'cpython' | 'js'; max: number }> = {
  W1: { vs: 'cpython', max: 1.0 },
  W2: { vs: 'cpython', max: 1.0 },
  W3: { vs: 'js', max: 1.2 },
  W4: { vs: 'cpython', max: 2.0 },
  W5: { vs: 'cpython', max: 2.0 },
  W6: { vs: 'cpython', max: 1.0 },
  W7: { vs: 'cpython', max: 1.0 },
};

function verdict(id: string, vsCpython: number, vsJs: number): string {
  const t = TARGETS[id];
  const ratio = t.vs === 'cpython' ? vsCpython : vsJs;
  return `${t.vs === 'cpython' ? 'CPython' : 'JS'} <= ${t.max}: ${Number.isNaN(ratio) ? 'n/a' : ratio <= t.max ? 'met' : '**missed**'}`;
}

export function machineLine(pythonVersion: string): string {
  const model = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpus()[0]?.model ?? 'unknown CPU';
  return `Node ${process.version}, ${pythonVersion}, ${model}, ${cpus().length} cores, ${process.platform} ${process.arch}`;
}

const med = (m: Measurement) => (m.ms ? median(m.ms) : NaN);
const medCpu = (m: Measurement) => (m.cpu ? median(m.cpu) : NaN);
const fmtMs = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const fmtRate = (n: number, ms: number) => {
  const r = n / (ms / 1000);
  return r >= 1e6 ? `${(r / 1e6).toFixed(2)}M/s` : r >= 1e3 ? `${(r / 1e3).toFixed(1)}k/s` : `${r.toFixed(0)}/s`;
};
const cell = (m: Measurement, n: number) => (m.ms ? `${fmtMs(med(m))} ms (${fmtRate(n, med(m))})` : 'n/a');

function agreement(r: Row): string {
  const got = [r.vmpy, r.cpython, r.js].filter((m) => m.result !== undefined).map((m) => m.result!);
  if (got.length < 2) return 'n/a';
  return got.every((x) => x === got[0]) ? 'yes' : `**NO**: vm-py ${r.vmpy.result ?? '-'}, CPython ${r.cpython.result ?? '-'}, JS ${r.js.result ?? '-'}`;
}

const spread = (m: Measurement) => (m.ms ? `${fmtMs(Math.min(...m.ms))}–${fmtMs(Math.max(...m.ms))}` : 'n/a');
export const loadNow = () => loadavg().map((x) => x.toFixed(2)).join(' ');

export function renderResults(rows: Row[], cold: ColdStart | null, machine: string, runs: number, loadBefore: string): string {
  const out: string[] = [
    '# vm-py benchmark results',
    '',
    `Written by \`npm run bench\` (bench/run.ts) on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC.`,
    `Machine: ${machine}.`,
    `Load average (1/5/15 min) before the run: ${loadBefore}; after: ${loadNow()}. The machine is shared with other work,`,
    'so single runs are noisy; the medians and the spread table below are what to compare.',
    '',
    `Median of ${runs} timed runs after a warm-up (at least 1 s and 1 call, at most 100 calls: every engine timed in its steady state), each engine and workload in its own process; times are of the call only`,
    '(vm-py: `executeCall` on a compiled, loaded module with a fresh in-memory state; CPython: `main(n)` with the stand-in',
    'stdlib in bench/py; JS: the hand-written function in bench/js). it/s = n / time.',
    '',
    '| workload | n | vm-py (metered) | gas used | CPython | plain JS | vm-py/CPython | vm-py/JS | target | same result |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---|---|',
  ];
  const skipped: string[] = [];
  for (const r of rows) {
    const rc = med(r.vmpy) / med(r.cpython);
    const rj = med(r.vmpy) / med(r.js);
    const target = verdict(r.w.id, rc, rj);
    const x = (v: number) => (Number.isNaN(v) ? 'n/a' : v.toFixed(2));
    out.push(`| ${r.w.id} ${r.w.what} | ${r.w.n.toLocaleString('en-US')} | ${cell(r.vmpy, r.w.n)} | ${r.vmpy.gasUsed?.toLocaleString('en-US') ?? 'n/a'} | ${cell(r.cpython, r.w.n)} | ${cell(r.js, r.w.n)} | ${x(rc)} | ${x(rj)} | ${target} | ${agreement(r)} |`);
    for (const [name, m] of [['vm-py', r.vmpy], ['CPython', r.cpython], ['JS', r.js]] as const) {
      if (m.skip) skipped.push(`- ${r.w.id} on ${name}: not runnable yet (${m.skip})`);
    }
  }
  out.push(
    '',
    `Spread of wall time over the ${runs} runs (min–max ms), and the medians of process CPU time (user + system, ms),`,
    'which other load on the machine disturbs less (for node it includes V8\'s GC and compiler threads):',
    '',
    '| workload | vm-py wall | CPython wall | JS wall | vm-py CPU | CPython CPU | JS CPU | CPU vm-py/CPython | CPU vm-py/JS | target on CPU time |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---|',
  );
  const f = (v: number) => (Number.isNaN(v) ? 'n/a' : fmtMs(v));
  const x2 = (v: number) => (Number.isNaN(v) ? 'n/a' : v.toFixed(2));
  for (const r of rows) {
    const [a, b, c] = [medCpu(r.vmpy), medCpu(r.cpython), medCpu(r.js)];
    out.push(`| ${r.w.id} | ${spread(r.vmpy)} | ${spread(r.cpython)} | ${spread(r.js)} | ${f(a)} | ${f(b)} | ${f(c)} | ${x2(a / b)} | ${x2(a / c)} | ${verdict(r.w.id, a / b, a / c)} |`);
  }
  out.push('');
  if (skipped.length) out.push('Not measured:', '', ...skipped, '');
  if (cold) {
    out.push(
      '## Cold start',
      '',
      `Whole processes, median of ${cold.runs}: \`node bin/vm-py.js run --manifest examples/counter/manifest.json --call inc\``,
      `(temp state file) ${fmtMs(cold.vmpyMs)} ms vs bare \`node -e 0\` ${fmtMs(cold.nodeMs)} ms: ratio ${(cold.vmpyMs / cold.nodeMs).toFixed(2)}`,
      `(target <= 1.5: ${cold.vmpyMs / cold.nodeMs <= 1.5 ? 'met' : '**missed**'}). CPU time of the processes (user + system, median):`,
      `${fmtMs(cold.vmpyCpuMs)} ms vs ${fmtMs(cold.nodeCpuMs)} ms, ratio ${(cold.vmpyCpuMs / cold.nodeCpuMs).toFixed(2)}.`,
      '',
    );
  }
  return out.join('\n');
}
