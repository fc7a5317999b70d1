// `npm run bench`: every workload on every engine, each measurement in its own process, one
// after another (the machine has two cores; parallel runs would skew each other). Writes
// bench/results.md. Options: --only W1,W3  --runs 7  --no-cold  --no-tier (skip the compiling tier);
// `npm run bench -- opstats` prints dynamic opcode statistics instead.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { coldStart, type ColdStart } from './coldstart.js';
import { measure, type Measurement } from './measure.js';
import { opstats } from './opstats.js';
import { loadNow, machineLine, renderResults, type Row } from './report.js';
import { tierSection } from './tier_report.js';
import { ALL_WORKLOADS, GENERAL, workloadPath } from './workloads.js';

const WARMUPS = 1;

function child(cmd: string, args: string[], env?: NodeJS.ProcessEnv): Measurement {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 1 << 24 });
  if (r.status !== 0) return { skip: `crashed (exit ${r.status}): ${r.stderr.trim().split('\n').slice(-3).join(' | ')}` };
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Measurement;
}

function main(argv: string[]): void {
  const [root, mode, ...rest] = argv;
  if (mode === 'measure') {
    const [engine, id, runs, warmups] = rest;
    process.stdout.write(JSON.stringify(measure(root, engine, id, Number(runs), Number(warmups))) + '\n');
    return;
  }
  if (mode === 'opstats') {
    process.stdout.write(opstats(root) + '\n');
    return;
  }
  const opt = (name: string) => {
    const i = argv.indexOf(name);
    return i < 0 ? undefined : argv[i + 1];
  };
  const runs = Number(opt('--runs') ?? 7);
  // `--only general` selects G1..G10
  const only = opt('--only')
    ?.split(',')
    .flatMap((x) => (x === 'general' ? GENERAL.map((w) => w.id) : [x]));
  const self = process.argv[1];
  const rows: Row[] = [];
  const loadBefore = loadNow();
  for (const w of ALL_WORKLOADS) {
    if (only && !only.includes(w.id)) continue;
    const node = (engine: string) => child(process.execPath, [self, root, 'measure', engine, w.id, String(runs), String(WARMUPS)]);
    const row: Row = {
      w,
      vmpy: node('vmpy'),
      cpython: child('python3', [`${root}/bench/py/run.py`, workloadPath(root, w), String(w.n), String(runs), String(WARMUPS)], {
        PYTHONPATH: `${root}/bench/py`,
      }),
      js: w.group === 'general' ? { skip: 'no hand-written JS version' } : node('js'),
      tier: argv.includes('--no-tier') ? undefined : node('vmpy-jit'),
    };
    rows.push(row);
    process.stderr.write(
      `${w.id}: ${JSON.stringify({ vmpy: summary(row.vmpy), tier: row.tier ? summary(row.tier) : '-', cpython: summary(row.cpython), js: summary(row.js) })}\n`,
    );
  }
  let cold: ColdStart | null = null;
  if (!argv.includes('--no-cold')) {
    cold = coldStart(root);
    process.stderr.write(`cold start: ${JSON.stringify(cold)}\n`);
  }
  const py = spawnSync('python3', ['--version'], { encoding: 'utf8' }).stdout.trim();
  writeFileSync(`${root}/bench/results.md`, renderResults(rows, cold, machineLine(py), runs, loadBefore) + tierSection(rows));
  process.stderr.write(`wrote ${root}/bench/results.md\n`);
  // the bench is also a correctness check: vm-py must return what CPython returns
  const wrong = rows.filter(
    (r) =>
      (r.vmpy.result !== undefined && r.cpython.result !== undefined && r.vmpy.result !== r.cpython.result) ||
      (r.tier?.result !== undefined && (r.tier.result !== r.vmpy.result || r.tier.gasUsed !== r.vmpy.gasUsed)),
  );
  for (const r of wrong) process.stderr.write(`${r.w.id}: vm-py returned ${r.vmpy.result}, CPython ${r.cpython.result}\n`);
  if (wrong.length) process.exitCode = 1;
}

const summary = (m: Measurement) => m.skip ?? `${m.ms!.map((x) => x.toFixed(1)).join(' ')} ms`;

main(process.argv.slice(2));
