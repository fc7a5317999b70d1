#!/usr/bin/env node
// Attacker contracts through the real CLI: `node bench/adversarial_cli.mjs <contract.py>...`.
// Each contract defines `baseline(n: int, r: int) -> int` (the arithmetic loop
// `s = s + i * 3 % 7`) and attack functions `f(n: int, r: int) -> int` that build their
// operands from n and repeat the attacked operation r times. Every function runs through
// `vm-py run` (a fresh node process per call) at r = R and at r = 0; the time difference over
// the gas difference is its ns/gas (process start, compile and setup cancel), reported
// against the baseline's measured in the same run. Best of 3 per point, on the child's CPU time
// (GNU time, 10 ms resolution: an attack run takes ~1.5 s); report the load printed beside them. The contracts are meant to live outside the repository
// (an attacker's code, not ours): this file only runs them.
// Options: --target-ms <CPU time per attack run, default 1500>. A `# n: <size>` line above a
// function gives its n (default 1000); `# n: <size> rmax: <r>` also caps r (an attack that
// fails past r repetitions, such as events past max_logs_per_call).
// --stacks: instead of timing, run every function at n and r = 2 under `node --stack-size=300`,
// the default and `--stack-size=8000` (a fresh process each) and print whether the results
// (`vm-py run --json`: status, gas, return, events, nested calls, error) are byte-identical;
// exits 1 if any differ.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runJson } from './run_json.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'bin/vm-py.js');
const args = process.argv.slice(2);
let targetMs = 1500;
let stacks = false;
const files = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--target-ms') targetMs = Number(args[++i]);
  else if (args[i] === '--stacks') stacks = true;
  else files.push(args[i]);
}
if (!files.length) {
  process.stderr.write('usage: node bench/adversarial_cli.mjs [--target-ms T] contract.py...\n');
  process.exit(2);
}

/** `def name(n: int, r: int) -> int:` functions, with an optional `# n: <size>` line above. */
function functionsOf(src) {
  const out = [];
  const lines = src.split('\n');
  lines.forEach((l, i) => {
    const m = /^def ([a-z_][a-z0-9_]*)\(n: int, r: int\) -> int:/.exec(l);
    if (!m) return;
    const hint = /^# n: (\d+)(?: rmax: (\d+))?/.exec(lines[i - 1] ?? '');
    out.push({ name: m[1], n: hint ? Number(hint[1]) : 1000, rmax: hint?.[2] ? Number(hint[2]) : Infinity });
  });
  return out;
}

function project(file) {
  const dir = mkdtempSync(join(tmpdir(), 'vm-py-adv-'));
  copyFileSync(file, join(dir, 'contract.py'));
  const fns = functionsOf(readFileSync(file, 'utf8'));
  const abi = {
    functions: fns.map((f) => ({
      name: f.name,
      inputs: [
        { name: 'n', type: 'int' },
        { name: 'r', type: 'int' },
      ],
      outputs: [{ type: 'int' }],
    })),
    events: [],
    errors: [],
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ name: basename(file, '.py'), version: '0.1.0', entry: 'contract.py', abi }, null, 2));
  return { dir, fns };
}

// the child's CPU time (user + system) through GNU time when there is one, else wall time
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

function call(dir, fn, n, r, node = []) {
  const argv = [
    ...node,
    cli,
    'run',
    '-m',
    join(dir, 'manifest.json'),
    '--state',
    join(dir, 'state.json'),
    '--dry-run',
    '--call',
    fn,
    '--args',
    JSON.stringify([n, r]),
    '--gas-limit',
    '1000000000000',
    '--json',
  ];
  const timeFile = join(dir, 'time.txt');
  const t0 = process.hrtime.bigint();
  // a call's events reach 1,024 x 64 KB: ~260 MB of JSON on stdout
  const p = TIME
    ? spawnSync(TIME, ['-f', '%U %S', '-o', timeFile, process.execPath, ...argv], { encoding: 'utf8', maxBuffer: 1 << 30 })
    : spawnSync(process.execPath, argv, { encoding: 'utf8', maxBuffer: 1 << 30 });
  let ns = Number(process.hrtime.bigint() - t0);
  if (TIME) {
    const [u, s] = readFileSync(timeFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
    ns = (u + s) * 1e9;
  }
  let out;
  try {
    out = runJson(p.stdout);
  } catch (e) {
    throw new Error(`${fn}(${n}, ${r}): ${e.message} ${p.stderr.slice(0, 300)}`);
  }
  const gas = out.gasUsed;
  const status = out.status;
  // everything the CLI reports of the call (status, gas, return, events, nested calls, error)
  return { ns, gas, status, receipt: p.stdout.trim() };
}

function best(dir, fn, n, r) {
  let b = call(dir, fn, n, r);
  for (let i = 0; i < 2; i++) {
    const c = call(dir, fn, n, r);
    if (c.ns < b.ns) b = c;
  }
  return b;
}

/** ns/gas of fn: r chosen so that the attack runs about targetMs beyond its r = 0 call. */
function nsPerGas(dir, fn, n, rmax = Infinity) {
  const lo = best(dir, fn, n, 0);
  let r = 1;
  for (;;) {
    const hi = call(dir, fn, n, r);
    if (hi.status !== 'SUCCESS') return { status: hi.status, r };
    if (hi.ns - lo.ns > targetMs * 1e6 * 0.25 || r > 1e8 || r * 8 > rmax) break;
    r *= 8;
  }
  const probe = call(dir, fn, n, r);
  r = Math.min(rmax, Math.max(1, Math.round((r * targetMs * 1e6) / Math.max(probe.ns - lo.ns, 1))));
  const hi = best(dir, fn, n, r);
  if (hi.status !== 'SUCCESS') return { status: hi.status, r };
  return { v: (hi.ns - lo.ns) / (hi.gas - lo.gas), gasPerOp: (hi.gas - lo.gas) / r, msPerOp: (hi.ns - lo.ns) / r / 1e6, r, status: 'SUCCESS' };
}

const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

if (stacks) {
  // the same call on hosts with small, default and large native stacks: identical receipts
  const STACKS = [['--stack-size=300'], [], ['--stack-size=8000']];
  let bad = 0;
  for (const file of files) {
    const { dir, fns } = project(file);
    try {
      for (const f of fns) {
        const rs = STACKS.map((node) => call(dir, f.name, f.n, 2, node));
        const same = rs.every((x) => x.receipt === rs[0].receipt);
        if (!same) bad++;
        process.stdout.write(
          `${same ? 'same' : 'DIFFERENT'} ${basename(file)} ${f.name}(${f.n}, 2): ${rs
            .map((x) => x.receipt)
            .join(same ? '' : ' | ')
            .slice(0, same ? 160 : 2000)}\n`,
        );
        if (same) continue;
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  process.exit(bad ? 1 : 0);
}
const rows = [`load at start: ${load()}`, '', '| contract | function (n) | gas/op | ms/op | ns/gas | x baseline |', '|---|---|---:|---:|---:|---:|'];
for (const file of files) {
  const { dir, fns } = project(file);
  try {
    const base = nsPerGas(dir, 'baseline', 0);
    process.stderr.write(`${basename(file)}: baseline ${base.v.toFixed(2)} ns/gas\n`);
    for (const f of fns) {
      if (f.name === 'baseline') continue;
      const e = nsPerGas(dir, f.name, f.n, f.rmax);
      const row =
        e.status !== 'SUCCESS'
          ? `| ${basename(file)} | ${f.name}(${f.n}) | | | | ${e.status} |`
          : `| ${basename(file)} | ${f.name}(${f.n}) | ${Math.round(e.gasPerOp)} | ${e.msPerOp.toFixed(4)} | ${e.v.toFixed(2)} | ${(e.v / base.v).toFixed(1)} |`;
      rows.push(row);
      process.stderr.write(row + '\n');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
rows.push('', `load at end: ${load()}`);
process.stdout.write(rows.join('\n') + '\n');
