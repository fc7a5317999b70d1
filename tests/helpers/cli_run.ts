// The built CLI run as a user runs it: a fresh node process in a working directory, with its
// exit code, both streams, and the JSON document on the last line of stdout when asked for.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

export const CLI_BIN = resolve('bin/vm-py.js');

export interface CliResult {
  code: number | null;
  out: string;
  err: string;
  json: () => any;
}

export function runCli(args: string[], cwd: string, bin = CLI_BIN): CliResult {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8' });
  const lines = r.stdout.trim().split('\n');
  return { code: r.status, out: r.stdout, err: r.stderr, json: () => JSON.parse(lines[lines.length - 1]) };
}
