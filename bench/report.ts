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
  /** vm-py with the compiling tier (core/jit) */
  tier?: Measurement;
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
export const loadNow = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

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
  const tuned = rows.filter((r) => r.w.group !== 'general');
  const general = rows.filter((r) => r.w.group === 'general');
  for (const r of tuned) {
    const rc = med(r.vmpy) / med(r.cpython);
    const rj = med(r.vmpy) / med(r.js);
    const target = verdict(r.w.id, rc, rj);
    const x = (v: number) => (Number.isNaN(v) ? 'n/a' : v.toFixed(2));
    out.push(
      `| ${r.w.id} ${r.w.what} | ${r.w.n.toLocaleString('en-US')} | ${cell(r.vmpy, r.w.n)} | ${r.vmpy.gasUsed?.toLocaleString('en-US') ?? 'n/a'} | ${cell(r.cpython, r.w.n)} | ${cell(r.js, r.w.n)} | ${x(rc)} | ${x(rj)} | ${target} | ${agreement(r)} |`,
    );
    for (const [name, m] of [
      ['vm-py', r.vmpy],
      ['CPython', r.cpython],
      ['JS', r.js],
    ] as const) {
      if (m.skip) skipped.push(`- ${r.w.id} on ${name}: not runnable yet (${m.skip})`);
    }
  }
  out.push(
    '',
    `Spread of wall time over the ${runs} runs (min–max ms), and the medians of process CPU time (user + system, ms),`,
    "which other load on the machine disturbs less (for node it includes V8's GC and compiler threads):",
    '',
    '| workload | vm-py wall | CPython wall | JS wall | vm-py CPU | CPython CPU | JS CPU | CPU vm-py/CPython | CPU vm-py/JS | target on CPU time |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---|',
  );
  const f = (v: number) => (Number.isNaN(v) ? 'n/a' : fmtMs(v));
  const x2 = (v: number) => (Number.isNaN(v) ? 'n/a' : v.toFixed(2));
  for (const r of tuned) {
    const [a, b, c] = [medCpu(r.vmpy), medCpu(r.cpython), medCpu(r.js)];
    out.push(
      `| ${r.w.id} | ${spread(r.vmpy)} | ${spread(r.cpython)} | ${spread(r.js)} | ${f(a)} | ${f(b)} | ${f(c)} | ${x2(a / b)} | ${x2(a / c)} | ${verdict(r.w.id, a / b, a / c)} |`,
    );
  }
  out.push('');
  if (general.length) out.push(...generalTable(general, runs, skipped));
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

const geomean = (xs: number[]) => {
  const ok = xs.filter((x) => Number.isFinite(x) && x > 0);
  return ok.length ? Math.exp(ok.reduce((a, x) => a + Math.log(x), 0) / ok.length) : NaN;
};

// Issue 17: ordinary programs beside the tuned ones, compared with CPython only (no JS versions);
// ns/gas shows how far gas is from tracking time across them.
function generalTable(rows: Row[], runs: number, skipped: string[]): string[] {
  const x2 = (v: number) => (Number.isNaN(v) ? 'n/a' : v.toFixed(2));
  const out = [
    '## General workloads',
    '',
    'Ordinary programs written as a Python programmer would write them (bench/workloads/g*.py), measured',
    `the same way (median of ${runs} after the warm-up, one process per engine and workload). Targets (issue 17):`,
    'each at or under 1.0x CPython, geomean under 0.5x. ns/gas = vm-py median wall time / gas used.',
    '',
    '| workload | n | vm-py (metered) | gas used | ns/gas | CPython | vm-py/CPython | CPU vm-py | CPU CPython | CPU vm-py/CPython | same result |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
  ];
  const wall: number[] = [];
  const cpu: number[] = [];
  for (const r of rows) {
    const rc = med(r.vmpy) / med(r.cpython);
    const rcpu = medCpu(r.vmpy) / medCpu(r.cpython);
    wall.push(rc);
    cpu.push(rcpu);
    const nsGas = r.vmpy.gasUsed ? x2((med(r.vmpy) * 1e6) / r.vmpy.gasUsed) : 'n/a';
    const same =
      r.vmpy.result === undefined || r.cpython.result === undefined
        ? 'n/a'
        : r.vmpy.result === r.cpython.result
          ? 'yes'
          : `**NO**: vm-py ${r.vmpy.result}, CPython ${r.cpython.result}`;
    const f = (v: number) => (Number.isNaN(v) ? 'n/a' : fmtMs(v));
    out.push(
      `| ${r.w.id} ${r.w.what} | ${r.w.n.toLocaleString('en-US')} | ${cell(r.vmpy, r.w.n)} | ${r.vmpy.gasUsed?.toLocaleString('en-US') ?? 'n/a'} | ${nsGas} | ${cell(r.cpython, r.w.n)} | ${x2(rc)} | ${f(medCpu(r.vmpy))} | ${f(medCpu(r.cpython))} | ${x2(rcpu)} | ${same} |`,
    );
    for (const [name, m] of [
      ['vm-py', r.vmpy],
      ['CPython', r.cpython],
    ] as const) {
      if (m.skip) skipped.push(`- ${r.w.id} on ${name}: not runnable yet (${m.skip})`);
    }
  }
  const gw = geomean(wall);
  const gc = geomean(cpu);
  out.push(
    `| **geomean** (${wall.filter((x) => Number.isFinite(x)).length} workloads) | | | | | | **${x2(gw)}** | | | **${x2(gc)}** | |`,
    '',
    `Targets: every general workload <= 1.0x CPython: ${wall.every((x) => x <= 1) ? 'met' : '**missed**'} on wall time, ${cpu.every((x) => x <= 1) ? 'met' : '**missed**'} on CPU time;`,
    `geomean < 0.5x: ${gw < 0.5 ? 'met' : '**missed**'} on wall time, ${gc < 0.5 ? 'met' : '**missed**'} on CPU time.`,
    '',
  );
  return out;
}
