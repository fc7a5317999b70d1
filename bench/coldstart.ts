// Cold start: whole processes, `vm-py run` of the counter against a bare `node -e 0`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median } from './stats.js';

export interface ColdStart {
  nodeMs: number;
  vmpyMs: number;
  /** CPU time (user + system) of the child processes, ms (wait4) */
  nodeCpuMs: number;
  vmpyCpuMs: number;
  runs: number;
}

/** Alternate the commands `rounds` times in python3 (bench/py/spawn_times.py): wall and wait4 CPU per run. */
function timed(cmds: string[][], cwd: string, rounds: number): { wall: number[][]; cpu: number[][] } {
  const r = spawnSync('python3', [join(cwd, 'bench/py/spawn_times.py'), cwd, String(rounds), JSON.stringify(cmds)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`cold start measurement failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

export function coldStart(root: string, runs = 20): ColdStart {
  const dir = mkdtempSync(join(tmpdir(), 'vm-py-bench-'));
  try {
    const vmpy = ['bin/vm-py.js', 'run', '--manifest', 'examples/counter/manifest.json', '--call', 'inc', '--state', join(dir, 'state.json')];
    const bare = ['-e', '0'];
    const cmds = [
      [process.execPath, ...bare],
      [process.execPath, ...vmpy],
    ];
    // one untimed round warms the OS file cache and the IR cache; then alternate so drift hits both alike
    timed(cmds, root, 1);
    const t = timed(cmds, root, runs);
    return { nodeMs: median(t.wall[0]), vmpyMs: median(t.wall[1]), nodeCpuMs: median(t.cpu[0]), vmpyCpuMs: median(t.cpu[1]), runs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
