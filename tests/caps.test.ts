// Caps fail fast, before the work: no huge allocation, no long computation, a cap VmError
// naming the limit. Big-int work costs gas per limb.
import { describe, expect, test } from 'vitest';
import { TestContract } from './helpers/contract.js';
import { CONSTANTS } from '../spec/table.js';

const SRC = `
def pow_tower(a: int) -> int:
    return a ** 2 ** 40

def shift(a: int) -> int:
    return a << 10 ** 12

def repeat(b: bytes) -> bytes:
    return b * 10 ** 12

def repeat_list(n: int) -> int:
    return len([0] * n)

def to_bytes(n: int) -> bytes:
    return (1).to_bytes(n, "big")

def mk_bytes(n: int) -> bytes:
    return bytes(n)

def rjust(n: int) -> str:
    return "x".rjust(n)

def rng(n: int) -> int:
    return len(range(n))

def big_int_text(n: int) -> int:
    return int("9" * n)

def list_eq(n: int) -> bool:
    xs = [7] * n
    ys = [7] * n
    return xs == ys

def square_of_pow2(k: int) -> int:
    x = 1 << k
    return (x * x).bit_length()
`;

describe('caps', () => {
  const c = new TestContract(SRC);
  const cases: [string, unknown[], RegExp][] = [
    ['pow_tower', [2], /OverflowError.*4096-bit/],
    ['shift', [1], /OverflowError.*4096-bit/],
    ['repeat', ['0x78'], /MemoryError.*bytes/],
    ['repeat_list', [10 ** 9], /MemoryError.*list/],
    ['to_bytes', [10 ** 12], /MemoryError.*bytes/],
    ['mk_bytes', [10 ** 12], /MemoryError.*bytes/],
    ['rjust', [10 ** 12], /MemoryError.*str/],
    ['rng', [10 ** 12], /MemoryError.*list/],
    ['big_int_text', [5000], /OverflowError/],
  ];
  for (const [fn, args, msg] of cases) {
    test(`${fn} fails fast with a cap error`, () => {
      const t0 = process.hrtime.bigint();
      const r = c.call(fn, args, 10_000_000);
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      expect(r.status).toBe('ERROR');
      expect(r.error?.message).toMatch(msg);
      expect(ms).toBeLessThan(200);
    });
  }

  test('big-int work costs gas per limb beyond 256 bits', () => {
    const g = (k: number): number => {
      const r = c.call('square_of_pow2', [k]);
      expect(r.status).toBe('SUCCESS');
      return r.gasUsed;
    };
    // same code path and calldata size class; only the operand widths differ
    expect(g(100)).toBe(g(120));
    const d = g(2000) - g(100);
    // G_LIMB per limb beyond 4: the shift result has 2001 bits (32 limbs), the product 4002 (63)
    expect(d).toBe((32 - 4 + (63 - 4)) * CONSTANTS.G_LIMB);
  });

  test('comparing containers costs per item compared', () => {
    const g = (n: number): number => c.call('list_eq', [n]).gasUsed;
    // building both lists costs 2n items; the comparison another n
    expect(g(10000) - g(0)).toBeGreaterThanOrEqual(3 * 10000);
  });
});
