// A private copy of the built CLI (bin/ + dist/) that a test may alter: tests that poison
// parts of the bundle must not disturb the CLI other test files run at the same time.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect } from 'vitest';

export function privateCli(): string {
  const pkg = mkdtempSync(join(tmpdir(), 'vmpy-pkg-'));
  cpSync(resolve('bin'), join(pkg, 'bin'), { recursive: true });
  cpSync(resolve('dist'), join(pkg, 'dist'), { recursive: true });
  return pkg;
}

/**
 * Run `f` with the named source modules of the copy's bundle made to throw when they are
 * initialized (esbuild keeps a dynamically imported or required module in a lazy
 * `init_x = __esm({"<path>"() {...}})` wrapper). The copy's code cache is removed while
 * poisoned: V8 would reject it for the changed source anyway.
 */
export function poisoned(pkg: string, modules: string[], f: () => void): void {
  const file = join(pkg, 'dist/vm-py.cjs');
  const original = readFileSync(file, 'latin1');
  let text = original;
  for (const m of modules) {
    const head = `__esm({${JSON.stringify(m)}(){`;
    expect(text.split(head).length - 1, `one lazy wrapper for ${m}`).toBe(1);
    text = text.replace(head, `${head}throw new Error(${JSON.stringify(`poisoned: ${m} was loaded`)});`);
  }
  const caches = readdirSync(join(pkg, 'dist')).filter((n) => n.endsWith('.v8cache'));
  const saved = caches.map((n) => [n, readFileSync(join(pkg, 'dist', n))] as const);
  for (const [n] of saved) rmSync(join(pkg, 'dist', n));
  writeFileSync(file, text, 'latin1');
  try {
    f();
  } finally {
    writeFileSync(file, original, 'latin1');
    for (const [n, data] of saved) writeFileSync(join(pkg, 'dist', n), data);
  }
}
