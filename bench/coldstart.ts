// Cold start: whole processes, `vm-py run` of the counter against a bare `node -e 0`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median } from './stats.js';

export interface ColdStart {
  nodeMs: number;
  vmpyMs: number;
  /** CPU time (user + system) of the child processes, ms, in clock ticks (10 ms on Linux) */
  nodeCpuMs: number;
  vmpyCpuMs: number;
  runs: number;
}

const TICK_MS = 1000 / Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim() || 100);

/** CPU time of this process's waited-for children so far (cutime + cstime in /proc/self/stat). */
function childCpuMs(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  // fields after the ')' that ends the command name; cutime and cstime are fields 16 and 17
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[13]) + Number(f[14])) * TICK_MS;
}

function timed(args: string[], cwd: string): { ms: number; cpu: number } {
  const c0 = childCpuMs();
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd, encoding: 'utf8' });
  const t1 = process.hrtime.bigint();
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { ms: Number(t1 - t0) / 1e6, cpu: childCpuMs() - c0 };
}

export function coldStart(root: string, runs = 10): ColdStart {
  const dir = mkdtempSync(join(tmpdir(), 'vm-py-bench-'));
  try {
    const vmpy = ['bin/vm-py.js', 'run', '--manifest', 'examples/counter/manifest.json', '--call', 'inc', '--state', join(dir, 'state.json')];
    const bare = ['-e', '0'];
    // one untimed run each warms the OS file cache; then alternate so drift hits both alike
    timed(bare, root);
    timed(vmpy, root);
    const a: { ms: number; cpu: number }[] = [];
    const b: { ms: number; cpu: number }[] = [];
    for (let i = 0; i < runs; i++) {
      a.push(timed(bare, root));
      b.push(timed(vmpy, root));
    }
    const med = (xs: { ms: number; cpu: number }[], k: 'ms' | 'cpu') => median(xs.map((x) => x[k]));
    return { nodeMs: med(a, 'ms'), vmpyMs: med(b, 'ms'), nodeCpuMs: med(a, 'cpu'), vmpyCpuMs: med(b, 'cpu'), runs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
