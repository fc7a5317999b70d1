// Golden vectors: exact code hash, gas, return values and events of fixed call sequences.
// They change only on purpose: `npm run vectors:regen` rewrites them, and the commit that
// changes a cost or an encoding carries the regenerated files.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { hex } from '../compiler/disasm.js';
import { valueToJson, type Json } from '../runtime/abi/json.js';
import { decodeEventData } from '../stdlib/event_codec.js';
import { TestContract } from './helpers/contract.js';

interface CallSpec {
  fn: string;
  args?: unknown[];
  sender?: string;
}

const SEQUENCES: Record<string, { source: string; calls: CallSpec[] }> = {
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
    calls: [
      { fn: 'state' },
      { fn: 'setup', args: ['0x' + '22'.repeat(32), '0x' + '11'.repeat(32), 500] },
      { fn: 'setup', args: ['0x' + '22'.repeat(32), '0x' + '11'.repeat(32), 500] },
      { fn: 'state' },
      { fn: 'release', sender: '0x' + '33'.repeat(32) },
      { fn: 'release' },
      { fn: 'refund' },
      { fn: 'state' },
      { fn: 'amount' },
    ],
  },
};

function runSequence(name: string): Json {
  const { source, calls } = SEQUENCES[name];
  const c = TestContract.fromFile(source);
  const results = calls.map((spec) => {
    const r = c.call(spec.fn, spec.args ?? [], 1_000_000, spec.sender ? { sender: Buffer.from(spec.sender.slice(2), 'hex') } : {});
    return {
      fn: spec.fn,
      args: (spec.args ?? []) as Json,
      ...(spec.sender ? { sender: spec.sender } : {}),
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
    };
  });
  return { contract: source, codeHash: hex(c.compiled.codeHash), calls: results } as unknown as Json;
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
