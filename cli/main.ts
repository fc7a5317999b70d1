// vm-py command line: compile | run | call | decode | inspect-ir | vectors | --version. Exit codes: 0 success, 1 the
// call reverted / ran out of gas / failed in the contract, 2 bad input or usage. Errors are
// one line (plus a caret excerpt for source errors), or one JSON object with --json.
//
// Cold start: a plain `vm-py run` initializes only what it needs. The plain run forms are
// read by cli/fastargs.ts; everything else goes to yargs (cli/yargs_cli.ts, imported
// dynamically), and the compiler is initialized only on an IR cache miss.
import { isEngineMode, setEngineMode } from '../core/jit/engine.js';
import { fastRunArgs } from './fastargs.js';
import { out, report } from './report.js';
import { runCommand } from './run.js';
import { VERSION } from './version.js';

export async function main(argv: string[]): Promise<number> {
  // which engine runs contract code (spec/JIT.md); receipts are the same in every mode
  if (isEngineMode(process.env.VMPY_ENGINE)) setEngineMode(process.env.VMPY_ENGINE);
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
    out(`vm-py ${VERSION}`);
    return 0;
  }
  const run = fastRunArgs(argv);
  if (run) {
    try {
      return await runCommand(run, out);
    } catch (e) {
      return report(e, argv.includes('--json'));
    }
  }
  const { yargsMain } = await import('./yargs_cli.js');
  return yargsMain(argv);
}
