// `node bench/block.mjs prof [blocks] [--cpu-prof]`: serial executeBlock in memory over many
// blocks of independent token transfers, for a CPU profile of the per-tx path. Prints the
// CPU time per tx (this process's user+system time, which other processes on a shared
// machine disturb far less than the wall clock) and the load next to it.
import { execSync } from 'node:child_process';
import { MemoryState } from '../node/state.js';
import { executeBlock } from '../node/block/execute_block.js';
import type { Tx } from '../node/block/tx.js';
import { addr, header, setupToken, transferTx } from '../tests/helpers/chain.js';
import { useNativeTrieHash } from '../host/native_hash.js';

if (process.env.BENCH_NOBLE !== '1') useNativeTrieHash();
const BLOCK = 200;
const ACCOUNTS = 1_000;
const blocks = Number(process.argv[3] ?? 50);
const state = new MemoryState();
const { token, nonces } = setupToken(state, ACCOUNTS);
const load = () =>
  execSync('uptime')
    .toString()
    .trim()
    .replace(/.*load average: /, 'load ');
const make = (round: number): Tx[] => {
  const txs: Tx[] = [];
  for (let j = 0; j < BLOCK; j++) {
    const s = 1 + ((round * BLOCK + j) % (ACCOUNTS / 2 - 1));
    txs.push(transferTx(addr(s), nonces[s]++, token, addr(s + ACCOUNTS / 2), 1n));
  }
  return txs;
};
const all = Array.from({ length: blocks }, (_, r) => make(r));
let cpu = 0;
let best = Infinity;
for (let r = 0; r < blocks; r++) {
  const c0 = process.cpuUsage();
  const res = executeBlock({ state, block: header(r + 1), txs: all[r], strict: true });
  const c = process.cpuUsage(c0);
  if (res.receipts.some((x) => x.status !== 'SUCCESS')) throw new Error('a transfer failed');
  const ms = (c.user + c.system) / 1000;
  if (r >= 2) cpu += ms;
  best = Math.min(best, ms);
}
const per = (cpu * 1000) / ((blocks - 2) * BLOCK);
console.log(
  `serial memory independent: ${per.toFixed(1)} us CPU per tx (${(1e6 / per).toFixed(0)} tx per CPU-second; best block ${((BLOCK * 1000) / best).toFixed(0)}) over ${blocks - 2} blocks (${load()})`,
);
