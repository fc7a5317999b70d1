// String annotations are checked at compile time with the ABI's own grammar: the validator's
// recognizer (validate/type_names.ts) and the codec's parser (core/abi/types.ts) must agree.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { compileSource } from '../compiler/index.js';
import { parseType } from '../core/abi/types.js';
import { typeNameProblem } from '../validate/type_names.js';

const parses = (s: string) => {
  try {
    parseType(s);
    return true;
  } catch {
    return false;
  }
};

const NAMES = [
  'int',
  'bool',
  'bytes',
  'str',
  'address',
  'string',
  'boolean',
  'integer',
  'bytearray',
  'u8',
  'u64',
  'u256',
  'i8',
  'int128',
  'uint256',
  'u7',
  'u264',
  'bytes1',
  'bytes32',
  'bytes33',
  'bytes0',
  'list<int>',
  'list[int]',
  'List[u8]',
  'list',
  'list[]',
  'int[]',
  'int[][]',
  'int[3]',
  'tuple(int,str)',
  'tuple[int, str]',
  'Tuple[int,]',
  '(int,bytes)',
  '()',
  'tuple',
  'adress',
  'lst[int]',
  'list<int',
  'int str',
  ' int ',
  'tuple(int,,str)',
  'list<tuple(bytes32,str)>',
  'dict',
  'None',
  '',
];

describe('string annotations', () => {
  test('the validator accepts exactly what the ABI parser accepts', () => {
    for (const n of NAMES) expect([n, typeNameProblem(n) === null]).toEqual([n, parses(n)]);
  });

  test('and on generated names', () => {
    const atom = fc.constantFrom('int', 'u64', 'bytes32', 'str', 'adress', 'list', 'tuple', 'x', '(', ')', '[', ']', '<', '>', ',', ' ', '[]');
    fc.assert(
      fc.property(
        fc.array(atom, { maxLength: 8 }).map((a) => a.join('')),
        (s) => (typeNameProblem(s) === null) === parses(s),
      ),
      { numRuns: 3000, seed: 1 },
    );
  });

  test('a bad one is a compile error at the string, in parameters, returns and local annotations', () => {
    const src = 'def f(x: "adress") -> "u64":\n    y: "lst[int]" = 3\n    return 1\n\n\ndef _g(x: "address") -> "list[u8]":\n    return [1]\n';
    let msg = '';
    try {
      compileSource(src, { file: 'a.py' });
    } catch (e) {
      msg = (e as { diagnostics: { oneLine(): string }[] }).diagnostics.map((d) => d.oneLine()).join('\n');
    }
    expect(msg.split('\n')).toEqual([
      expect.stringMatching(/^a\.py:1:10: E-ANNOTATION string annotation "adress" is not a type: unknown type name "adress"/),
      expect.stringMatching(/^a\.py:2:8: E-ANNOTATION string annotation "lst\[int\]" is not a type/),
    ]);
  });
});
