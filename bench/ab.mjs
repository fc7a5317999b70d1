#!/usr/bin/env node
// A/B of two source trees on the bench workloads, for the "no workload slows by more than 3%"
// rule: `node bench/ab.mjs <treeA> <treeB> [--procs 16] [--only W1,W2] [--engine vmpy]`.
// One process's steady state is not the tree's: where V8 places objects and when it tiers up
// differ from process to process, and some workloads are bimodal across processes (W2 measured
// 86-124 ms for one tree within three minutes). So each tree runs in many fresh processes,
// alternated A, B, B, A ..., and the report compares the distributions of per-process medians
// (CPU time), with a bootstrap interval for the ratio of medians: a difference inside the
// interval's spread is not a measured regression.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return dflt;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
};
const procs = Number(opt('procs', '16'));
const only = opt('only', 'W1,W2,W3,W4,W5,W6,W7').split(',');
const engine = opt('engine', 'vmpy');
const runs = opt('runs', '5');
if (args.length !== 2 || !(procs > 0)) {
  process.stderr.write('usage: node bench/ab.mjs <treeA> <treeB> [--procs N] [--only W1,W2] [--engine vmpy|vmpy-jit] [--runs 5]\n');
  process.exit(2);
}

// Both trees are bundled with this tree's esbuild so the bundler is not part of the difference.
const require = createRequire(import.meta.url);
const esbuild = require('esbuild');
const outDir = join(tmpdir(), 'vmpy-ab');
mkdirSync(outDir, { recursive: true });
const trees = args.map((root, k) => {
  const abs = resolve(root);
  const js = join(outDir, `${k}-${abs.replace(/\W/g, '_')}.mjs`);
  esbuild.buildSync({
    entryPoints: [join(abs, 'bench/run.ts')],
    outfile: js,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
  return { root: abs, js, med: {} };
});

const median = (a) => {
  const s = [...a].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const quart = (a, q) => [...a].sort((x, y) => x - y)[Math.min(a.length - 1, Math.floor(q * a.length))];

for (let p = 0; p < procs; p++) {
  for (const id of only) {
    // A B then B A: neither tree always runs right after the other's heat or page cache.
    for (const t of p % 2 ? [trees[1], trees[0]] : trees) {
      const r = spawnSync(process.execPath, [t.js, t.root, 'measure', engine, id, runs, '3'], { encoding: 'utf8' });
      const line = r.stdout.trim().split('\n').pop() ?? '';
      let m;
      try {
        m = JSON.parse(line);
      } catch {
        process.stderr.write(`${id} ${t.root}: no measurement (exit ${r.status}): ${r.stderr.slice(0, 300)}\n`);
        process.exit(1);
      }
      if (!m.cpu) {
        process.stderr.write(`${id} ${t.root}: ${m.skip ?? 'no cpu times'}\n`);
        continue;
      }
      (t.med[id] ??= []).push(median(m.cpu));
    }
  }
  process.stderr.write(`process round ${p + 1}/${procs} done\n`);
}

// Bootstrap of the ratio of medians with a fixed-seed generator, so a rerun on the same
// numbers prints the same interval.
let seed = 0x9e3779b9;
const rand = () => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 2 ** 32;
};
const resample = (a) => a.map(() => a[Math.floor(rand() * a.length)]);
const fmt = (x) => x.toFixed(2);

console.log(
  `A = ${trees[0].root}\nB = ${trees[1].root}\nengine ${engine}, ${procs} processes per tree and workload, CPU ms (median of ${runs} runs per process)\n`,
);
console.log('| workload | A median [q1, q3] | B median [q1, q3] | B/A | 95% interval |');
console.log('|---|---:|---:|---:|---:|');
for (const id of only) {
  const a = trees[0].med[id];
  const b = trees[1].med[id];
  if (!a?.length || !b?.length) continue;
  const ratios = [];
  for (let i = 0; i < 2000; i++) ratios.push(median(resample(b)) / median(resample(a)));
  ratios.sort((x, y) => x - y);
  const span = (s) => `${fmt(median(s))} [${fmt(quart(s, 0.25))}, ${fmt(quart(s, 0.75))}]`;
  console.log(`| ${id} | ${span(a)} | ${span(b)} | ${(median(b) / median(a)).toFixed(3)} | ${ratios[50].toFixed(3)}-${ratios[1949].toFixed(3)} |`);
}
