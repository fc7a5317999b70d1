// Validator and compiler under random and mutated sources: the only outcomes are a compiled
// module (which must then load) or VmPyError diagnostics; never a JS exception.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, test } from 'vitest';
import { compileSource } from '../compiler/index.js';
import { loadBytes } from '../core/load.js';
import { VmPyError } from '../spec/errors.js';
import { fuzzParams } from './helpers/fuzz.js';

const seeds = ['examples/counter/contract.py', 'examples/escrow/contract.py'].map((f) => readFileSync(f, 'utf8'));

const TOKENS = [
  'def ',
  'return ',
  'if ',
  'else:',
  'elif ',
  'while ',
  'for ',
  ' in ',
  'range(',
  'len(',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  ':',
  ',',
  '.',
  '=',
  '==',
  '+',
  '-',
  '*',
  '//',
  '%',
  '**',
  '<<',
  '>>',
  '&',
  '|',
  '^',
  '~',
  'not ',
  ' and ',
  ' or ',
  ' is ',
  'None',
  'True',
  'False',
  '0',
  '1',
  '-1',
  '2**255',
  '0x10',
  'b"ab"',
  '"s"',
  '\n',
  '\n    ',
  '\n        ',
  'x',
  'y',
  '_h',
  'storage.',
  'abi.',
  'hash.',
  'lambda ',
  'import ',
  'from ',
  'yield ',
  'class ',
  'global ',
  '@',
  '1.5',
  '/',
  '\\',
  '"""',
  "'",
  '#',
  '[i for i in range(3)]',
  'break',
  'continue',
  'pass',
  'assert ',
  'del ',
  'x[0]',
  'x[1:2]',
  '{1: 2}',
  '(1, 2)',
  'sorted(',
  'min(',
  'isinstance(',
];

function check(src: string): void {
  try {
    const c = compileSource(src);
    loadBytes(c.bytes);
  } catch (e) {
    if (!(e instanceof VmPyError)) throw e;
  }
}

const edit = fc.record({ at: fc.nat(), del: fc.integer({ min: 0, max: 6 }), ins: fc.array(fc.constantFrom(...TOKENS), { maxLength: 3 }) });

describe('source fuzz', () => {
  test('token soup', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }), (ts) => check(ts.join(''))),
      fuzzParams(1500),
    );
  });

  test('mutated examples', () => {
    fc.assert(
      fc.property(fc.constantFrom(...seeds), fc.array(edit, { minLength: 1, maxLength: 4 }), (seed, edits) => {
        let s = seed;
        for (const e of edits) {
          const at = e.at % (s.length + 1);
          s = s.slice(0, at) + e.ins.join('') + s.slice(at + e.del);
        }
        check(s);
      }),
      fuzzParams(1500),
    );
  });

  test('arbitrary unicode', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => check(s)),
      fuzzParams(1000),
    );
  });
});
