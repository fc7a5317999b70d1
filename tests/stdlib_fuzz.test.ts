// Whatever a contract passes to a stdlib function, the outcome is a value or a typed
// VmPyError (TypeError/ValueError/Revert/OOG...), never a raw JS exception.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { VmPyError } from '../spec/errors.js';
import { STDLIB } from '../spec/table.js';
import { MemoryState } from '../node/state.js';
import { PyDict, PyTuple, type Value } from '../core/values.js';
import { PQ_ALGS } from '../stdlib/pq_algs.js';
import { makeMachine, stdCall } from './helpers/stdcall.js';

const dict = (entries: Array<[Value, Value]>) => {
  const d = new PyDict();
  for (const [k, v] of entries) {
    try {
      d.set(k, v);
    } catch {
      // unhashable keys are skipped here; the VM never builds such a dict
    }
  }
  return d;
};

const scalar: fc.Arbitrary<Value> = fc.oneof(
  fc.integer({ min: -5, max: 300 }),
  fc.constantFrom(0, 1, 2, 16, 17, 0x21, 256, 4096, 4097, -1, 2 ** 53 - 1),
  fc.bigInt({ min: -(1n << 300n), max: 1n << 300n }).map((b) => (b >= -(2n ** 53n) + 1n && b <= 2n ** 53n - 1n ? Number(b) : b)),
  fc.boolean(),
  fc.constant(null),
  fc.uint8Array({ maxLength: 80 }).map((b) => new Uint8Array(b)),
  fc.constantFrom(0, 1, 31, 32, 33, 64, 65, 1312, 2420).map((n) => new Uint8Array(n).fill(7)),
  fc.string({ maxLength: 20 }),
  fc.constantFrom('int', 'bytes', 'address', 'list<int>', 'ML-DSA-44', 'SLH-DSA-SHA2-128f', 'x', ''),
);
const value: fc.Arbitrary<Value> = fc.oneof(
  { weight: 6, arbitrary: scalar },
  { weight: 1, arbitrary: fc.array(scalar, { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.array(scalar, { maxLength: 4 }).map((xs) => new PyTuple(xs)) },
  { weight: 1, arbitrary: fc.array(fc.tuple(scalar, scalar), { maxLength: 4 }).map(dict) },
);

describe('stdlib never throws a raw JS exception', () => {
  for (const s of STDLIB) {
    test(s.name, () => {
      fc.assert(
        fc.property(fc.array(value, { minLength: s.params.length, maxLength: s.params.length }), fc.integer({ min: 0, max: 400_000 }), (args, gas) => {
          const state = new MemoryState();
          state.setBalance(new Uint8Array(32).fill(0xcc), 50n);
          const m = makeMachine({ state, gas });
          try {
            stdCall(s.name, args, m);
          } catch (e) {
            expect(e, String(e)).toBeInstanceOf(VmPyError);
          }
        }),
        { numRuns: s.name.startsWith('pq.') ? 60 : 150 },
      );
    });
  }
});

describe('pq.verify on garbage of the right lengths', () => {
  test('is False, never a library exception', () => {
    const algs = PQ_ALGS.filter((a) => a.name.startsWith('ML-DSA') || a.name === 'SLH-DSA-SHA2-128s');
    fc.assert(
      fc.property(fc.constantFrom(...algs), fc.integer({ min: 0, max: 255 }), fc.uint8Array({ maxLength: 40 }), (alg, fill, msg) => {
        const pk = new Uint8Array(alg.publicKeyBytes).map((_, i) => (i * 31 + fill) & 0xff);
        const sig = new Uint8Array(alg.signatureBytes).map((_, i) => (i * 17 + fill) & 0xff);
        const r = stdCall('pq.verify', [alg.id, pk, new Uint8Array(msg), sig], makeMachine());
        expect(r.value).toBe(false);
      }),
      { numRuns: 40 },
    );
  });
});
