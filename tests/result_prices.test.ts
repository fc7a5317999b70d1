// A function's result is encoded and kept in the receipt (which is hashed), so it is priced
// before it is made: RESULT_PER_ITEM per value and RESULT_PER_WORD per word past the one
// value and word the entry price covers, at most max_memory_bytes. Before, it was free: a
// function returning [x] * 65,536 with x a 4,000-bit int used 132,056 gas and ~3 s of CPU
// (32 MB encoded and hashed), and one list referenced 65,536 times, or one 1 MiB bytes in
// every item, could be made to encode without bound. abi.encode and the arguments of a
// cross-contract call go through the same bounded, pre-charged encoder.
import { describe, expect, test } from 'vitest';
import { encodeCharged } from '../core/abi/charged_encode.js';
import type { Machine } from '../core/machine.js';
import { PyTuple } from '../core/values.js';
import { OutOfGas, VmError } from '../spec/errors.js';
import { CONSTANTS } from '../spec/table.js';
import { TestContract } from './helpers/contract.js';

class Meter {
  constructor(public gas: number) {}
  charge(n: number): void {
    if ((this.gas -= n) < 0) throw new OutOfGas();
  }
}
function meter(gas: number): Machine {
  return new Meter(gas) as unknown as Machine;
}
const P = { item: 48, word: 240 };
const w = (n: number) => (n + 31) >>> 5;

describe('encodeCharged', () => {
  test('charges every value, then every word, of what it returns', () => {
    const m = meter(1e9);
    const out = encodeCharged(m, ['list<bytes>'], [[new Uint8Array(100), new Uint8Array(3)]], {}, 1 << 20, P);
    expect(1e9 - m.gas).toBe(3 * P.item + w(out.length) * P.word);
    const free = meter(1e9);
    encodeCharged(free, ['list<bytes>'], [[new Uint8Array(100), new Uint8Array(3)]], {}, 1 << 20, { ...P, freeItems: 1, freeWords: 1 });
    expect(1e9 - free.gas).toBe(2 * P.item + (w(out.length) - 1) * P.word);
  });
  test('one big bytes in every item: stops at the cap, having written no more than it', () => {
    const b = new Uint8Array(1 << 20);
    const m = meter(1e12);
    const t0 = process.hrtime.bigint();
    expect(() => encodeCharged(m, ['list<bytes>'], [Array(65536).fill(b)], {}, 8 << 20, P)).toThrow(VmError);
    // 64 GiB if it did not stop: it stops at the 9th item
    expect(Number(process.hrtime.bigint() - t0)).toBeLessThan(2e9);
  });
  test('a gas limit below the bytes: out of gas before they are written', () => {
    const m = meter(20 * P.item + 40 * P.word);
    expect(() => encodeCharged(m, ['list<bytes>'], [Array(10).fill(new Uint8Array(1000))], {}, 8 << 20, P)).toThrow(OutOfGas);
  });
  test('values past what the gas pays for are not counted one by one (a tuple where a list is declared too)', () => {
    const row = Array(65536).fill(0);
    for (const v of [Array(65536).fill(row), new PyTuple(Array(65536).fill(new PyTuple(row)))]) {
      const m = meter(1e6);
      const t0 = process.hrtime.bigint();
      expect(() => encodeCharged(m, ['list<list<int>>'], [v], {}, 8 << 20, P)).toThrow(OutOfGas);
      expect(Number(process.hrtime.bigint() - t0)).toBeLessThan(2e9);
    }
  });
});

const c = new TestContract(`
def big(n: int) -> list[int]:
    x = (1 << 4000) - 1
    return [x] * n

def big_len(n: int) -> int:
    x = (1 << 4000) - 1
    return len([x] * n)
`);

describe("a function's result", () => {
  test('costs RESULT_PER_ITEM per value and RESULT_PER_WORD per word', () => {
    const g = (fn: string, n: number) => {
      const r = c.call(fn, [n], 1e9);
      expect(r.status).toBe('SUCCESS');
      return r;
    };
    const a = g('big', 100);
    const b = g('big', 200);
    const listDiff = b.gasUsed - a.gasUsed;
    const lenDiff = g('big_len', 200).gasUsed - g('big_len', 100).gasUsed;
    const words = w(b.returnData.length) - w(a.returnData.length);
    // 100 more values and their words; the return check looks at each item (1 gas each)
    expect(listDiff - lenDiff).toBe(100 * CONSTANTS.RESULT_PER_ITEM + words * CONSTANTS.RESULT_PER_WORD + 100);
  });
  test('past max_memory_bytes encoded: MemoryError, not 32 MB of return data', () => {
    const r = c.call('big', [65536], 1e9);
    expect(r.status).toBe('ERROR');
    expect(r.error?.message).toMatch(/MemoryError/);
  });
});
