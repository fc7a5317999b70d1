// `vm-py run` and `vm-py call` without yargs, for cold start: loading yargs alone costs about half of a bare
// `node -e 0`. This reads only the plain forms of the run command line, where yargs's
// reading is not in doubt: `run`, then each option at most once as `--name value` (or `-m`,
// `-c`, `-a`), `--json`, `--trace` and `--dry-run` as bare flags, values that do not start with `-` or a
// quote, and a decimal --gas-limit. Anything else (--help, `--name=value`, camelCase or
// negated names, repeated or unknown options, positional arguments, --balance/--result)
// returns undefined and main() hands the whole command line to yargs, so help, errors and
// exit codes are yargs's own. tests/cli_fastargs.test.ts compares the two readings.
import type { RunArgs } from './run.js';

type Key = Exclude<keyof RunArgs, 'gasLimit' | 'json' | 'trace' | 'dryRun' | 'balance' | 'result' | 'gasProfile'>;

const STRINGS: Record<string, Key> = {
  '--manifest': 'manifest',
  '-m': 'manifest',
  '--call': 'call',
  '-c': 'call',
  '--calldata': 'calldata',
  '--args': 'args',
  '-a': 'args',
  '--state': 'state',
  '--sender': 'sender',
  '--value': 'value',
  '--height': 'height',
  '--timestamp': 'timestamp',
  '--chain-id': 'chainId',
  '--tx-hash': 'txHash',
  '--beacon': 'beacon',
  '--to': 'to',
};

const FLAGS: Record<string, 'json' | 'trace' | 'dryRun'> = { '--json': 'json', '--trace': 'trace', '--dry-run': 'dryRun' };

export function fastRunArgs(argv: readonly string[]): RunArgs | undefined {
  if (argv[0] !== 'run' && argv[0] !== 'call') return undefined;
  const a: RunArgs = { manifest: '', gasLimit: 1_000_000, json: false, trace: false, gasProfile: false, dryRun: argv[0] === 'call' };
  const seen = new Set<string>();
  for (let i = 1; i < argv.length; i++) {
    const t = argv[i];
    if (Object.hasOwn(FLAGS, t)) {
      const next = argv[i + 1];
      // yargs would take a following `true`/`false` as the flag's value
      if (seen.has(t) || next === 'true' || next === 'false') return undefined;
      seen.add(t);
      a[FLAGS[t]] = true;
      continue;
    }
    const key = Object.hasOwn(STRINGS, t) ? STRINGS[t] : t === '--gas-limit' ? 'gasLimit' : undefined;
    const v = argv[i + 1];
    if (key === undefined || seen.has(key) || v === undefined || v === '' || /^[-'"]/.test(v)) return undefined;
    seen.add(key);
    i++;
    if (key === 'gasLimit') {
      if (!/^[0-9]{1,15}$/.test(v)) return undefined;
      a.gasLimit = Number(v);
    } else a[key] = v;
  }
  return seen.has('manifest') ? a : undefined;
}
