// Cross-contract calls inside block execution: an exchange deployed by a block transaction
// (its constructor given the token's address) pulls tokens through the token, the
// transaction's receipt carries the call tree, and the state root equals a full rebuild.
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { compileSource } from '../compiler/index.js';
import { selectorOf } from '../compiler/selector.js';
import { encodeArgs } from '../core/abi/codec.js';
import { bytesToHex } from '../core/hex.js';
import { contractAddress } from '../node/adapter.js';
import { executeBlock } from '../node/block/execute_block.js';
import type { Tx } from '../node/block/tx.js';
import { MemoryState } from '../node/state.js';
import { StateCommitment } from '../node/trie/state_commitment.js';
import { addr, header, setupToken } from './helpers/chain.js';

const EXCHANGE = compileSource(readFileSync('examples/exchange/contract.py', 'utf8'), { file: 'contract.py' }).bytes;
const data = (fn: string, types: string[], values: unknown[]) => new Uint8Array([...selectorOf(fn, types), ...encodeArgs(types, values as never)]);

test('a block: deploy an exchange, approve, stock through transfer_from; one root', () => {
  const s = new MemoryState();
  const { token, nonces } = setupToken(s, 2);
  const owner = addr(0);
  let n = nonces[0];
  const ex = contractAddress(owner, n);
  const txs: Tx[] = [
    { kind: 'deploy', sender: owner, nonce: n++, gasLimit: 2_000_000, gasPrice: 1n, data: EXCHANGE, args: ['0x' + bytesToHex(token), 3] },
    { kind: 'call', sender: owner, nonce: n++, to: token, gasLimit: 300_000, gasPrice: 1n, data: data('approve', ['bytes', 'int'], [ex, 500n]) },
    { kind: 'call', sender: owner, nonce: n++, to: ex, gasLimit: 300_000, gasPrice: 1n, data: data('stock', ['int'], [500n]) },
    { kind: 'call', sender: owner, nonce: n++, to: ex, gasLimit: 300_000, gasPrice: 1n, data: data('stock', ['int'], [1n]) },
  ];
  const r = executeBlock({ state: s, block: header(1), txs, strict: true });
  expect(r.receipts.map((x) => x.status)).toEqual(['SUCCESS', 'SUCCESS', 'SUCCESS', 'REVERT']);
  const stock = r.receipts[2].exec!;
  expect(stock.calls!.map((c) => [c.fn, c.status, bytesToHex(c.to)])).toEqual([['transfer_from', 'SUCCESS', bytesToHex(token)]]);
  expect(stock.logs.map((l) => bytesToHex(l.address))).toEqual([bytesToHex(token), bytesToHex(ex)]);
  expect(new TextDecoder().decode(r.receipts[3].exec!.revertReason!)).toBe('token: allowance exceeded');
  expect(bytesToHex(r.stateRoot)).toBe(bytesToHex(StateCommitment.build(s).root()));
});
