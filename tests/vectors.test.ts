// Golden vectors: spec/test_vectors/{abi,ir,calls}.json pin ABI bytes, IR bytes and code
// hashes, and the exact gas, returns, events, storage and receipt hash of fixed call
// sequences. They change only on purpose: `npm run vectors:regen` rewrites them, and the
// commit that changes a cost or an encoding carries the regenerated files. The files are
// also replayed through the same code path `vm-py vectors <file>` uses.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { sha3_256 } from '@noble/hashes/sha3.js';
import { ml_dsa44 } from '@noble/post-quantum/ml-dsa.js';
import { describe, expect, test } from 'vitest';
import type { Json } from '../node/abi/json.js';
import { DEFAULT_LIMITS } from '../spec/table.js';
import { encodeArgs } from '../core/abi/codec.js';
import { makeAbiVectors, makeCallVectors, makeIrVectors, replayVectorJson, type AbiCase, type AbiReject, type SequenceSpec } from '../cli/vectors.js';

const addr = (b: number) => '0x' + b.toString(16).padStart(2, '0').repeat(32);
const hexOf = (b: Uint8Array) => '0x' + Buffer.from(b).toString('hex');

// pq_registry: a deterministic ML-DSA-44 key and signatures (no hedging randomness)
const PQ = (() => {
  const { publicKey, secretKey } = ml_dsa44.keygen(new Uint8Array(32).fill(5));
  const enc = new TextEncoder();
  const reg = new Uint8Array([...enc.encode('animica:pq-registry:v1|'), ...new Uint8Array(32).fill(0xcc), ...new Uint8Array(32).fill(0x11)]);
  const doc = enc.encode('pay 10 to carol');
  const sign = (m: Uint8Array) => hexOf(ml_dsa44.sign(m, secretKey, { extraEntropy: false }));
  const address = '0x' + Buffer.from(sha3_256(new Uint8Array([0, 1, ...publicKey]))).toString('hex');
  return { pk: hexOf(publicKey), regSig: sign(reg), doc: hexOf(doc), docSig: sign(doc), address };
})();

/** The single list of call sequences; every example needs one. */
const SEQUENCES: Record<string, SequenceSpec> = {
  counter: {
    source: 'examples/counter/contract.py',
    calls: [{ fn: 'get' }, { fn: 'inc' }, { fn: 'inc' }, { fn: 'get' }, { fn: 'set', args: [-1] }, { fn: 'set', args: [41] }, { fn: 'inc' }, { fn: 'get' }],
  },
  escrow: {
    source: 'examples/escrow/contract.py',
    balances: { [addr(0x11)]: '1000' },
    calls: [
      { fn: 'state' },
      { fn: 'setup', args: ['0x' + '22'.repeat(32), '0x' + '11'.repeat(32), 500] },
      { fn: 'setup', args: ['0x' + '22'.repeat(32), '0x' + '11'.repeat(32), 500], value: '500' },
      { fn: 'setup', args: ['0x' + '22'.repeat(32), '0x' + '11'.repeat(32), 500], value: '500' },
      { fn: 'state' },
      { fn: 'held' },
      { fn: 'release', sender: '0x' + '33'.repeat(32) },
      { fn: 'release' },
      { fn: 'refund' },
      { fn: 'state' },
      { fn: 'amount' },
      { fn: 'held' },
    ],
  },
  token: {
    source: 'examples/token/contract.py',
    calls: [
      { fn: 'init', args: [1000000], sender: addr(0xa1) },
      { fn: 'init', args: [5], sender: addr(0xb0) },
      { fn: 'total_supply' },
      { fn: 'transfer', args: [addr(0xb0), 250], sender: addr(0xa1) },
      { fn: 'transfer', args: [addr(0xca), 251], sender: addr(0xb0) },
      { fn: 'approve', args: [addr(0xca), 100], sender: addr(0xb0) },
      { fn: 'allowance', args: [addr(0xb0), addr(0xca)] },
      { fn: 'transfer_from', args: [addr(0xb0), addr(0xca), 101], sender: addr(0xca) },
      { fn: 'transfer_from', args: [addr(0xb0), addr(0xca), 100], sender: addr(0xca) },
      { fn: 'balance_of', args: [addr(0xa1)] },
      { fn: 'balance_of', args: [addr(0xb0)] },
      { fn: 'balance_of', args: [addr(0xca)] },
    ],
  },
  pq_registry: {
    source: 'examples/pq_registry/contract.py',
    calls: [
      { fn: 'register', args: [1, PQ.pk, PQ.regSig], sender: addr(0x44) },
      { fn: 'register', args: [1, PQ.pk, PQ.regSig], sender: addr(0x11) },
      { fn: 'owner_of', args: [PQ.address] },
      { fn: 'check', args: [PQ.address, PQ.doc, PQ.docSig] },
      { fn: 'check', args: [PQ.address, PQ.doc, PQ.regSig] },
      { fn: 'revoke', args: [PQ.address], sender: addr(0x44) },
      { fn: 'revoke', args: [PQ.address], sender: addr(0x11) },
      { fn: 'check', args: [PQ.address, PQ.doc, PQ.docSig] },
    ],
  },
};

// cross-contract calls (spec/CALLS.md): the callee and the relays sit at fixed addresses
const CALLEE = addr(0xdd);
const RELAYS = Array.from({ length: DEFAULT_LIMITS.max_contract_depth + 1 }, (_, i) => addr(0xe0 + i));
SEQUENCES.xcalls = {
  source: 'tests/fixtures/calls/caller.py',
  contracts: { [CALLEE]: 'tests/fixtures/calls/callee.py' },
  calls: [
    // nested success: events of both frames in one order, the callee's write lands
    { fn: 'fwd', args: [CALLEE, '0x6b', 21] },
    { fn: 'peek', args: [CALLEE, '0x6b'] },
    // nested revert caught by try_call: the callee's write and event vanish, the caller's stay
    { fn: 'attempt', args: [CALLEE, 'fail', 'no way'] },
    // nested out-of-gas: caught (all but 1/64 forwarded, or a set amount), and propagated
    { fn: 'attempt', args: [CALLEE, 'burn', ''] },
    { fn: 'attempt_gas', args: [CALLEE, 'burn', 3000] },
    { fn: 'burn_through', args: [CALLEE] },
    // static-call violation
    { fn: 'peek_put', args: [CALLEE, '0x6b'] },
    // re-entrancy: caller -> callee -> caller
    { fn: 'reenter', args: [CALLEE] },
    // bad input: no code, a missing function, a wrong argument type
    { fn: 'attempt', args: [addr(0x99), 'get', ''] },
    { fn: 'attempt', args: [CALLEE, 'nope', ''] },
    { fn: 'attempt', args: [CALLEE, 'get', 'not bytes'] },
  ],
};
SEQUENCES.xcall_depth = {
  source: 'tests/fixtures/calls/relay.py',
  contracts: Object.fromEntries(RELAYS.map((a) => [a, 'tests/fixtures/calls/relay.py'])),
  calls: [
    // to the limit, then one past it, under call and under try_call
    { fn: 'hop', args: [RELAYS.slice(0, DEFAULT_LIMITS.max_contract_depth), 0] },
    { fn: 'hop', args: [RELAYS, 0] },
    { fn: 'soft', args: [RELAYS] },
  ],
};

// the cross-contract examples, with a token at a fixed address
const TOKEN_AT = addr(0x70);
const SELF = '0x' + 'cc'.repeat(32);
SEQUENCES.exchange = {
  source: 'examples/exchange/contract.py',
  contracts: { [TOKEN_AT]: 'examples/token/contract.py' },
  construct: [TOKEN_AT, 3],
  balances: { [addr(0xb0)]: '100' },
  calls: [
    { fn: 'init', args: [1000000], to: TOKEN_AT },
    { fn: 'stock', args: [1000] },
    { fn: 'approve', args: [SELF, 1000], to: TOKEN_AT },
    { fn: 'stock', args: [1000] },
    { fn: 'stock_level' },
    { fn: 'buy', args: [10], sender: addr(0xb0), value: '29' },
    { fn: 'buy', args: [10], sender: addr(0xb0), value: '30' },
    { fn: 'sell', args: [4], sender: addr(0xb0) },
    { fn: 'approve', args: [SELF, 4], to: TOKEN_AT, sender: addr(0xb0) },
    { fn: 'sell', args: [4], sender: addr(0xb0) },
    { fn: 'stock_level' },
    { fn: 'withdraw', args: [5], sender: addr(0xb0) },
    { fn: 'withdraw', args: [5] },
  ],
};
const transferArgs = (to: string, n: number) => hexOf(encodeArgs(['bytes', 'int'], [Buffer.from(to.slice(2), 'hex'), n]));
SEQUENCES.multisig = {
  source: 'examples/multisig/contract.py',
  contracts: { [TOKEN_AT]: 'examples/token/contract.py' },
  construct: [[addr(0xa1), addr(0xb0), addr(0xca)], 2],
  calls: [
    { fn: 'init', args: [1000], to: TOKEN_AT, sender: addr(0xa1) },
    { fn: 'transfer', args: [SELF, 500], to: TOKEN_AT, sender: addr(0xa1) },
    { fn: 'propose', args: [TOKEN_AT, 'transfer', ['bytes', 'int'], transferArgs(addr(0xda), 120), 0], sender: addr(0xb0) },
    { fn: 'execute', args: [0], sender: addr(0xb0) },
    { fn: 'approve', args: [0], sender: addr(0xb0) },
    { fn: 'approve', args: [0], sender: addr(0xda) },
    { fn: 'approve', args: [0], sender: addr(0xca) },
    { fn: 'execute', args: [0], sender: addr(0xa1) },
    { fn: 'balance_of', args: [addr(0xda)], to: TOKEN_AT },
    { fn: 'execute', args: [0], sender: addr(0xa1) },
  ],
};

const ABI_VALID: AbiCase[] = [
  ...[0, 1, -1, 63, -64, 64, 300, -300, '9223372036854775808', '-9223372036854775809', '1' + '0'.repeat(100)].map((value) => ({ type: 'int', value })),
  { type: 'u8', value: 255 },
  { type: 'u64', value: '18446744073709551615' },
  { type: 'i8', value: -128 },
  { type: 'i256', value: '-' + (2n ** 255n).toString() },
  { type: 'bool', value: true },
  { type: 'bool', value: false },
  { type: 'bytes', value: '0x' },
  { type: 'bytes', value: '0x0102' },
  { type: 'bytes4', value: '0xdeadbeef' },
  { type: 'bytes32', value: '0x' + 'ab'.repeat(32) },
  { type: 'str', value: '' },
  { type: 'str', value: 'hé' },
  { type: 'str', value: '\ufeffbom' },
  { type: 'address', value: '0x' + '11'.repeat(32) },
  { type: 'list<int>', value: [1, -1, 2] },
  { type: 'list<int>', value: [] },
  { type: 'u16[]', value: [65535, 0] },
  { type: 'list<list<bytes>>', value: [['0x01'], [], ['0x', '0x0203']] },
  { type: 'tuple(int,str)', value: [7, 'a'] },
  { type: 'tuple()', value: [] },
  { type: 'tuple(address,list<bool>,tuple(bytes2))', value: ['0x' + '00'.repeat(32), [true, false], ['0xffff']] },
];

const ABI_REJECTED: AbiReject[] = [
  { type: 'int', hex: '8000', why: 'overlong varint' },
  { type: 'int', hex: '80', why: 'truncated varint' },
  { type: 'int', hex: '', why: 'empty' },
  { type: 'int', hex: '0000', why: 'trailing bytes' },
  { type: 'u8', hex: '8004', why: 'out of range (256)' },
  { type: 'i8', hex: '8102', why: 'out of range (-129)' },
  { type: 'bool', hex: '02', why: 'bad bool' },
  { type: 'bytes', hex: '0201', why: 'length past the end' },
  { type: 'bytes', hex: '810000', why: 'overlong length' },
  { type: 'bytes4', hex: '03010203', why: 'wrong length' },
  { type: 'address', hex: '1f' + '11'.repeat(31), why: 'address of 31 bytes' },
  { type: 'str', hex: '02c328', why: 'invalid UTF-8' },
  { type: 'str', hex: '03eda080', why: 'encoded surrogate' },
  { type: 'list<int>', hex: '0302', why: 'fewer items than the count' },
  { type: 'tuple(int,int)', hex: '02', why: 'truncated tuple' },
  { type: 'u8', value: 256, why: 'out of range' },
  { type: 'u64', value: -1, why: 'negative unsigned' },
  { type: 'bytes2', value: '0x01', why: 'wrong length' },
  { type: 'address', value: '0x11', why: 'short address' },
  { type: 'int', value: '1' + '0'.repeat(1300), why: 'wider than 4096 bits' },
  { type: 'bool', value: 1, why: 'int for bool' },
  { type: 'tuple(int,int)', value: [1], why: 'short tuple' },
];

const SIGNATURES: [string, string[]][] = [
  ['inc', []],
  ['get', []],
  ['set', ['int']],
  ['transfer', ['address', 'u256']],
  ['batch', ['list<bytes32>', 'tuple(int,str)']],
];

const read = (p: string) => readFileSync(p, 'utf8');

function examples() {
  return readdirSync('examples', { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(`examples/${d.name}/contract.py`))
    .map((d) => d.name)
    .sort();
}

const FILES: Record<string, () => Json> = {
  abi: () => makeAbiVectors(ABI_VALID, ABI_REJECTED, SIGNATURES),
  ir: () =>
    makeIrVectors(
      examples().map((name) => ({ name, source: `examples/${name}/contract.py`, file: 'contract.py' })),
      read,
    ),
  calls: () => makeCallVectors(SEQUENCES, read),
};

describe('golden vectors', () => {
  for (const [name, make] of Object.entries(FILES)) {
    test(`${name}.json is exact, and replays clean`, () => {
      const path = `spec/test_vectors/${name}.json`;
      const actual = make();
      if (process.env.VMPY_REGEN_VECTORS) writeFileSync(path, JSON.stringify(actual, null, 1) + '\n');
      expect(existsSync(path), `${path} missing: run npm run vectors:regen`).toBe(true);
      const file = JSON.parse(readFileSync(path, 'utf8'));
      expect(actual).toEqual(file);
      const failed = replayVectorJson(file, read).filter((r) => !r.ok);
      expect(failed).toEqual([]);
    });
  }

  test('every example has a call sequence', () => {
    const covered = new Set(Object.values(SEQUENCES).map((s) => s.source));
    for (const ex of examples()) expect(covered.has(`examples/${ex}/contract.py`), `examples/${ex} has no entry in SEQUENCES`).toBe(true);
  });

  test('replay catches a changed gas number, a changed byte and a bad rejection', () => {
    const calls = JSON.parse(readFileSync('spec/test_vectors/calls.json', 'utf8'));
    calls.sequences[0].calls[1].gasUsed += 1;
    const bad = replayVectorJson(calls, read).filter((r) => !r.ok);
    expect(bad.map((r) => r.name)).toEqual(['counter #1 inc()']);
    expect(bad[0].detail).toMatch(/^gasUsed: got (\d+), expected \d+$/);
    const abi = JSON.parse(readFileSync('spec/test_vectors/abi.json', 'utf8'));
    abi.valid[0].hex = '02';
    abi.rejected.push({ type: 'int', hex: '02', why: 'actually fine' });
    expect(replayVectorJson(abi, read).filter((r) => !r.ok).length).toBe(2);
    const ir = JSON.parse(readFileSync('spec/test_vectors/ir.json', 'utf8'));
    ir.cases[0].codeHash = '00'.repeat(32);
    expect(replayVectorJson(ir, read).filter((r) => !r.ok).length).toBe(1);
  });

  test('sequence balances seed the state; each call records the balances after it', () => {
    const seq = { source: 'examples/counter/contract.py', balances: { ['0x' + '11'.repeat(32)]: '7' }, calls: [{ fn: 'get' }] };
    const v = makeCallVectors({ seeded: seq }, read) as { sequences: { balances: unknown; calls: { balances: unknown }[] }[] };
    expect(v.sequences[0].balances).toEqual(seq.balances);
    expect(v.sequences[0].calls[0].balances).toEqual({ ['11'.repeat(32)]: '7' });
    expect(replayVectorJson(v, read).every((r) => r.ok)).toBe(true);
  });

  test('counter gas sits inside the original project ranges', () => {
    const v = JSON.parse(readFileSync('spec/test_vectors/calls.json', 'utf8'));
    for (const c of v.sequences.find((s: { name: string }) => s.name === 'counter').calls) {
      if (c.fn === 'get') expect(c.gasUsed).toBeGreaterThanOrEqual(600), expect(c.gasUsed).toBeLessThanOrEqual(6000);
      if (c.fn === 'inc') expect(c.gasUsed).toBeGreaterThanOrEqual(1200), expect(c.gasUsed).toBeLessThanOrEqual(12000);
    }
  });
});
