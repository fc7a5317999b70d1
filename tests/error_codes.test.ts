// Receipt error codes: the numbers in spec/errors.ts are the ones spec/RECEIPTS.md lists,
// every VmError kind the code raises is in the closed set, and a receipt hashes the number,
// so two errors of one kind with different messages give the same receipt bytes.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { encodeReceipt } from '../node/receipt.js';
import { ERROR_CODES, ERROR_KINDS, errorCodeNumber, errorKindNumber } from '../spec/errors.js';
import { TestContract } from './helpers/contract.js';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('receipt error codes', () => {
  test('spec/RECEIPTS.md lists every code and kind with its number', () => {
    const doc = readFileSync('spec/RECEIPTS.md', 'utf8');
    for (const [k, n] of [...Object.entries(ERROR_CODES), ...Object.entries(ERROR_KINDS)]) {
      expect(doc, k).toMatch(new RegExp('`' + k + '`[^|]*\\| ' + n + ' \\|'));
    }
  });
  test('numbers are distinct and every kind raised in the sources is listed', () => {
    expect(new Set(Object.values(ERROR_KINDS)).size).toBe(Object.keys(ERROR_KINDS).length);
    expect(new Set(Object.values(ERROR_CODES)).size).toBe(Object.keys(ERROR_CODES).length);
    const raised = new Set<string>();
    for (const f of [...files('core'), ...files('stdlib'), ...files('node')]) {
      for (const m of readFileSync(f, 'utf8').matchAll(/new VmError\('([A-Za-z]+)'/g)) raised.add(m[1]);
    }
    expect(raised.size).toBeGreaterThan(10);
    for (const k of raised) expect(errorKindNumber(k), k).toBeGreaterThan(0);
  });
  test('source diagnostics share E-SOURCE; an unknown kind or code is an internal error', () => {
    expect(errorCodeNumber('E-IMPORT')).toBe(ERROR_CODES['E-SOURCE']);
    expect(() => errorKindNumber('NotAKind')).toThrow(/internal error/);
    expect(() => errorCodeNumber('oops')).toThrow(/internal error/);
  });
  test('the receipt hashes the kind number, not the message', () => {
    const c = new TestContract('def a(x: int) -> int:\n    return 1 // x\n\n\ndef b(x: int) -> int:\n    return [1][x]\n');
    const z1 = c.call('a', [0]);
    expect(z1.error?.kind).toBe('ZeroDivisionError');
    const reworded = { ...z1, error: { ...z1.error!, message: 'something else entirely' } };
    expect(encodeReceipt(reworded)).toEqual(encodeReceipt(z1));
    const ix = c.call('b', [5]);
    expect(ix.error?.kind).toBe('IndexError');
    expect(encodeReceipt({ ...ix, gasUsed: z1.gasUsed })).not.toEqual(encodeReceipt(z1));
  });
});
