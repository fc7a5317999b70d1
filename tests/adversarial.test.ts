// Contracts written by strangers: each pathological input ends in a typed outcome inside
// its bounds, never a JS stack overflow or an unbounded allocation.
import { describe, expect, test } from 'vitest';
import { compileSource } from '../compiler/index.js';
import { CompileError, DiagnosticsError } from '../spec/errors.js';
import { DEFAULT_LIMITS } from '../spec/table.js';
import { TestContract } from './helpers/contract.js';
import { writeCount } from '../node/writes.js';

function codes(src: string, limits = DEFAULT_LIMITS): string[] {
  try {
    compileSource(src, { limits });
  } catch (e) {
    if (e instanceof DiagnosticsError) return e.diagnostics.map((d) => d.code);
    if (e instanceof CompileError) return [e.code];
    throw e;
  }
  return [];
}

const BIG = { ...DEFAULT_LIMITS, max_source_bytes: 10_000_000, max_code_bytes: 10_000_000 };

describe('adversarial sources', () => {
  test('10,000 nested parentheses, operators or unary minus end in E-NESTING', () => {
    expect(codes('def f() -> int:\n    return ' + '('.repeat(10000) + '1' + ')'.repeat(10000) + '\n', BIG)).toEqual(['E-NESTING']);
    expect(codes('def f() -> int:\n    return ' + Array(10000).fill('1').join(' + ') + '\n', BIG)).toEqual(['E-NESTING']);
    expect(codes('def f() -> int:\n    return ' + '-'.repeat(10000) + '1\n', BIG)).toEqual(['E-NESTING']);
  });

  test('moderate nesting still compiles', () => {
    expect(codes('def f() -> int:\n    return ' + '('.repeat(50) + '1' + ')'.repeat(50) + ' + ' + Array(100).fill('1').join(' + ') + '\n')).toEqual([]);
  });

  test('a 50,000-line module is refused by the source-size cap', () => {
    const src = 'def f() -> int:\n    x = 0\n' + Array(50000).fill('    x = x + 1').join('\n') + '\n    return x\n';
    expect(codes(src)).toEqual(['E-SOURCE-SIZE']);
  });

  test('a module past the code-size cap is refused', () => {
    const src = 'def f() -> int:\n    x = 0\n' + Array(2000).fill('    x = x + 123456789').join('\n') + '\n    return x\n';
    expect(codes(src, { ...BIG, max_code_bytes: 4096 })).toEqual(['E-CODE-SIZE']);
    expect(codes(src, BIG)).toEqual([]);
  });
});

describe('adversarial execution', () => {
  test('an infinite loop ends in OOG with all gas consumed and no effects', () => {
    const c = new TestContract('from stdlib import storage\ndef spin() -> None:\n    storage.set(b"k", b"v")\n    while True:\n        pass\n');
    const r = c.call('spin', [], 50_000);
    expect(r.status).toBe('OOG');
    expect(r.gasUsed).toBe(50_000);
    expect(writeCount(r.writes)).toBe(0);
    expect(c.state.storage.size).toBe(0);
  });
});

describe('refund cap arithmetic', () => {
  test('floor(gas * bp / 10000) stays exact past 2**53', async () => {
    const { refundCap } = await import('../node/execute.js');
    for (const g of [0, 1, 9999, 10000, 123456789, 2 ** 52 + 12345, Number.MAX_SAFE_INTEGER]) {
      for (const bp of [0, 1, 2000, 9999, 10000]) {
        expect(BigInt(refundCap(g, bp))).toBe((BigInt(g) * BigInt(bp)) / 10000n);
      }
    }
  });
});
