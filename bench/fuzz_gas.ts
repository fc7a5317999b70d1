// `npm run fuzz:gas`: search for programs whose ns per gas unit is far above the arithmetic
// loop's, so the next mispriced operation is found here first. A candidate is one generated
// expression (tests/helpers/exprgen.ts, every operator, builtin and method of the subset)
// over arguments scaled up k times (bytes, str and list repeated), evaluated r times in a
// loop; its ns/gas is the time difference of r = R and r = 0 over the gas difference, divided
// by the baseline's ns/gas measured just before it. Evolution: most rounds mutate one of the
// worst found (a larger k, or a new expression of the same seed family), the rest are fresh.
// Runs for VMPY_FUZZ_SECONDS (default 60) and prints the worst programs. Not a test: report
// the load beside the numbers. Usage: npm run fuzz:gas -- [seed]
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { encodeArgs } from '../core/abi/codec.js';
import { defaultBlock, defaultTx } from '../core/context.js';
import { compileSource } from '../compiler/index.js';
import { loadModule } from '../core/load.js';
import { executeCall } from '../node/execute.js';
import { MemoryState } from '../node/state.js';
import { ARGS_ARB, exprArbitraries } from '../tests/helpers/exprgen.js';

const KINDS = ['int', 'bool', 'bytes', 'str', 'list'] as const;
const TARGET_MS = 4;

export interface Candidate {
  kind: (typeof KINDS)[number];
  seed: number;
  k: number;
}

export interface Found extends Candidate {
  expr: string;
  args: string;
  ratio: number;
  gasPerOp: number;
}

const arbs = exprArbitraries(3);

export function program(c: Candidate): { src: string; expr: string; args: string } {
  const [expr] = fc.sample(arbs[c.kind], { seed: c.seed, numRuns: 1 });
  const [args] = fc.sample(ARGS_ARB, { seed: c.seed + 1, numRuns: 1 });
  const src = [
    'def _f(a, b, bs, s, xs):',
    `    return ${expr}`,
    '',
    '',
    'def baseline(k: int, r: int) -> int:',
    '    s = 0',
    '    for i in range(r):',
    '        s = s + i * 3 % 7',
    '    return s',
    '',
    '',
    'def run(k: int, r: int) -> int:',
    `    a, b, bs, s, xs = ${args}`,
    '    bs = bs * k',
    '    s = s * k',
    '    xs = xs * k',
    '    for i in range(r):',
    '        x = _f(a, b, bs, s, xs)',
    '    return r',
    '',
  ].join('\n');
  return { src, expr, args };
}

/** ns/gas of the candidate over the baseline's, or null when it does not compile or fails. */
export function measure(c: Candidate): Found | null {
  const p = program(c);
  let module;
  try {
    module = loadModule(compileSource(p.src, { file: 'fuzz.py' }).module);
  } catch {
    return null; // the generator's grammar is wider than the validator's: not a finding
  }
  const tx = defaultTx();
  const block = defaultBlock();
  const call = (fn: string, k: number, r: number) => {
    const ex = module.byName.get(fn)!;
    const calldata = new Uint8Array([...ex.selector, ...encodeArgs(ex.params, [k, r])]);
    const t0 = process.hrtime.bigint();
    const res = executeCall({ module, calldata, gasLimit: 1e12, tx, block, state: new MemoryState() });
    return { ns: Number(process.hrtime.bigint() - t0), gas: res.gasUsed, ok: res.status === 'SUCCESS' };
  };
  const nsPerGas = (fn: string, k: number, r: number) => {
    const hi = call(fn, k, r);
    const lo = call(fn, k, 0);
    if (!hi.ok || !lo.ok || hi.gas <= lo.gas) return null;
    return { v: (hi.ns - lo.ns) / (hi.gas - lo.gas), dt: hi.ns - lo.ns, gasPerOp: (hi.gas - lo.gas) / r };
  };
  const first = nsPerGas('run', c.k, 8);
  if (!first) return null;
  const r = Math.max(8, Math.min(100000, Math.round((8 * TARGET_MS * 1e6) / Math.max(first.dt, 1))));
  const ratios: number[] = [];
  let gasPerOp = 0;
  for (let i = 0; i < 3; i++) {
    const base = nsPerGas('baseline', 0, 200000);
    const e = nsPerGas('run', c.k, r);
    if (!base || !e) return null;
    ratios.push(e.v / base.v);
    gasPerOp = e.gasPerOp;
  }
  ratios.sort((x, y) => x - y);
  return { ...c, expr: p.expr, args: p.args, ratio: ratios[1], gasPerOp };
}

/** xorshift32: the search's own deterministic stream */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
}

export function search(seconds: number, seed: number, onFound?: (f: Found) => void): { best: Found[]; tried: number } {
  const rnd = rng(seed);
  const best: Found[] = [];
  const t0 = Date.now();
  let tried = 0;
  const ks = [1, 16, 256, 4096];
  while (Date.now() - t0 < seconds * 1000) {
    let c: Candidate;
    if (best.length && rnd() < 0.5) {
      const parent = best[Math.floor(rnd() * Math.min(best.length, 5))];
      c = rnd() < 0.5 ? { ...parent, k: Math.min(65536, parent.k * 4) } : { ...parent, seed: parent.seed + 1 + Math.floor(rnd() * 7) };
    } else {
      c = { kind: KINDS[Math.floor(rnd() * KINDS.length)], seed: Math.floor(rnd() * 2 ** 31), k: ks[Math.floor(rnd() * ks.length)] };
    }
    tried++;
    const f = measure(c);
    if (!f || f.gasPerOp < 1) continue;
    if (best.some((b) => b.expr === f.expr && b.k === f.k)) continue;
    best.push(f);
    best.sort((x, y) => y.ratio - x.ratio);
    if (best.length > 20) best.length = 20;
    onFound?.(f);
  }
  return { best, tried };
}

function main(): void {
  const seconds = Number(process.env.VMPY_FUZZ_SECONDS ?? 60);
  const seed = Number(process.argv[3] ?? 1);
  const { best, tried } = search(seconds, seed);
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  const out = [`fuzz:gas: ${tried} candidates in ${seconds} s (seed ${seed}); load ${load}`, 'worst ns/gas relative to the arithmetic loop (median of 3):', ''];
  for (const f of best.slice(0, 10)) {
    out.push(`${f.ratio.toFixed(1)}x  gas/op ${Math.round(f.gasPerOp)}  k=${f.k}  args: ${f.args}`, `    ${f.expr}`);
  }
  process.stdout.write(out.join('\n') + '\n');
}

if (process.argv[2] && !process.env.VITEST) main();
