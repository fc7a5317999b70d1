// Receipts: canonical CBOR (checked against cbor-x as an independent decoder), the hash,
// and the logs root.
import { sha3_256 } from '@noble/hashes/sha3.js';
import { decode } from 'cbor-x';
import { describe, expect, test } from 'vitest';
import { encodeCanonical, type Cbor } from '../node/cbor.js';
import type { Log } from '../core/host.js';
import { bytesToHex } from '../core/hex.js';
import { encodeReceipt, logsRoot } from '../node/receipt.js';
import { TestContract } from './helpers/contract.js';

const hex = (b: Uint8Array) => bytesToHex(b);

/** Decoded map keys must come out in canonical order: length of the encoded key first, then bytes. */
function assertSortedKeys(v: unknown): void {
  if (v instanceof Uint8Array || v === null || typeof v !== 'object') return;
  if (Array.isArray(v)) return v.forEach(assertSortedKeys);
  const keys = Object.keys(v);
  const sorted = [...keys].sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
  expect(keys).toEqual(sorted);
  for (const k of keys) assertSortedKeys((v as Record<string, unknown>)[k]);
}

describe('canonical CBOR', () => {
  test('known encodings (RFC 8949 appendix A values)', () => {
    const cases: [Cbor, string][] = [
      [0, '00'],
      [23, '17'],
      [24, '1818'],
      [1000, '1903e8'],
      [1000000, '1a000f4240'],
      [2n ** 64n - 1n, '1bffffffffffffffff'],
      [2n ** 64n, 'c249010000000000000000'],
      [-1, '20'],
      [-1000, '3903e7'],
      [-(2n ** 64n) - 1n, 'c349010000000000000000'],
      ['', '60'],
      ['IETF', '6449455446'],
      [new Uint8Array([1, 2, 3, 4]), '4401020304'],
      [[1, [2, 3]], '8201820203'],
      [{ a: 1, b: [2, 3] }, 'a26161016162820203'],
      [null, 'f6'],
      [true, 'f5'],
      [false, 'f4'],
    ];
    for (const [v, h] of cases) expect(hex(encodeCanonical(v)), String(v)).toBe(h);
  });

  test('map keys sort by encoded bytes: shorter first', () => {
    expect(hex(encodeCanonical({ bb: 1, a: 2, c: 3 }))).toBe('a3' + '616102' + '616303' + '62626201');
  });

  test('floats and non-integers are refused, not approximated', () => {
    expect(() => encodeCanonical(1.5)).toThrow(/integers only/);
    expect(() => encodeCanonical(2 ** 60)).toThrow(/integers only/);
    expect(() => encodeCanonical({ f: () => 1 } as unknown as Cbor)).toThrow(/cannot hold/);
  });
});

describe('receipts', () => {
  const c = TestContract.fromFile('examples/counter/contract.py');
  const receipts = [c.call('inc'), c.call('get'), c.call('set', [-1]), c.call('set', [7]), c.call('inc', [], 10)];

  test('cbor-x decodes them, keys are in canonical order, and re-encoding gives the same bytes', () => {
    for (const r of receipts) {
      const bytes = encodeReceipt(r);
      const back = decode(bytes) as Cbor;
      assertSortedKeys(back);
      expect(hex(encodeCanonical(back))).toBe(hex(bytes));
    }
  });

  test('the layout carries status, gas, return, revert reason, error code, logs and writes', () => {
    const [inc, , rev, , oog] = receipts.map((r) => decode(encodeReceipt(r)) as Record<string, unknown>);
    expect(Object.keys(inc).sort()).toEqual([
      'balances',
      'error',
      'gasUsed',
      'logs',
      'logsRoot',
      'refund',
      'return',
      'revert',
      'status',
      'syscalls',
      'v',
      'writes',
    ]);
    expect(inc.status).toBe('SUCCESS');
    expect(hex(inc.return as Uint8Array)).toBe('02');
    expect((inc.logs as unknown[]).length).toBe(1);
    expect((inc.writes as { key: Uint8Array }[])[0].key).toEqual(new TextEncoder().encode('counter'));
    expect(rev.status).toBe('REVERT');
    expect(new TextDecoder().decode(rev.revert as Uint8Array)).toBe('counter: negative value');
    expect(oog).toMatchObject({ status: 'OOG', gasUsed: 10, error: { code: 1 } }); // 1 = OOG (spec/RECEIPTS.md Error codes)
  });

  test('error messages and source locations stay out of the bytes', () => {
    const r = receipts[2];
    const moved = { ...r, error: { ...r.error!, message: 'other words', location: { file: 'x.py', line: 99, col: 1 } } };
    expect(hex(encodeReceipt(moved))).toBe(hex(encodeReceipt(r)));
    expect(hex(encodeReceipt({ ...r, gasUsed: r.gasUsed + 1 }))).not.toBe(hex(encodeReceipt(r)));
  });
});

describe('logs root', () => {
  const log = (n: number): Log => ({
    address: new Uint8Array(32).fill(n),
    name: Uint8Array.of(n),
    topics: [new Uint8Array(32).fill(n)],
    data: Uint8Array.of(n),
  });
  const leaf = (l: Log) => sha3_256(Uint8Array.from([0, ...encodeCanonical({ address: l.address, topics: l.topics, data: l.data })]));
  const node = (a: Uint8Array, b: Uint8Array) => sha3_256(Uint8Array.from([1, ...a, ...b]));

  test('empty is 32 zero bytes; one log is its leaf', () => {
    expect(hex(logsRoot([]))).toBe('00'.repeat(32));
    expect(hex(logsRoot([log(1)]))).toBe(hex(leaf(log(1))));
  });

  test('pairs hash up; an odd last node is promoted, not duplicated', () => {
    const [a, b, c] = [log(1), log(2), log(3)];
    expect(hex(logsRoot([a, b]))).toBe(hex(node(leaf(a), leaf(b))));
    expect(hex(logsRoot([a, b, c]))).toBe(hex(node(node(leaf(a), leaf(b)), leaf(c))));
    expect(hex(logsRoot([a, b, c, c]))).not.toBe(hex(logsRoot([a, b, c])));
    expect(hex(logsRoot([b, a]))).not.toBe(hex(logsRoot([a, b])));
  });

  test('the name is not part of a log leaf (the topic commits to it)', () => {
    expect(hex(logsRoot([{ ...log(1), name: Uint8Array.of(9) }]))).toBe(hex(logsRoot([log(1)])));
  });
});
