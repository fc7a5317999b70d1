// Known-answer vectors for every stdlib hash, run through a compiled contract: FIPS 202
// (sha3_256, sha3_512: NIST examples, python's hashlib agrees), the Keccak team's original
// keccak256 (Ethereum's), and the BLAKE3 reference test vectors (input i % 251).
import { describe, expect, test } from 'vitest';
import { TestContract } from './helpers/contract.js';

const c = new TestContract(`from stdlib import hash
def h256(d: bytes) -> bytes:
    return hash.sha3_256(d)
def h512(d: bytes) -> bytes:
    return hash.sha3_512(d)
def kec(d: bytes) -> bytes:
    return hash.keccak256(d)
def b3(d: bytes) -> bytes:
    return hash.blake3(d)
`);

const hexOf = (s: string) => '0x' + Buffer.from(s, 'latin1').toString('hex');
const ABC448 = 'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq';
const PATTERN_1024 = '0x' + Buffer.from(Array.from({ length: 1024 }, (_, i) => i % 251)).toString('hex');

const KATS: Array<[fn: string, input: string, digest: string]> = [
  ['h256', hexOf(''), 'a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a'],
  ['h256', hexOf('abc'), '3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532'],
  ['h256', hexOf(ABC448), '41c0dba2a9d6240849100376a8235e2c82e1b9998a999e21db32dd97496d3376'],
  ['h512', hexOf(''), 'a69f73cca23a9ac5c8b567dc185a756e97c982164fe25859e0d1dcc1475c80a615b2123af1f5f94c11e3e9402c3ac558f500199d95b6d3e301758586281dcd26'],
  ['h512', hexOf('abc'), 'b751850b1a57168a5693cd924b6b096e08f621827444f70d884f5d0240d2712e10e116e9192af3c91a7ec57647e3934057340b4cf408d5a56592f8274eec53f0'],
  ['h512', hexOf(ABC448), '04a371e84ecfb5b8b77cb48610fca8182dd457ce6f326a0fd3d7ec2f1e91636dee691fbe0c985302ba1b0d8dc78c086346b533b49c030d99a27daf1139d6e75e'],
  ['kec', hexOf(''), 'c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470'],
  ['kec', hexOf('abc'), '4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45'],
  ['b3', hexOf(''), 'af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262'],
  ['b3', hexOf('abc'), '6437b3ac38465133ffb63b75273a8db548c558465d79db03fd359c6cd5bd9d85'],
  ['b3', '0x00', '2d3adedff11b61f14c886e35afa036736dcd87a74d27b5c1510225d0f592e213'],
  ['b3', PATTERN_1024, '42214739f095a406f3fc83deb889744ac00df831c10daa55189b5d121c855af7'],
];

describe('hash known answers (through the VM)', () => {
  for (const [fn, input, digest] of KATS) {
    test(`${fn}(${input.length > 20 ? input.slice(0, 20) + '...' : input})`, () => {
      const r = c.call(fn, [input]);
      expect(r.status).toBe('SUCCESS');
      expect(Buffer.from(r.returnValue as Uint8Array).toString('hex')).toBe(digest);
    });
  }

  test('sha3_256 and keccak256 differ only in padding, and the VM keeps them apart', () => {
    expect(c.call('h256', ['0x']).returnValue).not.toEqual(c.call('kec', ['0x']).returnValue);
  });

  test('a non-bytes argument is a TypeError, not a crash', () => {
    const t = new TestContract('from stdlib import hash\ndef f() -> bytes:\n    return hash.sha3_256("abc")\n');
    const r = t.call('f');
    expect(r.status).toBe('ERROR');
    expect(r.error?.kind).toBe('TypeError');
  });
});
