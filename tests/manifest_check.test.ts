// Manifest ABI vs the contract's public functions: compatible spellings pass, every kind of
// disagreement is a ManifestError that names the manifest entry and the source line.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { compileSource } from '../compiler/index.js';
import { loadModule } from '../core/load.js';
import { normalizeManifest } from '../node/manifest.js';
import { crossCheckAbi, signaturesFromModule, signaturesFromSource } from '../node/manifest_check.js';
import { ManifestError } from '../spec/errors.js';

const SRC = `from stdlib import abi

def pay(to: "address", amount: int, memo: bytes) -> bool:
    return True

def owner() -> bytes:
    return b"x" * 32

def pair() -> tuple[int, str]:
    return (1, "a")

def info() -> dict:
    return {"a": 1}

def _helper() -> int:
    return 1
`;
const compiled = compileSource(SRC, { file: 'c.py' });
const sigs = signaturesFromSource(compiled.checked);

const GOOD = [
  {
    name: 'pay',
    inputs: [
      { name: 'to', type: 'address' },
      { name: 'amount', type: 'u64' },
      { name: 'memo', type: 'bytes32' },
    ],
    outputs: [{ type: 'bool' }],
  },
  { name: 'owner', inputs: [], outputs: [{ name: 'who', type: 'address' }] },
  { name: 'pair', inputs: [], outputs: [{ type: 'u8' }, { type: 'string' }] },
  { name: 'info', inputs: [], outputs: [{ name: 'a', type: 'int' }] },
];

function check(functions: unknown[]) {
  return crossCheckAbi(normalizeManifest({ name: 't', entry: 'c.py', abi: { functions } }).abi, sigs, 'c.py');
}

function mutate(i: number, f: (fn: Record<string, unknown>) => void): unknown[] {
  const fns = structuredClone(GOOD) as Record<string, unknown>[];
  f(fns[i]);
  return fns;
}

describe('manifest cross-check', () => {
  test('compatible spellings pass: sized ints, bytesN, address outputs for bytes, tuple returns as several outputs', () => {
    expect([...check(GOOD).keys()]).toEqual(['pay', 'owner', 'pair', 'info']);
    expect(check(mutate(2, (f) => (f.outputs = [{ type: 'tuple(int,str)' }]))).size).toBe(4);
    expect(check(mutate(0, (f) => (f.inputs = ['address', 'int', 'bytes']))).size).toBe(4); // unnamed inputs
  });

  test('the examples agree with their manifests', () => {
    for (const ex of ['counter', 'escrow']) {
      const c = compileSource(readFileSync(`examples/${ex}/contract.py`, 'utf8'), { file: 'contract.py' });
      const m = normalizeManifest(JSON.parse(readFileSync(`examples/${ex}/manifest.json`, 'utf8')));
      expect(crossCheckAbi(m.abi, signaturesFromSource(c.checked)).size).toBe(m.abi.functions.length);
    }
  });

  const bad: [string, unknown[], RegExp][] = [
    [
      'a function the contract lacks',
      [...GOOD, { name: 'mint', inputs: [], outputs: [] }],
      /manifest function mint \(\/abi\/functions\/4\): c\.py has no public function mint/,
    ],
    ['a private helper', [...GOOD, { name: '_helper', inputs: [], outputs: [{ type: 'int' }] }], /manifest function _helper .*no public function/],
    ['a public function the manifest lacks', GOOD.slice(1), /^c\.py:3: public function pay is missing from the manifest ABI/],
    [
      'wrong arity',
      mutate(0, (f) => (f.inputs = [{ name: 'to', type: 'address' }])),
      /manifest function pay \(\/abi\/functions\/0\) takes 1 argument, c\.py:3 def pay takes 3/,
    ],
    [
      'wrong input type',
      mutate(0, (f) => ((f.inputs as { type: string }[])[1].type = 'str')),
      /input 1 \(amount\) has type str, c\.py:3 def pay annotates amount as int/,
    ],
    [
      'address for a bytes parameter',
      mutate(0, (f) => ((f.inputs as { type: string }[])[2].type = 'address')),
      /annotates memo as bytes \(address is part of the selector/,
    ],
    [
      'bytes for an address parameter',
      mutate(0, (f) => ((f.inputs as { type: string }[])[0].type = 'bytes')),
      /input 0 \(to\) has type bytes, c\.py:3 def pay annotates to as address/,
    ],
    [
      'a renamed parameter',
      mutate(0, (f) => ((f.inputs as { name: string }[])[1].name = 'value')),
      /input 1 \(value\) is named value, c\.py:3 def pay names parameter 1 'amount'/,
    ],
    [
      'outputs for a None function',
      [...GOOD.slice(0, 3), GOOD[3]].map((f) => (f.name === 'pay' ? { ...f, outputs: [] } : f)),
      /manifest function pay .*declares no outputs, c\.py:3 def pay returns bool/,
    ],
    ['wrong output type', mutate(1, (f) => (f.outputs = [{ type: 'int' }])), /declares outputs \(int\), c\.py:6 def owner returns bytes/],
    ['tuple of the wrong shape', mutate(2, (f) => (f.outputs = [{ type: 'int' }])), /returns tuple\(int,str\)/],
    ['unnamed outputs for a dict', mutate(3, (f) => (f.outputs = [{ type: 'int' }])), /def info returns a dict, so every output needs a name/],
  ];
  for (const [what, fns, re] of bad) {
    test(`rejects ${what}`, () => {
      expect(() => check(fns)).toThrow(ManifestError);
      expect(() => check(fns)).toThrow(re);
    });
  }

  test('against IR alone, parameter names come from debug info and places from its line table', () => {
    const mod = loadModule(compiled.module);
    const s = signaturesFromModule(mod);
    // IR debug info maps pc 0 to the first line of the body
    expect(s.find((x) => x.name === 'pay')).toMatchObject({ paramNames: ['to', 'amount', 'memo'], where: 'c.py:4' });
    expect(() => crossCheckAbi(normalizeManifest({ name: 't', entry: 'c.py', abi: { functions: GOOD.slice(1) } }).abi, s)).toThrow(
      /c\.py:4: public function pay/,
    );
    const stripped = loadModule(compileSource(SRC, { strip: true }).module);
    expect(signaturesFromModule(stripped).find((x) => x.name === 'pay')).toMatchObject({ paramNames: undefined, where: 'code function pay' });
  });
});
