// `npm run bench -- opstats`: dynamic opcode and opcode-pair counts per workload, through the
// interpreter's tracer, at n / 100. The pairs are the candidates for superinstructions; the
// instructions per iteration say how much dispatch and per-instruction gas checks cost.
import { readFileSync } from 'node:fs';
import { compileSource } from '../compiler/index.js';
import { encodeArgs } from '../core/abi/codec.js';
import { defaultBlock, defaultTx } from '../core/context.js';
import { executeCall } from '../node/execute.js';
import { loadModule } from '../core/load.js';
import { MemoryState } from '../node/state.js';
import { OP_BY_CODE } from '../spec/table.js';
import { WORKLOADS, workloadPath } from './workloads.js';

const name = (op: number) => OP_BY_CODE[op]?.name ?? `op${op}`;
const top = (m: Map<string, number>, k: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k);

export function opstats(root: string): string {
  const lines: string[] = [];
  const allPairs = new Map<string, number>();
  let allInstr = 0;
  for (const w of WORKLOADS) {
    const n = Math.max(1000, Math.floor(w.n / 100));
    let module;
    try {
      module = loadModule(compileSource(readFileSync(workloadPath(root, w), 'utf8')).module);
    } catch (e) {
      lines.push(`${w.id}: does not compile yet (${e instanceof Error ? e.message.split('\n')[0] : e})`);
      continue;
    }
    const ex = module.byName.get('main')!;
    const ops = new Map<string, number>();
    const pairs = new Map<string, number>();
    let prev = -1;
    let count = 0;
    let gas = 0;
    const tracer = (_fn: number, _pc: number, op: number, cost: number) => {
      count++;
      gas += cost;
      ops.set(name(op), (ops.get(name(op)) ?? 0) + 1);
      if (prev >= 0) {
        const p = `${name(prev)} ${name(op)}`;
        pairs.set(p, (pairs.get(p) ?? 0) + 1);
      }
      prev = op;
    };
    const calldata = new Uint8Array([...ex.selector, ...encodeArgs(ex.params, [n])]);
    const r = executeCall({ module, calldata, gasLimit: 1e15, tx: defaultTx(), block: defaultBlock(), state: new MemoryState(), tracer });
    if (r.status !== 'SUCCESS') {
      lines.push(`${w.id}: not runnable yet (${r.error?.message ?? r.status})`);
      continue;
    }
    allInstr += count;
    for (const [p, c] of pairs) allPairs.set(p, (allPairs.get(p) ?? 0) + c);
    const pct = (c: number) => `${((100 * c) / count).toFixed(0)}%`;
    lines.push(
      `${w.id} (n=${n}): ${(count / n).toFixed(1)} instructions and ${(gas / n).toFixed(1)} static gas per iteration; ` +
        `total gas ${r.gasUsed} (${((100 * gas) / r.gasUsed).toFixed(0)}% static opcode cost)`,
      `  ops:   ${top(ops, 8)
        .map(([k, c]) => `${k} ${pct(c)}`)
        .join(', ')}`,
      `  pairs: ${top(pairs, 6)
        .map(([k, c]) => `${k} ${pct(c)}`)
        .join(', ')}`,
    );
  }
  lines.push(
    `all runnable workloads, top pairs: ${top(allPairs, 10)
      .map(([k, c]) => `${k} ${((100 * c) / allInstr).toFixed(1)}%`)
      .join(', ')}`,
  );
  return lines.join('\n');
}
