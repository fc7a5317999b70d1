// vm-py/testing for JS test runners: the Chain API, and the package export built to dist/.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { Chain, TestFailure } from '../testing/index.js';

const CALC = { source: readFileSync('tests/fixtures/testing/calc.py', 'utf8'), file: 'calc.py' };

describe('vm-py/testing Chain', () => {
  test('deploy, call, events, storage, gas', () => {
    const chain = new Chain();
    const calc = chain.deploy(CALC, [5]);
    expect(chain.last!.status).toBe('SUCCESS');
    expect(chain.call(calc, 'get')).toBe(5);
    expect(chain.call(calc, 'add', { k: 3 })).toBe(8);
    expect(chain.lastGas).toBe(chain.last!.gasUsed);
    expect(chain.lastGas).toBeGreaterThan(0);
    const e = chain.expectEvent('Added', { k: 3n, n: 8 });
    expect(e.fields.by).toEqual(chain.sender);
    expect(chain.storage(calc.address, 'n')).toEqual(Uint8Array.from({ length: 32 }, (_, i) => (i === 31 ? 8 : 0)));
    expect(() => chain.expectEvent('Added', { k: 4 })).toThrow(TestFailure);
  });

  test('senders, block, balances and value', () => {
    const chain = new Chain();
    const calc = chain.deploy(CALC, [0]);
    const bob = chain.account('bob');
    chain.call(calc, 'add', [1], { sender: bob });
    expect(chain.expectEvent('Added').fields.by).toEqual(bob);
    chain.setHeight(10);
    chain.setTimestamp(1_800_000_000);
    expect(chain.call(calc, 'only_after', [10])).toBe(1_800_000_000);
    chain.setBalance(bob, 100n);
    expect(chain.call(calc, 'deposit', [], { sender: bob, value: 30 })).toBe(30);
    expect(chain.balance(bob)).toBe(70n);
  });

  test('expectRevert, expectError and a failed call with its traceback', () => {
    const chain = new Chain();
    const calc = chain.deploy(CALC, [0]);
    expect(chain.expectRevert(calc, 'only_after', [5], 'too early').revertReason).toBe('too early');
    expect(() => chain.expectRevert(calc, 'only_after', [5], 'too late')).toThrow(/revert with "too late", but it reverted with "too early"/);
    expect(() => chain.expectRevert(calc, 'get')).toThrow(/to revert, but it succeeded/);
    chain.expectError(calc, 'div', [1, 0], 'ZeroDivisionError');
    chain.expectError(calc, 'spin', [10 ** 9], 'OOG', { gasLimit: 50_000 });
    let err: unknown;
    try {
      chain.call(calc, 'div', [1, 0]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(TestFailure);
    expect((err as TestFailure).message).toContain('calc.div() failed: ZeroDivisionError');
    expect((err as TestFailure).message).toContain('File "calc.py", line 10, col 12, in div\n    return a // b');
    expect((err as TestFailure).result!.traceback).toHaveLength(1);
  });

  test('snapshot and revert restore state, block and sender', () => {
    const chain = new Chain();
    const calc = chain.deploy(CALC, [1]);
    const id = chain.snapshot();
    chain.call(calc, 'add', [10]);
    chain.setHeight(99);
    chain.setSender(chain.account('eve'));
    chain.revert(id);
    expect(chain.call(calc, 'get')).toBe(1);
    expect(chain.height).toBe(1n);
    expect(() => chain.revert(id)).toThrow(/no snapshot/);
  });

  test('the package export loads from dist', () => {
    const r = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "import { Chain } from 'vm-py/testing'; const c = new Chain(); const d = c.deploy('examples/counter/manifest.json'); console.log(typeof c.call, d.name)",
      ],
      { encoding: 'utf8' },
    );
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('function counter');
  });
});

describe('vm-py/testing declarations', () => {
  test('type-check a vitest-style consumer (and reject a misuse)', () => {
    const tsc = (dir: string) => spawnSync(process.execPath, [resolve('node_modules/typescript/bin/tsc'), '-p', dir], { encoding: 'utf8' });
    const consumer = (name: string, body: string) => {
      const dir = resolve(`.tmp/${name}`);
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      writeFileSync(
        join(dir, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: { strict: true, noEmit: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', types: [] },
          files: ['main.ts'],
        }),
      );
      writeFileSync(
        join(dir, 'main.ts'),
        `import { Chain, TestFailure, type CallResult, type Deployed } from 'vm-py/testing';\nconst chain = new Chain({ gasLimit: 1_000_000 });\nconst d: Deployed = chain.deploy({ source: 'def f() -> int:\\n    return 1\\n' });\n${body}\n`,
      );
      return tsc(dir);
    };
    const ok = consumer(
      'testing-ok',
      "const r: CallResult = chain.tryCall(d, 'f');\nconst g: number = chain.lastGas;\nchain.setSender(chain.account('bob'));\nvoid r; void g; void TestFailure;",
    );
    expect(ok.stdout + ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    const bad = consumer('testing-bad', "const s: number = chain.tryCall(d, 'f').status;\nvoid s;");
    expect(bad.status).not.toBe(0);
    expect(bad.stdout).toMatch(/main\.ts.*error TS2322/);
  });
});

describe('a constructor that must revert', () => {
  const GUARDED = {
    source:
      'from stdlib import abi, storage\n\ndef __init__(start: int) -> None:\n    abi.require(start >= 0, "negative start")\n    storage.set_int(b"n", start)\n',
    file: 'guarded.py',
  };

  test('Chain.expectDeployRevert: the reason, a wrong reason, a deploy that succeeds', () => {
    const chain = new Chain();
    expect(chain.expectDeployRevert(GUARDED, [-1], 'negative start').revertReason).toBe('negative start');
    expect(() => chain.expectDeployRevert(GUARDED, [-1], 'other')).toThrow(/revert with "other", but it reverted with "negative start"/);
    expect(() => chain.expectDeployRevert(GUARDED, [1])).toThrow(/guarded.__init__\(\) to revert, but it succeeded/);
  });

  test('testing.expect_deploy_revert in a test file passes and fails as expect_revert does', async () => {
    const { runTestFile } = await import('../testing/index.js');
    const dir = join('tests', '.tmp-deploy-revert');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    try {
      writeFileSync(join(dir, 'guarded.py'), GUARDED.source);
      writeFileSync(
        join(dir, 'test_guarded.py'),
        [
          'from stdlib import testing',
          '',
          'def test_reverts():',
          '    testing.expect_deploy_revert("guarded.py", [-1], reason="negative start")',
          '',
          'def test_does_not_revert():',
          '    testing.expect_deploy_revert("guarded.py", [3])',
          '',
        ].join('\n'),
      );
      const r = runTestFile(join(dir, 'test_guarded.py'));
      const by = new Map(r.tests.map((t) => [t.name, t]));
      expect(by.get('test_reverts')?.status, by.get('test_reverts')?.message).toBe('pass');
      expect(by.get('test_does_not_revert')?.status).toBe('fail');
      expect(by.get('test_does_not_revert')?.message).toMatch(/to revert, but it succeeded/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
