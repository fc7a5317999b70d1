#!/usr/bin/env node
// Summarize a V8 .cpuprofile: self time by function, by source line (with the line's text)
// and, for an esbuild bundle, by bundled module (esbuild marks each with a `// path` line).
// Usage: node bench/profsum.mjs <file.cpuprofile> [topN]
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const [file, topArg] = process.argv.slice(2);
const top = Number(topArg ?? 25);
const prof = JSON.parse(readFileSync(file, 'utf8'));
const dt = new Map(); // node id -> sampled ms
for (let i = 0; i < prof.samples.length; i++) dt.set(prof.samples[i], (dt.get(prof.samples[i]) ?? 0) + (prof.timeDeltas[i] ?? 0) / 1000);
const total = [...dt.values()].reduce((a, b) => a + b, 0);

const byFn = new Map();
const byLine = new Map();
const sources = new Map();
const text = (url) => {
  if (!sources.has(url)) {
    try {
      sources.set(url, readFileSync(url.startsWith('file:') ? fileURLToPath(url) : url, 'utf8').split('\n'));
    } catch {
      sources.set(url, null);
    }
  }
  return sources.get(url);
};
for (const n of prof.nodes) {
  const ms = dt.get(n.id) ?? 0;
  const cf = n.callFrame;
  const k = `${cf.functionName || '(anonymous)'} ${cf.url.split('/').pop()}:${cf.lineNumber + 1}`;
  byFn.set(k, (byFn.get(k) ?? 0) + ms);
  const ticks = n.positionTicks ?? [];
  const sum = ticks.reduce((a, t) => a + t.ticks, 0);
  for (const t of ticks) {
    const lk = `${cf.url}\u0000${t.line}`;
    byLine.set(lk, (byLine.get(lk) ?? 0) + (ms * t.ticks) / sum);
  }
}

// module of a bundle line: the nearest `// path` marker above it; packages by name
const moduleOf = (url, line) => {
  const src = text(url);
  if (!src) return url.split('/').pop() || url || '(native)';
  for (let i = line - 1; i >= 0; i--) {
    const m = /^\/\/ (\S+\.[mc]?[jt]s)$/.exec(src[i] ?? '');
    if (!m) continue;
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(m[1]);
    return pkg ? pkg[1] : m[1].replace(/^(\.\.\/)+/, '');
  }
  return '(bundle prelude)';
};
const byModule = new Map();
for (const [lk, ms] of byLine) {
  const [url, line] = lk.split('\u0000');
  const mod = moduleOf(url, Number(line));
  byModule.set(mod, (byModule.get(mod) ?? 0) + ms);
}

const pct = (ms) => `${ms.toFixed(1).padStart(8)} ms ${((100 * ms) / total).toFixed(1).padStart(5)}%`;
const show = (title, m, label = (k) => k) => {
  console.log(`\n${title}`);
  for (const [k, ms] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(ms)}  ${label(k)}`);
};
console.log(`total sampled ${total.toFixed(1)} ms`);
show('self time by function', byFn);
show('self time by line', byLine, (k) => {
  const [url, line] = k.split('\u0000');
  return `${url.split('/').pop()}:${line}  ${(text(url)?.[Number(line) - 1] ?? '').trim().slice(0, 90)}`;
});
show('self time by bundled module', byModule);
