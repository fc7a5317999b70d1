// `node bench/block.mjs alloc [blocks]`: where serial executeBlock allocates, in bytes per tx
// (independent token transfers in memory), from V8's sampling heap profiler told to keep the
// objects the garbage collector has already freed: by function, and by the module of the
// nearest caller in the bundle (a native slice() is charged to whoever called it). The
// garbage collector's cost follows what is allocated and, more, what survives a block.
import { readFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { fileURLToPath } from 'node:url';
import { MemoryState } from '../node/state.js';
import { executeBlock } from '../node/block/execute_block.js';
import type { Tx } from '../node/block/tx.js';
import { addr, header, setupToken, transferTx } from '../tests/helpers/chain.js';
import { useNativeTrieHash } from '../host/native_hash.js';

useNativeTrieHash();
const BLOCK = 200;
const WARM = 3;
const blocks = Number(process.argv[3] ?? 20);
const state = new MemoryState();
const { token, nonces } = setupToken(state, 1000);
const all: Tx[][] = [];
for (let r = 0; r < blocks; r++) {
  const txs: Tx[] = [];
  for (let j = 0; j < BLOCK; j++) {
    const s = 1 + ((r * BLOCK + j) % 499);
    txs.push(transferTx(addr(s), nonces[s]++, token, addr(s + 500), 1n));
  }
  all.push(txs);
}
for (let r = 0; r < WARM; r++) executeBlock({ state, block: header(r + 1), txs: all[r], strict: true });

interface Node {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: Node[];
}
const session = new Session();
session.connect();
await session.post('HeapProfiler.startSampling', {
  samplingInterval: 512,
  includeObjectsCollectedByMajorGC: true,
  includeObjectsCollectedByMinorGC: true,
} as never);
for (let r = WARM; r < blocks; r++) executeBlock({ state, block: header(r + 1), txs: all[r], strict: true });
const { profile } = (await session.post('HeapProfiler.stopSampling')) as { profile: { head: Node } };
const n = (blocks - WARM) * BLOCK;

// bundle line -> module: the nearest `// path` marker esbuild writes above each module
const src = readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n');
const marks: [number, string][] = [];
src.forEach((l, i) => {
  const m = /^\/\/ (\S+\.[mc]?[jt]s)$/.exec(l);
  if (m) marks.push([i, m[1].replace(/^(\.\.\/)+/, '')]);
});
function moduleOf(line: number): string {
  let lo = 0;
  let hi = marks.length - 1;
  let r = '(prelude)';
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (marks[mid][0] <= line) {
      r = marks[mid][1];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return r;
}
const byFn = new Map<string, number>();
const byModule = new Map<string, number>();
const byCaller = new Map<string, number>();
let total = 0;
const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
function walk(x: Node, mod: string, caller: string): void {
  const f = x.callFrame;
  if (f.url.endsWith('.mjs') && f.url.includes('.tmp-bench-')) {
    mod = moduleOf(f.lineNumber);
    caller = `${f.functionName || '(anonymous)'}:${f.lineNumber + 1} (${mod})`;
  }
  total += x.selfSize;
  add(byFn, `${f.functionName || '(anonymous)'}:${f.lineNumber + 1}`, x.selfSize);
  add(byModule, mod, x.selfSize);
  add(byCaller, caller, x.selfSize);
  for (const c of x.children) walk(c, mod, caller);
}
walk(profile.head, '(none)', '(none)');
const show = (title: string, m: Map<string, number>, top: number) => {
  console.log(title);
  for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${(v / n).toFixed(0).padStart(6)}  ${k}`);
};
console.log(`${(total / n).toFixed(0)} bytes allocated per tx (sampled every 512 bytes) over ${blocks - WARM} blocks of ${BLOCK}`);
show('by module (of the nearest caller in the bundle), bytes per tx:', byModule, 30);
show('by nearest caller in the bundle, bytes per tx:', byCaller, 40);
show('by function (self), bytes per tx:', byFn, 25);
