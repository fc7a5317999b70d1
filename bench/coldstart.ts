// Cold start: whole processes, `vm-py run` of the counter against a bare `node -e 0`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median } from './stats.js';

export interface ColdStart {
  nodeMs: number;
  vmpyMs: number;
  runs: number;
}

function timed(args: string[], cwd: string): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd, encoding: 'utf8' });
  const t1 = process.hrtime.bigint();
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return Number(t1 - t0) / 1e6;
}

export function coldStart(root: string, runs = 10): ColdStart {
  const dir = mkdtempSync(join(tmpdir(), 'vm-py-bench-'));
  try {
    const vmpy = ['bin/vm-py.js', 'run', '--manifest', 'examples/counter/manifest.json', '--call', 'inc', '--state', join(dir, 'state.json')];
    const bare = ['-e', '0'];
    // one untimed run each warms the OS file cache; then alternate so drift hits both alike
    timed(bare, root);
    timed(vmpy, root);
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < runs; i++) {
      a.push(timed(bare, root));
      b.push(timed(vmpy, root));
    }
    return { nodeMs: median(a), vmpyMs: median(b), runs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
