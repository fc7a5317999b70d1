// A killed writer leaves the old state or the new one, never half of one: the CLI writes
// to a temp file, fsyncs and renames over the state file. The parent kills the writer while
// a write is in flight (a temp file exists, or the state file shrank), then checks the file.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { expect, test } from 'vitest';
import { loadState } from '../cli/statefile.js';

test('SIGKILL during a state write never leaves a torn file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vmpy-atomic-'));
  const writer = join(dir, 'writer.mjs');
  await build({ entryPoints: ['tests/fixtures/state_writer.ts'], bundle: true, platform: 'node', format: 'esm', outfile: writer, logLevel: 'silent' });
  const path = join(dir, 'state.json');
  let killsMidWrite = 0;
  for (let round = 0; round < 3; round++) {
    const child = spawn(process.execPath, [writer, path], { stdio: ['ignore', 'pipe', 'inherit'] });
    let versions = 0;
    child.stdout.on('data', (d: Buffer) => (versions += d.toString().split('\n').filter(Boolean).length));
    await new Promise<void>((res) => child.stdout.once('data', () => res()));
    const full = statSync(path).size;
    // poll until a write is in flight, then kill
    const deadline = versions + 5;
    for (;;) {
      const tmpExists = readdirSync(dir).some((f) => f.startsWith('state.json.') && f.endsWith('.tmp'));
      const shrank = existsSync(path) && statSync(path).size < full;
      if (tmpExists || shrank) {
        killsMidWrite++;
        break;
      }
      if (versions >= deadline) break;
      await new Promise((res) => setImmediate(res));
    }
    child.kill('SIGKILL');
    await new Promise((res) => child.once('exit', res));
    const snap = loadState(path).snapshot(); // throws on a torn or malformed file
    const addr = '07'.repeat(32);
    const version = Number(snap.balances[addr]);
    const values = new Set(Object.values(snap.storage[addr]));
    expect(Object.keys(snap.storage[addr]).length).toBe(2000);
    expect(values.size).toBe(1);
    expect([...values][0].slice(0, 2)).toBe((version & 0xff).toString(16).padStart(2, '0'));
  }
  expect(killsMidWrite).toBeGreaterThan(0);
});
