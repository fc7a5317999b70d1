// The package's entries (package.json "exports") as a user gets them: the IR-only node entry
// bundles without the parser and compiler, the built entries share one copy of the core, and
// the shipped declarations (dist/types, made by `npm run build`) type-check a consumer.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script, without declarations
import { bundleEntry, ENTRIES } from '../scripts/bundle-size.mjs';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
// what compiling source needs and running IR does not
const PARSER = /node_modules\/@lezer\/|^validate\/|^compiler\/(index|lower|constfold)\.ts$/;

describe('the IR-only entry', () => {
  it('bundles without the parser, validation or lowering', async () => {
    const { inputs } = (await bundleEntry('node.ts')) as { inputs: string[] };
    expect(inputs).toContain('node/adapter.ts');
    expect(inputs.filter((f) => PARSER.test(f))).toEqual([]);
  });

  it('the package root and vm-py/compiler do bundle the parser (the check above can fail)', async () => {
    for (const file of ['index.ts', 'compile.ts']) {
      const { inputs } = (await bundleEntry(file)) as { inputs: string[] };
      expect(inputs.some((f) => f.startsWith('node_modules/@lezer/python/'))).toBe(true);
    }
  });

  it('each export has a bundle-size row in the README, and each row an export', () => {
    const exported = Object.keys(pkg.exports)
      .filter((k) => k !== './package.json')
      .map((k) => (k === '.' ? 'vm-py' : `vm-py/${k.slice(2)}`));
    expect((ENTRIES as { name: string }[]).map((e) => e.name).sort()).toEqual(exported.sort());
    const readme = readFileSync('README.md', 'utf8');
    const block = /<!-- bundle-size -->\n([\s\S]*?)\n<!-- \/bundle-size -->/.exec(readme);
    expect(block, 'README.md has a bundle-size block (npm run size -- --write)').not.toBeNull();
    const rows = [...block![1].matchAll(/^\| `([^`]+)` \|.*\| [\d.]+ KB \| [\d.]+ KB \|$/gm)].map((m) => m[1]);
    expect(rows.sort()).toEqual(exported.sort());
  });
});

describe('built entries', () => {
  it('run IR from vm-py/compiler through vm-py/node, and refuse source there with a typed error', () => {
    // a separate process, so the package resolves by its own name through "exports"
    const script = `
      import * as node from 'vm-py/node';
      import * as compiler from 'vm-py/compiler';
      import * as root from 'vm-py';
      const c = compiler.compileSource('def f() -> int:\\n    return 7\\n', { file: 'x.py' });
      const env = { gasLimit: 100_000, tx: node.defaultTx(), block: node.defaultBlock(), state: new node.MemoryState() };
      const r = node.call({ ...env, contract: { code: c.bytes }, input: { fn: 'f' } });
      let refused = 'no';
      try { node.call({ ...env, contract: { manifest: {}, source: '' }, input: { fn: 'f' } }); } catch (e) { refused = e.constructor.name + ' ' + (e instanceof root.AbiError); }
      let fromCompiler = 'no';
      try { compiler.compileSource('def f(:', { file: 'x.py' }); } catch (e) { fromCompiler = String(e instanceof node.VmPyError); }
      console.log(JSON.stringify({ status: r.status, value: String(r.returnValue), refused, fromCompiler, same: root.deploy !== node.deploy && root.MemoryState === node.MemoryState }));
    `;
    mkdirSync('.tmp', { recursive: true });
    const file = resolve('.tmp/entries-run.mjs');
    writeFileSync(file, script);
    const r = spawnSync(process.execPath, [file], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ status: 'SUCCESS', value: '7', refused: 'AbiError true', fromCompiler: 'true', same: true });
  });
});

describe('declarations', () => {
  const tsc = (dir: string) => spawnSync(process.execPath, [resolve('node_modules/typescript/bin/tsc'), '-p', dir], { encoding: 'utf8' });
  const consumer = (dir: string, body: string) => {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    // no @types, no skipLibCheck: the shipped .d.ts files are checked too
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { strict: true, noEmit: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', types: [] },
        files: ['main.ts'],
      }),
    );
    writeFileSync(join(dir, 'main.ts'), body);
  };
  const header = `
    import { call, deploy, MemoryState, defaultBlock, defaultTx, type AdapterReceipt } from 'vm-py';
    import * as node from 'vm-py/node';
    import { compileSource, type CompiledContract } from 'vm-py/compiler';
    const c: CompiledContract = compileSource('def f() -> int:\\n    return 1\\n', { file: 'x.py' });
    const env = { gasLimit: 100_000, tx: defaultTx(), block: defaultBlock(), state: new MemoryState() };
  `;

  it('exist where package.json "exports" points, and are .d.ts files', () => {
    for (const [k, v] of Object.entries(pkg.exports as Record<string, { types?: string } | string>)) {
      if (typeof v === 'string') continue;
      expect(v.types, k).toMatch(/^\.\/dist\/types\/.*\.d\.ts$/);
      expect(existsSync(v.types!), `${v.types} (run npm run build)`).toBe(true);
    }
    expect(pkg.types).toBe(pkg.exports['.'].types);
  });

  it('type-check a consumer of all three entries', () => {
    const dir = resolve('.tmp/consumer-ok');
    consumer(
      dir,
      header +
        `
      const r: AdapterReceipt = node.deploy({ ...env, contract: { code: c.bytes } });
      const s: 'SUCCESS' | 'REVERT' | 'OOG' | 'ERROR' = r.status;
      void call; void deploy; void s;
    `,
    );
    const r = tsc(dir);
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('reject a consumer that misuses them (so the check above can fail)', () => {
    const dir = resolve('.tmp/consumer-bad');
    consumer(
      dir,
      header +
        `
      const n: number = node.deploy({ ...env, contract: { code: c.bytes } }).status;
      void n;
    `,
    );
    const r = tsc(dir);
    expect(r.status).not.toBe(0);
    expect(r.stdout).toMatch(/main\.ts.*error TS2322/);
  });
});
