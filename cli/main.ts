// vm-py command line: compile | run | inspect-ir. Exit codes: 0 success, 1 the call
// reverted / ran out of gas / failed in the contract, 2 bad input or usage. Errors are one
// line (plus a caret excerpt for source errors), or one JSON object with --json.
import { readFileSync } from 'node:fs';
import yargs from 'yargs';
import { VmPyError } from '../spec/errors.js';
import { Source } from '../validate/index.js';
import { compileCommand } from './compile.js';
import { EXIT_BAD_INPUT, UsageError } from './fail.js';
import { inspectCommand } from './inspect.js';
import { errorHuman, errorJson } from './render.js';
import { runCommand } from './run.js';
import { vectorsCommand } from './vectors.js';

const out = (s: string) => process.stdout.write(s + '\n');

function report(e: unknown, json: boolean): number {
  if (!(e instanceof VmPyError)) {
    // a bug in vm-py, not in the user's input: still one line, but say so
    const msg = e instanceof Error ? e.message : String(e);
    if (json) out(JSON.stringify({ ok: false, status: 'ERROR', error: { code: 'E-INTERNAL', message: msg } }));
    else process.stderr.write(`internal error (please report): ${msg}\n`);
    return 70;
  }
  if (json) out(JSON.stringify(errorJson(e)));
  else process.stderr.write(errorHuman(e, sourceOf(e)) + '\n');
  return EXIT_BAD_INPUT;
}

function sourceOf(e: VmPyError): Source | undefined {
  const file = e.location?.file;
  if (!file) return undefined;
  try {
    return new Source(readFileSync(file, 'utf8'), file);
  } catch {
    return undefined;
  }
}

export async function main(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  let code = 0;
  const guard = (f: () => number) => {
    try {
      code = f();
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
      'run',
      "compile a manifest's contract and call one function",
      (y) =>
        y
          .option('manifest', { alias: 'm', type: 'string', demandOption: true, describe: 'manifest.json' })
          .option('call', { alias: 'c', type: 'string', describe: 'function name' })
          .option('calldata', { type: 'string', describe: 'raw call payload 0x<selector><args> instead of --call/--args' })
          .option('args', { alias: 'a', type: 'string', describe: 'JSON array (or object by parameter name)' })
          .option('state', { type: 'string', describe: 'state file (default .vm-py/state.json)' })
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
          .option('trace', { type: 'boolean', default: false, describe: 'print each instruction with its source line, gas cost and gas left' })
          .option('json', { type: 'boolean', default: false }),
      (a) =>
        guard(() =>
          runCommand(
            {
              manifest: a.manifest, call: a.call, calldata: a.calldata, args: a.args, state: a.state, gasLimit: a['gas-limit'], json: a.json,
              sender: a.sender, value: a.value, height: a.height, timestamp: a.timestamp, chainId: a['chain-id'], txHash: a['tx-hash'], balance: a.balance,
              beacon: a.beacon, result: a.result, trace: a.trace,
            },
            out,
          ),
        ),
    )
    .command(
      'vectors <file>',
      'replay a golden vector file (abi, ir or calls) and print pass/fail per case',
      (y) =>
        y
          .positional('file', { type: 'string', demandOption: true, describe: 'spec/test_vectors/*.json' })
          .option('root', { type: 'string', describe: 'directory the vector file\'s source paths are relative to' })
          .option('json', { type: 'boolean', default: false }),
      (a) => guard(() => vectorsCommand({ file: a.file, root: a.root, json: a.json }, out)),
    )
    .demandCommand(1, 'name a command: compile, run, inspect-ir or vectors')
    .strict()
    .help()
    .version(false)
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
