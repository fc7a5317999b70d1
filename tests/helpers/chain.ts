// (run from the repository root, as vitest and the benches are)
// A token chain for block tests and benchmarks: funded accounts, the example token deployed
// and initialized by block transactions, and transfer transactions between holders.
import { readFileSync } from 'node:fs';
import { compileSource } from '../../compiler/index.js';
import { selectorOf } from '../../compiler/selector.js';
import { encodeArgs } from '../../core/abi/codec.js';
import { contractAddress } from '../../node/adapter.js';
import { executeBlock, type BlockHeader } from '../../node/block/execute_block.js';
import type { ChainState } from '../../node/block/chain_state.js';
import type { Tx } from '../../node/block/tx.js';

export const TOKEN_CODE = compileSource(readFileSync('examples/token/contract.py', 'utf8'), { file: 'contract.py' }).bytes;

export function addr(i: number): Uint8Array {
  const a = new Uint8Array(32);
  a[0] = 0xa0;
  new DataView(a.buffer).setUint32(28, i);
  return a;
}

export const COINBASE = new Uint8Array(32).fill(0xcb);

export function header(height: number, gasLimit = 1_000_000_000): BlockHeader {
  return { height: BigInt(height), timestamp: 1_700_000_000n + BigInt(height), chainId: 1n, coinbase: COINBASE, beacon: new Uint8Array(32), gasLimit };
}

const SEL_INIT = selectorOf('init', ['int']);
const SEL_TRANSFER = selectorOf('transfer', ['bytes', 'int']);

function calldata(sel: Uint8Array, types: string[], values: (Uint8Array | bigint)[]): Uint8Array {
  const args = encodeArgs(types, values);
  const out = new Uint8Array(sel.length + args.length);
  out.set(sel);
  out.set(args, sel.length);
  return out;
}

export function transferTx(sender: Uint8Array, nonce: bigint, token: Uint8Array, to: Uint8Array, amount: bigint, gasPrice = 1n): Tx {
  return { kind: 'call', sender, nonce, to: token, gasLimit: 200_000, gasPrice, data: calldata(SEL_TRANSFER, ['bytes', 'int'], [to, amount]) };
}

/**
 * Fund `accounts` holders, deploy the token from holder 0 and give each holder `each` tokens.
 * Returns the token address; every holder's next nonce is 1 except holder 0's (2 + holders).
 */
export function setupToken(
  state: ChainState & { setBalance(a: Uint8Array, v: bigint): void },
  accounts: number,
  each = 1_000_000n,
): { token: Uint8Array; nonces: bigint[] } {
  for (let i = 0; i < accounts; i++) state.setBalance(addr(i), 10n ** 15n);
  const owner = addr(0);
  const token = contractAddress(owner, 0n);
  const txs: Tx[] = [
    { kind: 'deploy', sender: owner, nonce: 0n, gasLimit: 5_000_000, gasPrice: 1n, data: TOKEN_CODE },
    { kind: 'call', sender: owner, nonce: 1n, to: token, gasLimit: 500_000, gasPrice: 1n, data: calldata(SEL_INIT, ['int'], [10n ** 30n]) },
  ];
  for (let i = 1; i < accounts; i++) txs.push(transferTx(owner, BigInt(txs.length), token, addr(i), each));
  const r = executeBlock({ state, block: header(0), txs, strict: true });
  for (const rc of r.receipts)
    if (rc.status !== 'SUCCESS') throw new Error(`setup tx ${rc.index}: ${rc.status} ${rc.exec?.error?.message ?? rc.error?.message}`);
  const nonces = Array.from({ length: accounts }, (_, i) => (i === 0 ? BigInt(txs.length) : 0n));
  return { token, nonces };
}

/** The token address setupToken deploys. */
export const TOKEN = contractAddress(addr(0), 0n);

/**
 * A block for a given height of a chain made by setupToken(state, 64): 40 transfers between
 * holders 1..63, each sender's nonce read from the state (so any height follows any other).
 */
export function heightBlock(state: ChainState, height: number): Tx[] {
  const txs: Tx[] = [];
  const next = new Map<number, bigint>();
  for (let j = 0; j < 40; j++) {
    const s = 1 + ((height * 7 + j * 5) % 63);
    const to = 1 + ((height * 3 + j * 11) % 63);
    const n = next.get(s) ?? state.getNonce(addr(s));
    next.set(s, n + 1n);
    txs.push(transferTx(addr(s), n, TOKEN, addr(to), BigInt(1 + ((height + j) % 5))));
  }
  return txs;
}
