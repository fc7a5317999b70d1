// stdlib SHA3 on the host's native hash (host/native_hash.ts useNativeStdSha3) against
// @noble/hashes: the same digests on every length around the rate boundaries and on views,
// the same receipts (return bytes, gas) for contracts that hash, and a function that is not
// SHA3 (or returns a Buffer) is refused without changing anything.
import { sha3_256, sha3_512 } from '@noble/hashes/sha3.js';
import { afterAll, describe, expect, test } from 'vitest';
import { compileSource } from '../compiler/index.js';
import { loadModule } from '../core/load.js';
import { useNativeStdSha3 } from '../host/native_hash.js';
import { sha3 as stdSha3, sha3_512h, useNobleSha3, useStdSha3 } from '../stdlib/hash.js';
import type { Machine } from '../core/machine.js';
import type { Value } from '../core/values.js';
import { callIn, receiptView } from './helpers/engines.js';

const SRC = `from stdlib import hash


def main(n: int) -> bytes:
    h = b"vm-py"
    acc = b""
    for i in range(n):
        h = hash.sha3_256(h + acc[:i % 7])
        acc = acc + hash.sha3_512(h)[i % 64:]
    return h + hash.sha3_512(acc)
`;

const meter = { charge: () => {} } as unknown as Machine;
const call = (f: typeof stdSha3, x: Uint8Array): Uint8Array => f(meter, [x as Value], 0) as Uint8Array;

describe('stdlib SHA3 on the native hash', () => {
  afterAll(() => useNobleSha3());

  test('a wrong function or a Buffer result is refused, and nothing changes', () => {
    const x = new Uint8Array([1, 2, 3]);
    expect(() => useStdSha3((b) => sha3_512(b).subarray(0, 32), sha3_512)).toThrow(/not SHA3-256/);
    expect(() => useStdSha3(sha3_256, (b) => Buffer.from(sha3_512(b)))).toThrow(/not SHA3-512/);
    expect(Buffer.from(call(stdSha3, x))).toEqual(Buffer.from(sha3_256(x)));
  });

  test('same digests as @noble/hashes, plain Uint8Arrays, on lengths 0..700 and on views', () => {
    useNativeStdSha3();
    for (let n = 0; n <= 700; n++) {
      const buf = Uint8Array.from({ length: n + 5 }, (_, i) => (i * 7 + n * 13) & 255);
      for (const x of [buf.subarray(0, n), buf.subarray(5)]) {
        const a = call(stdSha3, x);
        const b = call(sha3_512h, x);
        expect(Object.getPrototypeOf(a)).toBe(Uint8Array.prototype);
        expect(Object.getPrototypeOf(b)).toBe(Uint8Array.prototype);
        expect(Buffer.from(a).toString('hex')).toBe(Buffer.from(sha3_256(x)).toString('hex'));
        expect(Buffer.from(b).toString('hex')).toBe(Buffer.from(sha3_512(x)).toString('hex'));
      }
    }
  });

  test('a contract that hashes gives the same receipt either way, in both engines', () => {
    const mod = loadModule(compileSource(SRC, { file: 'h.py' }).module);
    useNobleSha3();
    const want = ['interp', 'jit'].map((e) => receiptView(callIn(e as 'interp', mod, 'main', [40n], 1e9)));
    expect(want[1]).toBe(want[0]);
    useNativeStdSha3();
    const got = ['interp', 'jit'].map((e) => receiptView(callIn(e as 'interp', mod, 'main', [40n], 1e9)));
    expect(got).toEqual(want);
    expect(JSON.parse(want[0]).status).toBe('SUCCESS');
  });
});
