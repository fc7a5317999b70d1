// Golden vectors: exact code hash, gas, return values and events of fixed call sequences.
// They change only on purpose: `npm run vectors:regen` rewrites them, and the commit that
// changes a cost or an encoding carries the regenerated files.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { ml_dsa44 } from '@noble/post-quantum/ml-dsa.js';
import { describe, expect, test } from 'vitest';
import { sha3_256 } from '@noble/hashes/sha3.js';
import { hex } from '../compiler/disasm.js';
import { valueToJson, type Json } from '../runtime/abi/json.js';
import { decodeEventData } from '../stdlib/event_codec.js';
import { TestContract } from './helpers/contract.js';

interface CallSpec {
  fn: string;
  args?: unknown[];
  sender?: string;
  /** call value (decimal), moved from the sender to the contract */
  value?: string;
}

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

const SEQUENCES: Record<string, { source: string; balances?: Record<string, string>; calls: CallSpec[] }> = {
  counter: {
    source: 'examples/counter/contract.py',
    calls: [
      { fn: 'get' },
      { fn: 'inc' },
      { fn: 'inc' },
      { fn: 'get' },
      { fn: 'set', args: [-1] },
      { fn: 'set', args: [41] },
      { fn: 'inc' },
      { fn: 'get' },
    ],
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

function runSequence(name: string): Json {
  const { source, calls, balances } = SEQUENCES[name];
  const c = TestContract.fromFile(source);
  for (const [a, v] of Object.entries(balances ?? {})) c.state.setBalance(Buffer.from(a.slice(2), 'hex'), BigInt(v));
  const results = calls.map((spec) => {
    const r = c.call(spec.fn, spec.args ?? [], 1_000_000, {
      ...(spec.sender ? { sender: Buffer.from(spec.sender.slice(2), 'hex') } : {}),
      ...(spec.value ? { value: BigInt(spec.value) } : {}),
    });
    return {
      fn: spec.fn,
      args: (spec.args ?? []) as Json,
      ...(spec.sender ? { sender: spec.sender } : {}),
      ...(spec.value ? { value: spec.value } : {}),
      status: r.status,
      gasUsed: r.gasUsed,
      return: r.status === 'SUCCESS' ? valueToJson(r.returnValue ?? null) : null,
      returnHex: hex(r.returnData),
      revertReason: r.revertReason ? new TextDecoder().decode(r.revertReason) : null,
      events: r.logs.map((l) => ({
        name: new TextDecoder().decode(l.name),
        topic: hex(l.topics[0]),
        data: hex(l.data),
        args: Object.fromEntries(decodeEventData(l.data).map(([k, v]) => [k, valueToJson(v)])),
      })),
      ...(r.balanceWrites.length ? { balances: Object.fromEntries(r.balanceWrites.map((w) => [hex(w.address), w.balance.toString()])) } : {}),
      ...(r.refund ? { refund: r.refund } : {}),
    };
  });
  return { contract: source, codeHash: hex(c.compiled.codeHash), ...(balances ? { balances } : {}), calls: results } as unknown as Json;
}

describe('golden vectors', () => {
  for (const name of Object.keys(SEQUENCES)) {
    test(name, () => {
      const path = `spec/test_vectors/${name}.json`;
      const actual = runSequence(name);
      if (process.env.VMPY_REGEN_VECTORS) writeFileSync(path, JSON.stringify(actual, null, 2) + '\n');
      expect(existsSync(path), `${path} missing: run npm run vectors:regen`).toBe(true);
      expect(actual).toEqual(JSON.parse(readFileSync(path, 'utf8')));
    });
  }

  test('counter gas sits inside the original project ranges', () => {
    const v = JSON.parse(readFileSync('spec/test_vectors/counter.json', 'utf8'));
    for (const c of v.calls) {
      if (c.fn === 'get') expect(c.gasUsed).toBeGreaterThanOrEqual(600), expect(c.gasUsed).toBeLessThanOrEqual(6000);
      if (c.fn === 'inc') expect(c.gasUsed).toBeGreaterThanOrEqual(1200), expect(c.gasUsed).toBeLessThanOrEqual(12000);
    }
  });
});
