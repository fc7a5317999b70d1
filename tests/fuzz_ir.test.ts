// The IR loader under random and mutated bytes: it either loads a module (which must then
// re-encode to the same bytes) or fails with IRDecodeError / VerifyError, never anything
// from deeper code.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { encodeModule } from '../compiler/codec.js';
import { compileSource } from '../compiler/index.js';
import { loadBytes } from '../core/load.js';
import { IRDecodeError, VerifyError } from '../spec/errors.js';
import { fuzzParams } from './helpers/fuzz.js';

const seeds = ['examples/counter/contract.py', 'examples/escrow/contract.py'].map((f) => compileSource(readFileSync(f, 'utf8'), { file: f }).bytes);

function check(bytes: Uint8Array): void {
  try {
    const m = loadBytes(bytes);
    expect(encodeModule(m.ir)).toEqual(bytes);
  } catch (e) {
    if (!(e instanceof IRDecodeError || e instanceof VerifyError)) throw e;
  }
}

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
);

function mutate(src: Uint8Array, ms: { kind: string; at: number; bit?: number; value?: number }[]): Uint8Array {
  const b = Array.from(src);
  for (const m of ms) {
    const at = b.length ? m.at % b.length : 0;
    if (m.kind === 'flip') b[at] ^= 1 << m.bit!;
    else if (m.kind === 'set') b[at] = m.value!;
    else if (m.kind === 'insert') b.splice(at, 0, m.value!);
    else b.splice(at, 1);
  }
  return Uint8Array.from(b);
}

describe('IR loader fuzz', () => {
  test('random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (b) => check(b)),
      fuzzParams(2000),
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (b) => check(new Uint8Array([0x56, 0x4d, 0x50, 0x59, 1, ...b]))),
      fuzzParams(2000),
    );
  });

  test('mutated real modules', () => {
    fc.assert(
      fc.property(fc.constantFrom(...seeds), fc.array(mutation, { minLength: 1, maxLength: 4 }), (seed, ms) => check(mutate(seed, ms))),
      fuzzParams(3000),
    );
  });
});
