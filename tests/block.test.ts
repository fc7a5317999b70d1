// executeBlock (spec/BLOCKS.md): nonces, fees, intrinsic gas, the block gas limit, each
// rejection reason, all-or-nothing strict blocks, and state roots that equal a full rebuild.
import { expect, test } from 'vitest';
import { decode } from 'cbor-x';
import { BlockError, ERROR_CODES } from '../spec/errors.js';
import { MemoryState } from '../node/state.js';
import { executeBlock, proveStorage, stateRoot } from '../node/block/execute_block.js';
import { intrinsicGas, txHash, type Tx } from '../node/block/tx.js';
import { StateCommitment, verifyStorageProof } from '../node/trie/state_commitment.js';
import { addr, COINBASE, header, setupToken, transferTx } from './helpers/chain.js';
import { writeCount, writeKey, writeList } from '../node/writes.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const rebuiltRoot = (s: MemoryState) => hex(StateCommitment.build(s).root());

test('transfers: nonces bump, fees move to the coinbase, the root equals a full rebuild', () => {
  const s = new MemoryState();
  const { token } = setupToken(s, 4);
  const before = s.getBalance(addr(1));
  const cbBefore = s.getBalance(COINBASE);
  const txs = [
    transferTx(addr(1), 0n, token, addr(2), 10n, 3n),
    transferTx(addr(1), 1n, token, addr(3), 5n, 3n),
    transferTx(addr(2), 0n, token, addr(1), 1n, 2n),
  ];
  const r = executeBlock({ state: s, block: header(1), txs });
  expect(r.rejected).toEqual([]);
  expect(r.receipts.map((x) => x.status)).toEqual(['SUCCESS', 'SUCCESS', 'SUCCESS']);
  expect(s.getNonce(addr(1))).toBe(2n);
  expect(s.getNonce(addr(2))).toBe(1n);
  const [a, b, c] = r.receipts;
  expect(a.gasUsed).toBe(intrinsicGas(txs[0]) + a.exec!.gasUsed);
  expect(a.fee).toBe(BigInt(a.gasUsed) * 3n);
  expect(s.getBalance(addr(1))).toBe(before - a.fee - b.fee);
  expect(s.getBalance(COINBASE) - cbBefore).toBe(a.fee + b.fee + c.fee);
  expect(r.fees).toBe(a.fee + b.fee + c.fee);
  expect(r.gasUsed).toBe(a.gasUsed + b.gasUsed + c.gasUsed);
  expect(c.cumulativeGasUsed).toBe(r.gasUsed);
  // the receipt lists the final balances it changed: the sender's and the coinbase's
  expect(b.balances.map((x) => hex(x.address)).sort()).toEqual([hex(addr(1)), hex(COINBASE)].sort());
  expect(b.balances.find((x) => hex(x.address) === hex(addr(1)))!.balance).toBe(s.getBalance(addr(1)));
  expect(hex(r.stateRoot)).toBe(rebuiltRoot(s));
  expect(hex(r.stateRoot)).toBe(hex(stateRoot(s)));
});

test('the same block on two equal states gives the same receipts and roots', () => {
  const run = () => {
    const s = new MemoryState();
    const { token } = setupToken(s, 5);
    return executeBlock({ state: s, block: header(1), txs: [1, 2, 3, 4].map((i) => transferTx(addr(i), 0n, token, addr((i + 1) % 5), BigInt(i))) });
  };
  const x = run();
  const y = run();
  expect(x.receipts.map((r) => hex(r.hash))).toEqual(y.receipts.map((r) => hex(r.hash)));
  expect(hex(x.stateRoot)).toBe(hex(y.stateRoot));
  expect(hex(x.receiptsRoot)).toBe(hex(y.receiptsRoot));
  expect(hex(x.receiptsRoot)).not.toBe(hex(new Uint8Array(32)));
});

test('each rejection has its reason and changes nothing', () => {
  const s = new MemoryState();
  const { token } = setupToken(s, 3);
  const poor = new Uint8Array(32).fill(0x77);
  const ok = transferTx(addr(1), 0n, token, addr(2), 1n);
  const cases: [Tx, string][] = [
    [{ ...ok, sender: new Uint8Array(5) }, 'MALFORMED'],
    [{ ...ok, gasLimit: 1.5 }, 'MALFORMED'],
    [{ ...ok, nonce: 5n }, 'NONCE_TOO_HIGH'],
    [{ ...ok, gasLimit: 100 }, 'INTRINSIC_GAS'],
    [{ ...ok, gasLimit: 2_000_000_000 }, 'BLOCK_GAS_LIMIT'],
    [{ ...ok, sender: poor, nonce: 0n }, 'INSUFFICIENT_FUNDS'],
    [{ ...ok, gasPrice: 0n }, 'GAS_PRICE_TOO_LOW'],
  ];
  const snap = JSON.stringify(s.snapshot());
  const root = hex(stateRoot(s));
  const r = executeBlock({ state: s, block: { ...header(1), minGasPrice: 1n }, txs: cases.map((c) => c[0]) });
  expect(r.receipts).toEqual([]);
  expect(r.rejected.map((x) => x.reason)).toEqual(cases.map((c) => c[1]));
  expect(r.rejected[0].txHash).toBeNull();
  expect(hex(r.rejected[2].txHash!)).toBe(hex(txHash(cases[2][0])));
  expect(JSON.stringify(s.snapshot())).toBe(snap);
  expect(hex(r.stateRoot)).toBe(root);
  // replay: the same tx twice in one block, then again in the next
  const r2 = executeBlock({ state: s, block: header(2), txs: [ok, ok] });
  expect(r2.receipts.length).toBe(1);
  expect(r2.rejected.map((x) => x.reason)).toEqual(['NONCE_TOO_LOW']);
  const r3 = executeBlock({ state: s, block: header(3), txs: [ok] });
  expect(r3.rejected.map((x) => x.reason)).toEqual(['NONCE_TOO_LOW']);
});

test('a strict block with a rejected tx fails whole: nothing applied', () => {
  const s = new MemoryState();
  const { token } = setupToken(s, 3);
  const snap = JSON.stringify(s.snapshot());
  const txs = [
    transferTx(addr(1), 0n, token, addr(2), 1n),
    transferTx(addr(2), 0n, token, addr(1), 1n, 1n),
    { ...transferTx(addr(1), 1n, token, addr(2), 1n), gasLimit: 999_999_999 },
  ];
  expect(() => executeBlock({ state: s, block: header(1, 1_000_000), txs, strict: true })).toThrow(BlockError);
  expect(JSON.stringify(s.snapshot())).toBe(snap);
  expect(() => executeBlock({ state: s, block: { ...header(1), gasLimit: 0 }, txs: [] })).toThrow(/gasLimit/);
});

test('a reverted call pays its gas, bumps the nonce and leaves storage alone', () => {
  const s = new MemoryState();
  const { token } = setupToken(s, 3);
  const bal = s.getBalance(addr(1));
  const r = executeBlock({ state: s, block: header(1), txs: [transferTx(addr(1), 0n, token, addr(2), 10n ** 40n)] });
  const rc = r.receipts[0];
  expect(rc.status).toBe('REVERT');
  expect(writeCount(rc.exec!.writes)).toBe(0);
  expect(s.getNonce(addr(1))).toBe(1n);
  expect(s.getBalance(addr(1))).toBe(bal - rc.fee);
  expect(rc.fee).toBeGreaterThan(0n);
  expect(hex(r.stateRoot)).toBe(rebuiltRoot(s));
});

test('a call to an address without code, out-of-gas, transfers with value', () => {
  const s = new MemoryState();
  const { token } = setupToken(s, 3);
  const nobody = new Uint8Array(32).fill(0x55);
  const r = executeBlock({
    state: s,
    block: header(1),
    txs: [
      { ...transferTx(addr(1), 0n, token, addr(2), 1n), to: nobody },
      { ...transferTx(addr(1), 1n, token, addr(2), 1n), gasLimit: intrinsicGas(transferTx(addr(1), 1n, token, addr(2), 1n)) + 500 },
      { kind: 'transfer', sender: addr(2), nonce: 0n, to: nobody, value: 1234n, gasLimit: 3000, gasPrice: 1n },
    ],
  });
  expect(r.receipts.map((x) => [x.status, x.error?.code ?? x.exec?.error?.code ?? null])).toEqual([
    ['ERROR', 'E-STATE'],
    ['OOG', 'OOG'],
    ['SUCCESS', null],
  ]);
  // the encoded receipt carries the code's number, so no wording can move its hash
  const sealed = decode(r.receipts[0].encoded) as { error: { code: unknown } };
  expect(sealed.error).toEqual({ code: ERROR_CODES['E-STATE'] });
  expect(r.receipts[1].gasUsed).toBe(r.receipts[1].exec!.gasUsed + intrinsicGas(transferTx(addr(1), 1n, token, addr(2), 1n)));
  expect(s.getBalance(nobody)).toBe(1234n);
  expect(hex(r.stateRoot)).toBe(rebuiltRoot(s));
});

test('proveStorage: a holder balance and an empty slot verify against the state root', () => {
  const s = new MemoryState();
  const { token } = setupToken(s, 3);
  const key = new Uint8Array([...new TextEncoder().encode('bal:'), ...addr(1)]);
  const p = proveStorage(s, token, key);
  expect(p.value).not.toBeNull();
  expect(hex(verifyStorageProof(p, stateRoot(s))!)).toBe(hex(s.getStorage(token, key)!));
  const none = proveStorage(s, token, new TextEncoder().encode('bal:nobody'));
  expect(none.value).toBeNull();
  expect(verifyStorageProof(none)).toBeNull();
  // a lie about the value is caught
  expect(() => verifyStorageProof({ ...p, value: Uint8Array.of(1) })).toThrow();
  // a proof from an older root fails against the new one
  executeBlock({ state: s, block: header(1), txs: [transferTx(addr(1), 0n, token, addr(2), 7n)] });
  expect(() => verifyStorageProof(p, stateRoot(s))).toThrow();
});

test('receipts carry read and write sets as plain data that survives structuredClone', () => {
  const s = new MemoryState();
  const { token } = setupToken(s, 3);
  const r = executeBlock({ state: s, block: header(1), txs: [transferTx(addr(1), 0n, token, addr(2), 10n)] });
  const rc = r.receipts[0];
  const bal = (a: Uint8Array) => hex(new Uint8Array([...new TextEncoder().encode('bal:'), ...a]));
  const reads = rc.readSet.map((k) => `${k.kind}:${hex(k.address)}${k.key ? ':' + hex(k.key) : ''}`);
  expect(reads).toContain(`storage:${hex(token)}:${bal(addr(1))}`);
  expect(reads).toContain(`balance:${hex(addr(1))}`);
  expect(reads).toContain(`code:${hex(token)}`);
  const writes = rc.writeSet.map((w) => `${w.kind}:${hex(w.address)}${w.kind === 'storage' ? ':' + hex(w.key) : ''}`);
  expect(writes).toEqual(
    expect.arrayContaining([
      `storage:${hex(token)}:${bal(addr(1))}`,
      `storage:${hex(token)}:${bal(addr(2))}`,
      `nonce:${hex(addr(1))}`,
      `balance:${hex(addr(1))}`,
      `balance:${hex(COINBASE)}`,
    ]),
  );
  const copy = structuredClone({ readSet: rc.readSet, writeSet: rc.writeSet, writes: rc.exec!.writes });
  expect(copy.readSet).toEqual(rc.readSet);
  expect(copy.writeSet).toEqual(rc.writeSet);
  // the execution receipt's storage writes are plain data too (they were getters once)
  expect(writeCount(copy.writes)).toBe(2);
  expect(writeList(copy.writes).map((w) => [hex(w.address), hex(w.key), hex(w.value!)])).toEqual(
    writeList(rc.exec!.writes).map((w) => [hex(w.address), hex(w.key), hex(w.value!)]),
  );
  expect(hex(writeKey(copy.writes, 0))).toBe(hex(writeKey(rc.exec!.writes, 0)));
});
