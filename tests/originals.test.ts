// Constructs from the contracts of the original vm_py (multisig permits, the blob pinner,
// the useful-work scorer), in contracts written for this test: each compiles unchanged, or
// fails with an error that says what to write instead (spec/LANGUAGE.md).
import { describe, expect, test } from 'vitest';
import { compileSource } from '../compiler/index.js';
import { DiagnosticsError } from '../spec/errors.js';
import { TestContract } from './helpers/contract.js';

function errors(src: string): string[] {
  try {
    compileSource(src, { file: 'c.py' });
  } catch (e) {
    if (e instanceof DiagnosticsError) return e.diagnostics.map((d) => `${d.code}: ${d.message}`);
    throw e;
  }
  return [];
}

describe('contracts of the original vm_py', () => {
  test('isinstance with bytes-like types the subset lacks, and keyword-only parameters, compile and run', () => {
    const c = new TestContract(
      [
        'from stdlib import abi',
        'NS = 0xABC',
        'def _payload(data: bytes) -> bytes:',
        '    abi.require(isinstance(data, (bytes, bytearray, memoryview)), b"not bytes-like")',
        '    return bytes(data)',
        'def pin(data: bytes, *, namespace: int = NS) -> int:',
        '    p = _payload(data)',
        '    return len(p) + namespace + (1 if isinstance(namespace, (float, complex)) else 0)',
      ].join('\n'),
    );
    const r = c.call('pin', ['0x0102', 0xabc]);
    expect(r.status).toBe('SUCCESS');
    expect(r.returnValue).toBe(2 + 0xabc);
  });

  test('an Optional parameter is refused with the plain-default form to write instead, which compiles', () => {
    const sig = (t: string) => `def score(block_hash: bytes, miner: ${t}) -> int:\n    return sum(block_hash) + (sum(miner) if miner else 0)\n`;
    for (const t of ['bytes | None = None', 'None | bytes = None', 'Optional[bytes] = None']) {
      const src = (t.startsWith('Optional') ? 'from typing import Optional\n' : '') + sig(t);
      expect(errors(src).join('\n')).toMatch(/no optional \(None\) values.*`miner: bytes = b""`.*`if miner:`/);
    }
    const c = new TestContract(sig('bytes = b""'));
    expect(c.call('score', ['0x0102', '0x03']).returnValue).toBe(6);
  });

  test('a list[dict] parameter is refused with the tuple form to write instead, which compiles and runs', () => {
    expect(errors('def run(permits: list[dict]) -> int:\n    return len(permits)\n').join('\n')).toMatch(/no dict type.*list\[tuple\[/);
    const c = new TestContract(
      'def run(permits: list[tuple[bytes, int]]) -> int:\n    t = 0\n    for signer, alg_id in permits:\n        t += len(signer) * alg_id\n    return t\n',
    );
    expect(
      c.call('run', [
        [
          ['0x0102', 3],
          ['0x01', 5],
        ],
      ]).returnValue,
    ).toBe(11);
  });
});
