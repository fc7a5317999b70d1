// Pinned bytes of block execution: tx hashes, receipt hashes, receipts roots and state roots
// of a short chain (token transfers, a revert, a value transfer, a deploy; noble and the
// host's native SHA3-256). The encoding paths are written for speed (hashed in place, trie
// nodes encoded into a scratch buffer, caches of hashed keys): any byte they move fails here.
// The values were first computed by the straightforward encoders these replaced; a change
// of gas prices moves them (fees reach balances): `npm run vectors:regen` rewrites them.
import { readFileSync, writeFileSync } from 'node:fs';
import { sha3_256 } from '@noble/hashes/sha3.js';
import { expect, test } from 'vitest';
import { bytesToHex } from '../core/hex.js';
import { executeBlock } from '../node/block/execute_block.js';
import { encodeTx, txHash, type Tx } from '../node/block/tx.js';
import { encodeCanonical } from '../node/cbor.js';
import { logCbor, logsRoot } from '../node/receipt.js';
import { MemoryState } from '../node/state.js';
import { useNativeTrieHash } from '../host/native_hash.js';
import { addr, header, heightBlock, setupToken, TOKEN, TOKEN_CODE, transferTx } from './helpers/chain.js';

const hex = bytesToHex;
const digest = (parts: Uint8Array[]) => {
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) all.set(p, (o += p.length) - p.length);
  return hex(sha3_256(all));
};

function chain(): string[] {
  const s = new MemoryState();
  setupToken(s, 64);
  const out: string[] = [];
  for (let h = 1; h <= 3; h++) {
    const txs: Tx[] = heightBlock(s, h);
    const n =
      s.getNonce(addr(5)) +
      (txs.filter((t) => hex(t.sender) === hex(addr(5))).length > 0 ? BigInt(txs.filter((t) => hex(t.sender) === hex(addr(5))).length) : 0n);
    // a transfer of more tokens than the sender holds reverts
    txs.push(transferTx(addr(5), n, TOKEN, addr(6), 10n ** 20n));
    txs.push({
      kind: 'transfer',
      sender: addr(7),
      nonce: s.getNonce(addr(7)) + BigInt(txs.filter((t) => hex(t.sender) === hex(addr(7))).length),
      to: addr(900 + h),
      value: 1234n * BigInt(h),
      gasLimit: 3000,
      gasPrice: 2n,
    });
    if (h === 2)
      txs.push({
        kind: 'deploy',
        sender: addr(9),
        nonce: s.getNonce(addr(9)) + BigInt(txs.filter((t) => hex(t.sender) === hex(addr(9))).length),
        gasLimit: 5_000_000,
        gasPrice: 1n,
        data: TOKEN_CODE,
      });
    const r = executeBlock({ state: s, block: header(h), txs, strict: true });
    out.push(
      `${h} ${r.receipts.map((x) => x.status[0]).join('')} gas ${r.gasUsed} txs ${digest(r.receipts.map((x) => x.txHash))} receipts ${digest(r.receipts.map((x) => x.hash))} exec ${digest(r.receipts.flatMap((x) => (x.exec ? [x.exec.hash] : [])))} rr ${hex(r.receiptsRoot)} sr ${hex(r.stateRoot)}`,
    );
  }
  return out;
}

// gas prices move fees, hence balances and roots: `npm run vectors:regen` rewrites the file
const GOLDEN_PATH = 'tests/fixtures/block_golden.json';

test('a chain of blocks gives the pinned hashes and roots (noble SHA3-256)', () => {
  const got = chain();
  if (process.env.VMPY_REGEN_VECTORS) writeFileSync(GOLDEN_PATH, JSON.stringify(got, null, 1) + '\n');
  expect(got).toEqual(JSON.parse(readFileSync(GOLDEN_PATH, 'utf8')));
});

test('the same with the native SHA3-256', () => {
  useNativeTrieHash();
  expect(chain()).toEqual(JSON.parse(readFileSync(GOLDEN_PATH, 'utf8')));
});

test('a tx hash is sha3_256(domain || encodeTx), a log leaf sha3_256(0x00 || cbor(log))', () => {
  const txs: Tx[] = [
    transferTx(addr(1), 3n, TOKEN, addr(2), 5n),
    { kind: 'transfer', sender: addr(1), nonce: 0n, to: addr(2), value: 1n, gasLimit: 2000, gasPrice: 0n },
    { kind: 'deploy', sender: addr(1), nonce: 7n, gasLimit: 9, gasPrice: 10n ** 40n, data: TOKEN_CODE, args: [1, 'x', [true, null], { a: 2n }] },
  ];
  const domain = new TextEncoder().encode('animica:vm:tx|');
  for (const tx of txs) {
    const e = encodeTx(tx);
    const pre = new Uint8Array(domain.length + e.length);
    pre.set(domain);
    pre.set(e, domain.length);
    expect(hex(txHash(tx))).toBe(hex(sha3_256(pre)));
  }
  const log = { address: addr(3), name: new Uint8Array(0), topics: [sha3_256(Uint8Array.of(1))], data: new Uint8Array(300).fill(7) };
  const e = encodeCanonical(logCbor(log as never));
  const leaf = new Uint8Array(1 + e.length);
  leaf.set(e, 1);
  expect(hex(logsRoot([log as never]))).toBe(hex(sha3_256(leaf)));
});
