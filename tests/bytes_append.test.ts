// Bytes concatenation appends into spare capacity; every value keeps its own contents.
import { describe, expect, test } from 'vitest';
import { TestContract } from './helpers/contract.js';

describe('bytes concatenation', () => {
  test('values made from a shared prefix stay independent', () => {
    const c = new TestContract(
      [
        'def f() -> bytes:',
        '    s = b"ab" * 40',
        '    t = s + b"X"',
        '    u = s + b"Y"',
        '    v = t + b"Z"',
        '    w = t + b"W"',
        '    return b"|".join([s[-2:], t[-2:], u[-2:], v[-3:], w[-3:], bytes([len(s), len(t), len(u), len(v), len(w)])])',
      ].join('\n') + '\n',
    );
    const r = c.call('f');
    expect(r.status).toBe('SUCCESS');
    const parts = Buffer.from(r.returnValue as Uint8Array)
      .toString('latin1')
      .split('|');
    expect(parts.slice(0, 5)).toEqual(['ab', 'bX', 'bY', 'bXZ', 'bXW']);
    expect([...Buffer.from(parts[5], 'latin1')]).toEqual([80, 81, 81, 82, 82]);
  });

  test('a long append loop stays linear and exact', () => {
    const c = new TestContract(
      'from stdlib import hash\ndef f(n: int) -> bytes:\n    s = b""\n    for i in range(n):\n        s = s + bytes([i % 251])\n    return hash.sha3_256(s)\n',
    );
    const r = c.call('f', [20000], 50_000_000);
    expect(r.status).toBe('SUCCESS');
    const expected = new Uint8Array(20000).map((_, i) => i % 251);
    // compare against the hash of the same bytes built directly
    const d = new TestContract('from stdlib import hash\ndef g(b: bytes) -> bytes:\n    return hash.sha3_256(b)\n');
    expect(r.returnValue).toEqual(d.call('g', ['0x' + Buffer.from(expected).toString('hex')]).returnValue);
  });
});
