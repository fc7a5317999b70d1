// The yargs-free reading of plain `vm-py run` command lines (cli/fastargs.ts) must give
// exactly the arguments yargs gives, and step aside (undefined) for everything else.
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { fastRunArgs } from '../cli/fastargs.js';
import type { RunArgs } from '../cli/run.js';
import { yargsMain } from '../cli/yargs_cli.js';

/** What yargs hands the run command for `argv`, or undefined when it does not run it. */
async function viaYargs(argv: string[]): Promise<RunArgs | undefined> {
  let got: RunArgs | undefined;
  await yargsMain(argv, async (a) => {
    got = a;
    return 0;
  });
  return got;
}

/** RunArgs without the keys yargs leaves undefined, for toEqual. */
function defined(a: RunArgs | undefined) {
  return a && Object.fromEntries(Object.entries(a).filter(([, v]) => v !== undefined));
}

beforeEach(() => {
  // yargs reports rejected command lines on stderr (and main's report on stdout with --json)
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  vi.spyOn(console, 'error').mockImplementation(() => {});
  vi.spyOn(console, 'log').mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

const M = ['run', '--manifest', 'examples/counter/manifest.json'];

describe('fast run arguments', () => {
  const taken: string[][] = [
    [...M, '--call', 'get'],
    ['run', '-m', 'm.json', '-c', 'set', '--args', '[7]', '--state', 's.json'],
    ['run', '-c', 'set', '-a', '{"n": 5}', '-m', 'm.json', '--json'],
    [...M, '--call', 'inc', '--gas-limit', '500', '--json', '--trace'],
    [...M, '--calldata', '0xf1e030f0110a25e0', '--state', '/tmp/x/state.json'],
    [...M, '--call', 'get', '--sender', '0x' + '22'.repeat(32), '--value', '5', '--height', '7', '--timestamp', '9', '--chain-id', '3'],
    [...M, '--call', 'get', '--tx-hash', '0x' + '33'.repeat(32), '--beacon', '0x' + '44'.repeat(32)],
    [...M, '--call', 'true', '--args', 'false'],
    [...M, '--call', '12', '--gas-limit', '0'],
    [...M, '--call', 'a b', '--args', '[-1]'],
    ['run', '--json', '--manifest', 'm.json', '--trace', '--call', 'x'],
    [...M, '--call', 'inc', '--dry-run', '--json'],
    ['call', '-m', 'm.json', '-c', 'get', '--json'],
    ['call', '-m', 'm.json', '-c', 'get', '--dry-run'],
  ];
  for (const argv of taken) {
    test(`taken, same as yargs: ${argv.slice(1).join(' ')}`, async () => {
      const fast = fastRunArgs(argv);
      expect(fast).toBeDefined();
      expect(defined(fast)).toEqual(defined(await viaYargs(argv)));
    });
  }

  const left: string[][] = [
    ['run'],
    ['run', '--call', 'get'],
    ['compile', 'c.py'],
    [...M, '--help'],
    [...M, '--call=get'],
    [...M, '--call', 'get', '--call', 'inc'],
    [...M, '-c', 'get', '--call', 'inc'],
    [...M, '--gasLimit', '5'],
    [...M, '--gas-limit', '-5'],
    [...M, '--gas-limit', '1e6'],
    [...M, '--gas-limit', '0x10'],
    [...M, '--args', '-1'],
    [...M, '--call', '"get"'],
    [...M, '--call', "'get'"],
    [...M, '--call'],
    [...M, '--call', ''],
    [...M, '--json', 'true'],
    [...M, '--trace', 'false'],
    [...M, '--no-json'],
    [...M, '--json', '--json'],
    [...M, '--balance', '0x00=1'],
    [...M, '--result', '0x00=0x'],
    [...M, 'extra'],
    [...M, '--'],
    [...M, '-mc', 'x'],
    [...M, '--version'],
    [...M, '--unknown', 'x'],
  ];
  for (const argv of left) {
    test(`left to yargs: ${argv.slice(1).join(' ') || argv[0]}`, () => {
      expect(fastRunArgs(argv)).toBeUndefined();
    });
  }

  test('random command lines: taken ones read as yargs reads them', async () => {
    const names = [
      '--manifest',
      '-m',
      '--call',
      '-c',
      '--args',
      '-a',
      '--calldata',
      '--state',
      '--gas-limit',
      '--sender',
      '--value',
      '--height',
      '--timestamp',
      '--chain-id',
      '--tx-hash',
      '--beacon',
      '--json',
      '--trace',
      '--dry-run',
      '--balance',
      '--gasLimit',
      '--no-trace',
      '-x',
      '--call=x',
    ];
    const values = [
      'm.json',
      'get',
      '0',
      '7',
      '00',
      '-1',
      '-',
      '--',
      'true',
      'false',
      '"q"',
      "'q'",
      '[1, 2]',
      '{"n":1}',
      '',
      ' ',
      'a=b',
      '0x12',
      '1e3',
      '99999999999999999',
      '.',
      'run',
    ];
    const value = fc.oneof(fc.constantFrom(...values), fc.string({ maxLength: 4 }));
    const piece = fc.oneof(
      fc.tuple(fc.constantFrom(...names), value).map(([n, v]) => [n, v]),
      fc.constantFrom(...names).map((n) => [n]),
      value.map((v) => [v]),
    );
    let taken = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 6 }), fc.boolean(), fc.constantFrom('run', 'call'), async (pieces, withManifest, cmd) => {
        const argv = [cmd, ...(withManifest ? ['-m', 'm.json'] : []), ...pieces.flat()].filter((t) => t !== '--help' && t !== '--version');
        const fast = fastRunArgs(argv);
        if (fast === undefined) return;
        taken++;
        expect(defined(fast)).toEqual(defined(await viaYargs(argv)));
      }),
      { numRuns: 1000 },
    );
    expect(taken).toBeGreaterThan(50);
  });
});
