// The compiling tier's section of bench/results.md: every workload in both engines beside
// CPython, on CPU time (steadier than wall time on the shared machine). The tier must give
// the same result and the same gas as the interpreter (bench/run.ts fails the run if not).
import type { Measurement } from './measure.js';
import type { Row } from './report.js';
import { median } from './stats.js';

const medCpu = (m: Measurement | undefined) => (m?.cpu ? median(m.cpu) : NaN);
const x2 = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : 'n/a');
const ms = (v: number) => (Number.isFinite(v) ? (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2)) : 'n/a');
const geomean = (xs: number[]) => {
  const ok = xs.filter((x) => Number.isFinite(x) && x > 0);
  return ok.length ? Math.exp(ok.reduce((a, x) => a + Math.log(x), 0) / ok.length) : NaN;
};

export function tierSection(rows: readonly Row[]): string {
  const measured = rows.filter((r) => r.tier !== undefined);
  if (measured.length === 0) return '';
  const out = [
    '',
    '## Compiling tier',
    '',
    'vm-py with the compiling tier (core/jit, spec/JIT.md) beside the interpreter, on the median process CPU time',
    '(ms) of the same runs. Same gas: the two engines used the same gas on every workload (a difference fails the run).',
    'Targets (issue 17): the arithmetic loops (W1, G1) under 0.2x CPython with the tier.',
    '',
    '| workload | interpreter CPU | tier CPU | CPython CPU | interpreter/CPython | tier/CPython | speed-up | same gas |',
    '|---|---:|---:|---:|---:|---:|---:|---|',
  ];
  const ratios: number[] = [];
  const gRatios: number[] = [];
  for (const r of measured) {
    const [i, t, c] = [medCpu(r.vmpy), medCpu(r.tier), medCpu(r.cpython)];
    const same = r.tier!.gasUsed === undefined ? 'n/a' : r.tier!.gasUsed === r.vmpy.gasUsed && r.tier!.result === r.vmpy.result ? 'yes' : '**NO**';
    ratios.push(t / c);
    if (r.w.group === 'general') gRatios.push(t / c);
    const target = r.w.id === 'W1' || r.w.id === 'G1' ? ` (<0.2: ${t / c < 0.2 ? 'met' : '**missed**'})` : '';
    out.push(`| ${r.w.id} | ${ms(i)} | ${ms(t)} | ${ms(c)} | ${x2(i / c)} | ${x2(t / c)}${target} | ${x2(i / t)} | ${same} |`);
    if (r.tier!.skip) out.push(`| | tier not runnable: ${r.tier!.skip} | | | | | | |`);
  }
  out.push('', `Geomean tier/CPython: all ${x2(geomean(ratios))}, general workloads ${x2(geomean(gRatios))}.`, '');
  return out.join('\n');
}
