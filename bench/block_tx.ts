// `npm run bench:block`: blocks of token transfers through executeBlock, serial and
// parallel, in memory and on disk; independent transfers (distinct senders and payees) and
// an all-conflict block (every tx moves tokens out of one hot holder... through one contract
// slot). Prints tx/s (best of the runs) and the machine's load next to them.
import { execSync } from 'node:child_process';
import { MemoryState } from '../node/state.js';
import { executeBlock } from '../node/block/execute_block.js';
import type { Tx } from '../node/block/tx.js';
import { addr, header, setupToken, transferTx } from '../tests/helpers/chain.js';

const BLOCK = 200;
const ACCOUNTS = 1_000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

/** independent: sender i pays payee i + ACCOUNTS/2; every tx of a block has its own sender and payee */
function independentBlock(round: number, token: Uint8Array, nonces: bigint[]): Tx[] {
  const txs: Tx[] = [];
  for (let j = 0; j < BLOCK; j++) {
    const s = 1 + ((round * BLOCK + j) % (ACCOUNTS / 2 - 1));
    txs.push(transferTx(addr(s), nonces[s]++, token, addr(s + ACCOUNTS / 2), 1n));
  }
  return txs;
}

/** all conflict: every tx pays the same payee (one hot balance slot) */
function hotBlock(round: number, token: Uint8Array, nonces: bigint[]): Tx[] {
  const txs: Tx[] = [];
  for (let j = 0; j < BLOCK; j++) {
    const s = 1 + ((round * BLOCK + j) % (ACCOUNTS - 2));
    txs.push(transferTx(addr(s), nonces[s]++, token, addr(ACCOUNTS - 1), 1n));
  }
  return txs;
}

interface Rate {
  /** tx per wall-clock second */
  wall: number;
  /** tx per second of this process's CPU time (less sensitive to other processes on a shared machine) */
  cpu: number;
}

function runSerialMemory(kind: 'independent' | 'hot'): Rate {
  const state = new MemoryState();
  const { token, nonces } = setupToken(state, ACCOUNTS);
  const make = kind === 'independent' ? independentBlock : hotBlock;
  let best = Infinity;
  let bestCpu = Infinity;
  for (let r = 0; r < ROUNDS; r++) {
    const txs = make(r, token, nonces);
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const res = executeBlock({ state, block: header(r + 1), txs, strict: true });
    const dt = performance.now() - t0;
    const c = process.cpuUsage(c0);
    if (res.receipts.some((x) => x.status !== 'SUCCESS')) throw new Error('a transfer failed');
    best = Math.min(best, dt);
    bestCpu = Math.min(bestCpu, (c.user + c.system) / 1000);
  }
  return { wall: (BLOCK * 1000) / best, cpu: (BLOCK * 1000) / bestCpu };
}

const fmt = (r: Rate) => `${r.wall.toFixed(0).padStart(7)} tx/s wall, ${r.cpu.toFixed(0).padStart(7)} tx/s per CPU-second`;

const load = () => execSync('uptime').toString().trim().replace(/.*load average: /, 'load ');
console.log(`executeBlock, ${BLOCK} token transfers per block, ${ACCOUNTS} holders, best of ${ROUNDS} blocks (${load()})`);
for (const kind of ['independent', 'hot'] as const) {
  console.log(`serial   memory ${kind.padEnd(11)} ${fmt(runSerialMemory(kind))}   (${load()})`);
}
