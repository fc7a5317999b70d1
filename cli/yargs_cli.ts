// The yargs command line: every command, --help, usage errors. main() loads this module (and
// yargs) for everything except the common `vm-py run` forms, which cli/fastargs.ts reads
// without yargs (cold start); tests/cli_fastargs.test.ts checks both give the same arguments.
import yargs from 'yargs';
import { VmPyError } from '../spec/errors.js';
import { compileCommand } from './compile.js';
import { decodeCommand } from './decode.js';
import { deployCommand } from './deploy.js';
import { UsageError } from './fail.js';
import { inspectCommand } from './inspect.js';
import { out, report } from './report.js';
import { runCommand, type RunArgs } from './run.js';
import { initCommand } from './init.js';
import { manifestCommand } from './manifest.js';
import { testCommand } from './test.js';
import { vectorsCommand } from './vectors.js';
import { VERSION } from './version.js';

/** Parse `argv` with yargs and dispatch; `runHandler` replaces the run command (tests). */
export async function yargsMain(argv: string[], runHandler: (a: RunArgs) => Promise<number> = (a) => runCommand(a, out)): Promise<number> {
  const json = argv.includes('--json');
  let code = 0;
  const guard = (f: () => number) => {
    try {
      code = f();
    } catch (e) {
      code = report(e, json);
    }
  };
  const guardAsync = async (f: () => Promise<number>) => {
    try {
      code = await f();
    } catch (e) {
      code = report(e, json);
    }
  };
  const cli = yargs(argv)
    .scriptName('vm-py')
    .usage('$0 <command> [options]')
    .command(
      'compile <file>',
      'validate and compile a contract to IR',
      (y) =>
        y
          .positional('file', { type: 'string', demandOption: true, describe: 'contract source (.py)' })
          .option('out', { alias: 'o', type: 'string', describe: 'write the IR here' })
          .option('strip', { type: 'boolean', default: false, describe: 'drop the debug section' })
          .option('json', { type: 'boolean', default: false }),
      (a) => guard(() => compileCommand({ file: a.file, out: a.out, strip: a.strip, json: a.json }, out)),
    )
    .command(
      'inspect-ir <file>',
      'disassemble an IR file',
      (y) => y.positional('file', { type: 'string', demandOption: true }).option('json', { type: 'boolean', default: false }),
      (a) => guard(() => inspectCommand({ file: a.file, json: a.json }, out)),
    )
    .command(
      ['run', 'call'],
      "compile a manifest's contract and call one function (`call`: without committing anything, as `run --dry-run`)",
      (y) =>
        y
          .option('dry-run', { type: 'boolean', default: false, describe: 'run against the state but write nothing back' })
          .option('manifest', { alias: 'm', type: 'string', demandOption: true, describe: 'manifest.json' })
          .option('call', { alias: 'c', type: 'string', describe: 'function name' })
          .option('calldata', { type: 'string', describe: 'raw call payload 0x<selector><args> instead of --call/--args' })
          .option('to', { type: 'string', describe: "deployed contract address, 0x-hex (default: the manifest's latest `vm-py deploy`)" })
          .option('args', { alias: 'a', type: 'string', describe: 'JSON array (or object by parameter name)' })
          .option('state', { type: 'string', describe: 'state file (default .vm-py/state.json), or an LMDB store directory' })
          .option('gas-limit', { type: 'number', default: 1_000_000 })
          .option('sender', { type: 'string', describe: 'caller address, 0x-hex (default 0x1111...)' })
          .option('value', { type: 'string', describe: 'call value moved from the sender to the contract (default 0)' })
          .option('height', { type: 'string', describe: 'block height (default 1)' })
          .option('timestamp', { type: 'string', describe: 'block timestamp (default 1700000000)' })
          .option('chain-id', { type: 'string', describe: 'chain id (default 1)' })
          .option('tx-hash', { type: 'string', describe: '32-byte 0x-hex (default: derived from the call)' })
          .option('beacon', { type: 'string', describe: 'block randomness beacon, 32-byte 0x-hex (default zeros)' })
          .option('balance', { type: 'string', array: true, describe: 'seed a balance in the state file: <0xaddress>=<amount> (repeatable)' })
          .option('result', { type: 'string', array: true, describe: 'host answer for syscalls.read_result / zk_verify: <0xtask_id>=<0xbytes> (repeatable)' })
          .option('trace', {
            type: 'boolean',
            default: false,
            describe: 'print each instruction with its source line, gas cost and gas left, the value it produced and the locals it changed',
          })
          .option('gas-profile', { type: 'boolean', default: false, describe: 'print gas per source line and per function, highest first' })
          .option('json', { type: 'boolean', default: false }),
      (a) =>
        guardAsync(() =>
          runHandler({
            manifest: a.manifest,
            call: a.call,
            calldata: a.calldata,
            args: a.args,
            state: a.state,
            gasLimit: a['gas-limit'],
            json: a.json,
            sender: a.sender,
            value: a.value,
            height: a.height,
            timestamp: a.timestamp,
            chainId: a['chain-id'],
            txHash: a['tx-hash'],
            balance: a.balance,
            beacon: a.beacon,
            result: a.result,
            trace: a.trace,
            gasProfile: a['gas-profile'],
            dryRun: a['dry-run'] || a._[0] === 'call',
            to: a.to,
          }),
        ),
    )
    .command(
      'deploy',
      "compile a manifest's contract, store it at a new address (from sender and nonce) and run its constructor; prints the address",
      (y) =>
        y
          .option('manifest', { alias: 'm', type: 'string', demandOption: true, describe: 'manifest.json' })
          .option('args', { alias: 'a', type: 'string', describe: 'constructor (__init__) arguments: JSON array (or object by parameter name)' })
          .option('state', { type: 'string', describe: 'state file (default .vm-py/state.json), or an LMDB store directory (made if missing)' })
          .option('gas-limit', { type: 'number', default: 1_000_000 })
          .option('sender', { type: 'string', describe: 'deployer address, 0x-hex (default 0x1111...)' })
          .option('nonce', { type: 'string', describe: "the deployer's nonce (default: the next one this state file has recorded for the sender)" })
          .option('value', { type: 'string', describe: 'value moved from the sender to the new contract (default 0)' })
          .option('height', { type: 'string', describe: 'block height (default 1)' })
          .option('timestamp', { type: 'string', describe: 'block timestamp (default 1700000000)' })
          .option('chain-id', { type: 'string', describe: 'chain id (default 1)' })
          .option('balance', { type: 'string', array: true, describe: 'seed a balance in the state file: <0xaddress>=<amount> (repeatable)' })
          .option('json', { type: 'boolean', default: false }),
      (a) =>
        guardAsync(() =>
          deployCommand(
            {
              manifest: a.manifest,
              args: a.args,
              state: a.state,
              gasLimit: a['gas-limit'],
              json: a.json,
              sender: a.sender,
              nonce: a.nonce,
              value: a.value,
              height: a.height,
              timestamp: a.timestamp,
              chainId: a['chain-id'],
              balance: a.balance,
            },
            out,
          ),
        ),
    )
    .command(
      'decode',
      "decode call data, return data or event data with a manifest's ABI",
      (y) =>
        y
          .option('manifest', { alias: 'm', type: 'string', demandOption: true, describe: 'manifest.json' })
          .option('calldata', { type: 'string', describe: '0x<selector><args>: which function, with its arguments' })
          .option('return', { type: 'string', array: true, describe: "<function> 0x<data>: the function's return data" })
          .option('event', { type: 'string', describe: "0x<data>: an event's data (a log entry's data)" })
          .option('name', { type: 'string', describe: "with --event: the event's name, when its fields do not tell" })
          .option('json', { type: 'boolean', default: false }),
      (a) => guard(() => decodeCommand({ manifest: a.manifest, calldata: a.calldata, return: a.return, event: a.event, name: a.name, json: a.json }, out)),
    )
    .command(
      'vectors <file>',
      'replay a golden vector file (abi, ir or calls) and print pass/fail per case',
      (y) =>
        y
          .positional('file', { type: 'string', demandOption: true, describe: 'spec/test_vectors/*.json' })
          .option('root', { type: 'string', describe: "directory the vector file's source paths are relative to" })
          .option('json', { type: 'boolean', default: false }),
      (a) => guard(() => vectorsCommand({ file: a.file, root: a.root, json: a.json }, out)),
    )
    .command(
      'test [paths..]',
      'run test_*.py files (every test_* function; with parameters: a property test)',
      (y) =>
        y
          .positional('paths', { type: 'string', array: true, default: [], describe: 'test files or directories (default: .)' })
          .option('match', { alias: 'k', type: 'string', describe: 'run only tests whose name contains this' })
          .option('gas-report', { type: 'boolean', default: false, describe: 'min/mean/median/max gas per contract function' })
          .option('fuzz-runs', { type: 'number', describe: 'generated cases per property test (default 100)' })
          .option('seed', { type: 'number', describe: 'property test seed (default 0)' })
          .option('json', { type: 'boolean', default: false }),
      (a) =>
        guard(() =>
          testCommand(
            { paths: (a.paths as string[]) ?? [], match: a.match, gasReport: a['gas-report'], fuzzRuns: a['fuzz-runs'], seed: a.seed, json: a.json },
            out,
          ),
        ),
    )
    .command(
      'init <dir>',
      'scaffold a contract project: contract.py, manifest.json and a passing test_contract.py',
      (y) =>
        y
          .positional('dir', { type: 'string', demandOption: true })
          .option('force', { type: 'boolean', default: false, describe: 'overwrite existing files' })
          .option('json', { type: 'boolean', default: false }),
      (a) => guard(() => initCommand({ dir: a.dir, force: a.force, json: a.json }, out)),
    )
    .command(
      'manifest <file>',
      "write a contract's manifest with the ABI read from its annotations (keeps an existing manifest's name, version and declarations)",
      (y) =>
        y
          .positional('file', { type: 'string', demandOption: true, describe: 'contract source (.py)' })
          .option('out', { alias: 'o', type: 'string', describe: "where to write (default: manifest.json beside the contract; '-' prints it)" })
          .option('name', { type: 'string', describe: "contract name (default: the existing manifest's, else the directory name)" })
          .option('json', { type: 'boolean', default: false }),
      (a) => guard(() => manifestCommand({ file: a.file, out: a.out, name: a.name, json: a.json }, out)),
    )
    .command(
      'node',
      'serve a local development chain over JSON-RPC on 127.0.0.1 (blocks persisted in an LMDB store)',
      (y) =>
        y
          .option('port', { type: 'number', default: 8545, describe: 'TCP port on 127.0.0.1 (0: any free one)' })
          .option('state', { type: 'string', describe: 'store directory (default .vm-py/chain)' })
          .option('fund', { type: 'string', array: true, describe: 'ADDRESS=AMOUNT credited when the store is new' })
          .option('coinbase', { type: 'string', describe: 'address credited with the fees' }),
      (a) => guardAsync(async () => (await import('./node_command.js')).nodeCommand({ port: a.port, state: a.state, fund: a.fund, coinbase: a.coinbase }, out)),
    )
    .demandCommand(1, 'name a command: compile, deploy, run, call, decode, inspect-ir, vectors, test, init, manifest or node')
    .strict()
    .help()
    .version(VERSION)
    .alias('version', 'V')
    .fail((msg, err) => {
      throw err ?? new UsageError(msg);
    });
  try {
    await cli.parseAsync();
  } catch (e) {
    if (e instanceof VmPyError) return report(e, json);
    return report(new UsageError(e instanceof Error ? e.message : String(e)), json);
  }
  return code;
}
