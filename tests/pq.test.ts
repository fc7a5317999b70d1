// pq.verify accepts what @noble/post-quantum signs and rejects every tampering, for each
// ML-DSA set and one SLH-DSA set per hash family (the fast 'f' sets: signing is slow);
// pq.address follows the documented derivation.
import { sha3_256 } from '@noble/hashes/sha3.js';
import { ml_dsa44, ml_dsa65, ml_dsa87 } from '@noble/post-quantum/ml-dsa.js';
import { slh_dsa_sha2_128f, slh_dsa_shake_128f } from '@noble/post-quantum/slh-dsa.js';
import { describe, expect, test } from 'vitest';
import { PQ_ALGS, PQ_BY_NAME } from '../stdlib/pq_algs.js';
import { nobleImpl } from '../stdlib/pq_noble.js';
import { TestContract } from './helpers/contract.js';

const c = new TestContract(`from stdlib import pq, pq_verify
def check(alg: int, pk: bytes, msg: bytes, sig: bytes) -> bool:
    return pq.verify(alg, pk, msg, sig)
def check_named(alg: str, pk: bytes, msg: bytes, sig: bytes) -> bool:
    return pq_verify.verify(alg, pk, msg, sig)
def addr(alg: int, pk: bytes) -> bytes:
    return pq.address(alg, pk)
`);

const H = (b: Uint8Array) => '0x' + Buffer.from(b).toString('hex');
const flip = (b: Uint8Array, i: number) => {
  const o = b.slice();
  o[i] ^= 1;
  return o;
};
const msg = new TextEncoder().encode('transfer 5 to bob');

interface Signer {
  lengths: { seed?: number };
  keygen(seed: Uint8Array): { publicKey: Uint8Array; secretKey: Uint8Array };
  sign(msg: Uint8Array, sk: Uint8Array): Uint8Array;
}

const CASES: Array<[string, Signer]> = [
  ['ML-DSA-44', ml_dsa44],
  ['ML-DSA-65', ml_dsa65],
  ['ML-DSA-87', ml_dsa87],
  ['SLH-DSA-SHA2-128f', slh_dsa_sha2_128f],
  ['SLH-DSA-SHAKE-128f', slh_dsa_shake_128f],
];

function verify(alg: number | string, pk: Uint8Array, m: Uint8Array, sig: Uint8Array): boolean {
  const r = typeof alg === 'number' ? c.call('check', [alg, H(pk), H(m), H(sig)], 50_000_000) : c.call('check_named', [alg, H(pk), H(m), H(sig)], 50_000_000);
  expect(r.status, JSON.stringify(r.error)).toBe('SUCCESS');
  return r.returnValue as boolean;
}

describe('pq.verify', () => {
  for (const [name, s] of CASES) {
    test(`${name}: accepts a real signature, rejects tampering`, { timeout: 30_000 }, () => {
      const alg = PQ_BY_NAME.get(name)!;
      const { publicKey, secretKey } = s.keygen(new Uint8Array(s.lengths.seed ?? 32).fill(9));
      expect(publicKey.length).toBe(alg.publicKeyBytes);
      const sig = s.sign(msg, secretKey);
      expect(sig.length).toBe(alg.signatureBytes);
      expect(verify(alg.id, publicKey, msg, sig)).toBe(true);
      expect(verify(name, publicKey, msg, sig)).toBe(true);
      expect(verify(alg.id, publicKey, flip(msg, 0), sig)).toBe(false);
      expect(verify(alg.id, publicKey, msg, flip(sig, sig.length >> 1))).toBe(false);
      expect(verify(alg.id, flip(publicKey, 3), msg, sig)).toBe(false);
      expect(verify(alg.id, publicKey, msg, sig.subarray(1))).toBe(false);
      expect(verify(alg.id, publicKey.subarray(1), msg, sig)).toBe(false);
      const other = PQ_ALGS.find((a) => a.id !== alg.id && a.publicKeyBytes === alg.publicKeyBytes);
      if (other) expect(verify(other.id, publicKey, msg, sig)).toBe(false);
    });
  }

  test('an unknown algorithm is a ValueError; a wrong alg type a TypeError', () => {
    const r = c.call('check', [999, '0x', '0x', '0x']);
    expect(r.status).toBe('ERROR');
    expect(r.error?.kind).toBe('ValueError');
    expect(c.call('check_named', ['Dilithium3', '0x', '0x', '0x']).error?.kind).toBe('ValueError');
  });

  test("ids and names are unique; the fixed key and signature sizes are the library's", () => {
    expect(new Set(PQ_ALGS.map((a) => a.id)).size).toBe(PQ_ALGS.length);
    expect(new Set(PQ_ALGS.map((a) => a.name)).size).toBe(PQ_ALGS.length);
    expect(PQ_ALGS.length).toBe(15);
    for (const a of PQ_ALGS) {
      const { lengths } = nobleImpl(a.name);
      expect([a.name, a.publicKeyBytes, a.signatureBytes]).toEqual([a.name, lengths.publicKey, lengths.signature]);
    }
    expect(() => nobleImpl('ML-DSA-1')).toThrow();
  });
});

describe('pq.address', () => {
  test('sha3_256(u16be(alg id) || pubkey)[:32]', () => {
    const { publicKey } = ml_dsa65.keygen(new Uint8Array(32).fill(1));
    const r = c.call('addr', [2, H(publicKey)]);
    expect(H(r.returnValue as Uint8Array)).toBe(H(sha3_256(new Uint8Array([0, 2, ...publicKey]))));
    const wrong = c.call('addr', [1, H(publicKey)]);
    expect(wrong.status).toBe('ERROR');
    expect(wrong.error?.kind).toBe('ValueError');
  });
});
