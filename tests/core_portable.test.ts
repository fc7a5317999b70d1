// The core (validate, compiler, runtime, stdlib, spec) runs without Node: no node: modules,
// fs, path, Buffer or process. Checked twice: by scanning the sources, and by bundling the
// core for the browser and running the counter sequence in a bare JS context, where the
// receipts must hash exactly as the golden vectors say.
import { build } from 'esbuild';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runInNewContext } from 'node:vm';
import { expect, test } from 'vitest';

const ROOT = resolve('.');
const CORE = ['validate', 'compiler', 'core', 'node', 'stdlib', 'spec'];

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? tsFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

test('core sources import no Node module and use no Node global', () => {
  const bad: string[] = [];
  for (const f of [...CORE.flatMap((d) => tsFiles(join(ROOT, d))), join(ROOT, 'index.ts')]) {
    readFileSync(f, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        // comment lines may say "process"; only code counts
        if (/^\s*(\*|\/\*)/.test(line)) return;
        const code = line
          .replace(/\/\*.*?\*\//g, '')
          .replace(/\/\/.*$/, '')
          .replace(/'(?:[^'\\]|\\.)*'|`(?:[^`\\]|\\.)*`/g, (s) => (/^'(node:|fs|path|os|crypto|child_process|url|module|worker_threads)/.test(s) ? s : "''"));
        if (
          /from\s+'(node:[^']*|fs|path|os|crypto|child_process|url|module|worker_threads)'/.test(code) ||
          /\bimport\s*\(/.test(code) ||
          /\b(Buffer|process|__dirname|__filename|setTimeout|setImmediate)\b/.test(code)
        ) {
          bad.push(`${f.slice(ROOT.length + 1)}:${i + 1}: ${line.trim()}`);
        }
      });
  }
  expect(bad).toEqual([]);
});

test('the core bundled for the browser runs the counter sequence with the golden receipt hashes', async () => {
  const entry = `
    import { call, MemoryState } from './index.ts';
    export function runSequence(source, manifest, calls, env) {
      const hex = (s) => Uint8Array.from(s.match(/../g) ?? [], (b) => parseInt(b, 16));
      const state = new MemoryState();
      const tx = { hash: hex(env.tx.hash), sender: hex(env.tx.sender), to: hex(env.address), value: 0n, nonce: 0n };
      const block = { height: BigInt(env.block.height), timestamp: BigInt(env.block.timestamp), chainId: BigInt(env.block.chainId), coinbase: hex(env.block.coinbase), beacon: hex(env.block.beacon) };
      return calls.map((c) => {
        const r = call({ contract: { manifest, source }, input: hex(c.calldata), gasLimit: env.gasLimit, tx, block, state });
        return Array.from(r.hash, (b) => b.toString(16).padStart(2, '0')).join('');
      });
    }`;
  const out = await build({
    stdin: { contents: entry, resolveDir: ROOT, loader: 'ts', sourcefile: 'browser-entry.ts' },
    bundle: true,
    platform: 'browser',
    format: 'iife',
    globalName: 'vmpy',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  const js = out.outputFiles[0].text;
  expect(js).not.toMatch(/\brequire\("(node:|fs|path)/);
  // A fresh realm with only what a browser also has; no process, Buffer or require.
  const sandbox: Record<string, unknown> = { TextEncoder, TextDecoder, crypto: globalThis.crypto };
  runInNewContext(js, sandbox, { filename: 'vm-py-browser.js' });
  const vectors = JSON.parse(readFileSync('spec/test_vectors/calls.json', 'utf8'));
  const seq = vectors.sequences.find((s: { name: string }) => s.name === 'counter');
  const api = sandbox.vmpy as { runSequence: (...a: unknown[]) => string[] };
  const manifest = JSON.parse(readFileSync('examples/counter/manifest.json', 'utf8'));
  const hashes = api.runSequence(readFileSync('examples/counter/contract.py', 'utf8'), manifest, seq.calls, vectors.env);
  expect(hashes).toEqual(seq.calls.map((c: { receiptHash: string }) => c.receiptHash));
  expect(runInNewContext('typeof process + typeof Buffer + typeof require', sandbox)).toBe('undefinedundefinedundefined');
});
