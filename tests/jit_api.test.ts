// The package lets a node choose the engine (vm-py/node: setEngineMode), and the choice moves
// no receipt byte: a token contract called repeatedly gives the same receipts interpreted and
// compiled, and the compiled mode really compiled it.
import { afterEach, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { call, compileSource, deploy, defaultBlock, defaultTx, engineMode, MemoryState, setEngineMode, type EngineMode } from '../index.js';
import { ENGINE_STATS } from '../core/jit/engine.js';

const SRC = `from stdlib import storage

def bump(n: int) -> int:
    s = 0
    i = 0
    while i < n:
        s = s + i * 3 % 7
        i = i + 1
    storage.set(b"s", s.to_bytes(32, "big"))
    return s
`;

function receipts(mode: EngineMode): string[] {
  setEngineMode(mode);
  const state = new MemoryState();
  const d = deploy({ contract: { code: compileSource(SRC).bytes }, gasLimit: 1e7, tx: defaultTx(), block: defaultBlock(), state });
  const to = d.created?.address;
  if (!to) throw new Error(`deploy failed: ${d.status}`);
  const out: string[] = [];
  for (const [n, gas] of [
    [10, 1e6],
    [500, 1e6],
    [500, 2_000],
    [3, 1e6],
  ] as const) {
    const r = call({ input: { fn: 'bump', args: [n] }, gasLimit: gas, tx: { ...defaultTx(), to }, block: defaultBlock(), state });
    out.push(Buffer.from(r.encoded).toString('hex'));
  }
  return out;
}

const was = engineMode();
afterEach(() => setEngineMode(was));

test('interp, jit and auto give byte-identical receipts through the package API', () => {
  expect(readFileSync('node.ts', 'utf8')).toContain('setEngineMode');
  const ref = receipts('interp');
  const before = ENGINE_STATS.compiled;
  expect(receipts('jit')).toEqual(ref);
  expect(ENGINE_STATS.compiled).toBeGreaterThan(before);
  expect(receipts('auto')).toEqual(ref);
  expect(new Set(ref).size).toBe(ref.length);
});

test('auto compiles a module once its interpreted calls used about what compiling costs, never at its first call', () => {
  setEngineMode('auto');
  const state = new MemoryState();
  // sources of their own: the code cache shares a loaded module among equal code
  const d = deploy({ contract: { code: compileSource(SRC.replace('% 7', '% 11')).bytes }, gasLimit: 1e7, tx: defaultTx(), block: defaultBlock(), state });
  const to = d.created!.address;
  const bump = (n: number) => call({ input: { fn: 'bump', args: [n] }, gasLimit: 1e9, tx: { ...defaultTx(), to }, block: defaultBlock(), state });
  const m0 = ENGINE_STATS.modulesCompiled;
  // one long call: still interpreted at its end, and the next call compiles
  const first = bump(200_000);
  expect(first.status).toBe('SUCCESS');
  expect(ENGINE_STATS.modulesCompiled).toBe(m0);
  const c0 = ENGINE_STATS.compiled;
  bump(10);
  expect(ENGINE_STATS.modulesCompiled).toBe(m0 + 1);
  expect(ENGINE_STATS.compiled).toBe(c0 + 1);
  // a fresh copy of the code called cheaply stays interpreted for many calls
  const d2 = deploy({
    contract: { code: compileSource(SRC.replace('% 7', '% 13')).bytes },
    gasLimit: 1e7,
    tx: { ...defaultTx(), nonce: 1n },
    block: defaultBlock(),
    state,
  });
  const to2 = d2.created!.address;
  for (let i = 0; i < 20; i++) call({ input: { fn: 'bump', args: [3] }, gasLimit: 1e6, tx: { ...defaultTx(), to: to2 }, block: defaultBlock(), state });
  expect(ENGINE_STATS.modulesCompiled).toBe(m0 + 1);
});
