// Big-int loops fused (CONST CONST POW folded, runtime/fold.ts) against unfused execution (the
// tracer runs every original instruction): identical receipts at every gas limit, under a
// small int cap and a small memory cap too, so OOG, OverflowError and MemoryError land inside
// the folded form; and identical memory accounting (m.mem), which decides when the live set
// is measured.
import { describe, expect, test } from 'vitest';
import { compileSource } from '../compiler/index.js';
import { DEFAULT_LIMITS, Op } from '../spec/table.js';
import type { Receipt } from '../node/execute.js';
import { Form, fusedOp } from '../core/fuse.js';
import { loadModule } from '../core/load.js';
import { run } from '../core/interpreter.js';
import { Machine } from '../core/machine.js';
import type { Host } from '../core/host.js';
import { tracedCall } from './helpers/traced_call.js';

const SRC = `
def lcg(n: int, k: int) -> int:
    x = 1 + k
    for i in range(n):
        x = (x * 6364136223846793005 + 1442695040888963407) % 2**256
    return x

def powers(n: int, k: int) -> int:
    s = 0
    for i in range(n):
        s = s + 2**255 + 3**161 - 7**100 + (-2)**3 + 0**0 + 1**9 + (-1)**7 + 5**0
        s = s // 2**64 + s % 2**200 - (s & 2**300) + (s | 2**64) ^ k
        if i == k:
            s = s + 2**4095
        if i == k + 1:
            s = s * 2**4095
        if i == k + 2:
            s = s + 2**-1
        if i == k + 3:
            s = s + 2**4096
    return s

def mix(n: int, k: int) -> int:
    x = k
    y = 3
    for i in range(n):
        x = (x * 6364136223846793005 + 1442695040888963407) % 2**256
        y = (y ^ x) - (x & 2**200) + (x | k) // 2**64 - y % 2**255
        y = y * 2**64 % 2**300 - x + (y - k) % 2**128 * (k % 2**64 - 9)
    return x + y

def low(n: int, k: int) -> int:
    x = k
    for i in range(n):
        x = x * 6364136223846793005 + i
        x = x % 2**256 + x // 2**300
    return x % 2**64

def words(n: int, k: int) -> int:
    x = k
    y = -k * 2**190
    for i in range(n):
        x = (x * 2**64 + y * 6364136223846793005 - i) % 2**512
        y = (y * x - 2**255) // 2**250 - x % (2**256 - 189)
    return x + y
`;

const call = tracedCall;

function view(r: Receipt): unknown {
  return { status: r.status, gasUsed: r.gasUsed, ret: Buffer.from(r.returnData).toString('hex'), err: r.error };
}

describe('folded powers and word arithmetic agree with unfused execution', () => {
  const mod = loadModule(compileSource(SRC).module);
  const small = { ...DEFAULT_LIMITS, max_int_bits: 700, max_memory_bytes: 40_000 };

  test('the folded form is used', () => {
    const fast = mod.funcs.map((f) => Array.from(f.offsets, (o) => f.fast[o]));
    expect(fast.flat()).toContain(fusedOp(Form.KKPOW));
    // after a LOAD too (`x % 2**256`): every CONST CONST POW of the module is folded
    let runs = 0;
    for (const f of mod.funcs) {
      const ops = Array.from(f.offsets, (o) => f.code[o]);
      ops.forEach((op, j) => {
        if (op === Op.CONST && ops[j + 1] === Op.CONST && ops[j + 2] === Op.POW) {
          runs++;
          expect(f.fast[f.offsets[j]]).toBe(fusedOp(Form.KKPOW));
        }
      });
    }
    expect(runs).toBeGreaterThan(20);
  });

  for (const [fn, runs] of [
    [
      'lcg',
      [
        [0n, 0n],
        [7n, 3n],
        [40n, 2n ** 200n],
      ],
    ],
    [
      'powers',
      [
        [3n, 99n],
        [6n, 1n],
        [6n, 2n],
        [6n, 3n],
        [6n, 4n],
      ],
    ],
    [
      'words',
      [
        [12n, 5n],
        [12n, -(2n ** 60n)],
      ],
    ],
    [
      'low',
      [
        [9n, 7n],
        [9n, -(2n ** 250n)],
      ],
    ],
  ] as const) {
    for (const limits of [DEFAULT_LIMITS, small]) {
      test(`${fn}, max_int_bits ${limits.max_int_bits}: every gas limit`, () => {
        for (const args of runs) {
          const full = call(mod, fn, [...args], 10_000_000, false, limits);
          expect(view(full)).toEqual(view(call(mod, fn, [...args], 10_000_000, true, limits)));
          for (let g = 400; g <= full.gasUsed + 2; g += 1) {
            expect(view(call(mod, fn, [...args], g, false, limits))).toEqual(view(call(mod, fn, [...args], g, true, limits)));
          }
        }
        // two runs per gas limit up to the gas used: the time grows with the prices (// and % of
        // big ints are priced per limb), and a loaded machine needs more than the default
      }, 240_000);
    }
  }

  test('a long loop crosses the memory cap inside the folded form', () => {
    for (const limits of [{ ...DEFAULT_LIMITS, max_memory_bytes: 20_000 }, small]) {
      const a = call(mod, 'lcg', [300n, 1n], 10_000_000, false, limits);
      expect(view(a)).toEqual(view(call(mod, 'lcg', [300n, 1n], 10_000_000, true, limits)));
    }
  });

  test('memory accounting and gas left are the same as unfused, call by call', () => {
    for (const [fn, args] of [
      ['lcg', [25, 1]],
      ['powers', [4, 99]],
      ['words', [9, 5]],
    ] as const) {
      for (const limits of [DEFAULT_LIMITS, { ...DEFAULT_LIMITS, max_memory_bytes: 3000 }]) {
        const state = (traced: boolean) => {
          const m = new Machine(mod, limits, 1_000_000, [], {} as Host);
          if (traced) m.tracer = () => {};
          let r: unknown;
          try {
            r = run(
              m,
              mod.ir.funcs.findIndex((f) => f.name === fn),
              [...args],
            );
          } catch (e) {
            r = String(e);
          }
          return { r, mem: m.mem, gas: m.gas };
        };
        expect(state(false)).toEqual(state(true));
      }
    }
  });

  test("the interpreter's big-int path charges as the exact path does (max_int_bits 1023 turns it off)", () => {
    // every value here stays far below 1023 bits, so the two caps give the same results
    const exact = { ...DEFAULT_LIMITS, max_int_bits: 1023 };
    for (const [fn, args] of [
      ['lcg', [9n, 3n]],
      ['mix', [8n, 5n]],
      ['mix', [8n, -(2n ** 100n)]],
    ] as const) {
      const full = call(mod, fn, [...args], 10_000_000, false, DEFAULT_LIMITS);
      expect(full.status).toBe('SUCCESS');
      for (let g = 400; g <= full.gasUsed + 2; g += 1) {
        expect(view(call(mod, fn, [...args], g, false, DEFAULT_LIMITS))).toEqual(view(call(mod, fn, [...args], g, false, exact)));
      }
    }
  });
});
