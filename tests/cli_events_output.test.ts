// `vm-py run --json` with large events: the receipt text is written event by event, bytes as
// hex straight into buffers, and is the same text JSON.stringify makes of the receipt object.
// A call at the caps (events of 64 KB) still gets its receipt from a small heap: the whole
// text never sits in memory as one string.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, test, vi } from 'vitest';
import { CALLS, receiptJson, receiptJsonText } from '../cli/render.js';
import { callTreeJson } from '../cli/calltree.js';
import type { CallNode } from '../node/execute.js';
import { bytesToHex } from '../core/hex.js';
import { PyDict, type Value } from '../core/values.js';
import { decodeEventData as decode, encodeEventData } from '../stdlib/event_codec.js';
import { valueToJson, type Json } from '../node/abi/json.js';
import type { Receipt } from '../node/execute.js';
import { runJson } from '../bench/run_json.mjs';

const enc = new TextEncoder();
const dict = (entries: [Value, Value][]): PyDict => {
  const d = new PyDict();
  for (const [k, v] of entries) d.set(k, v);
  return d;
};

function receipt(logs: Array<[string, PyDict]>, status: Receipt['status'] = 'SUCCESS'): Receipt {
  return {
    status,
    gasUsed: 1234,
    refund: status === 'SUCCESS' ? 5 : 0,
    returnData: Uint8Array.of(1, 2),
    returnValue: status === 'SUCCESS' ? dict([['events', []]]) : undefined,
    revertReason: status === 'REVERT' ? enc.encode('no') : null,
    error: status === 'REVERT' ? { code: 'E-REVERT', message: 'reverted: no' } : null,
    logs: logs.map(([name, args]) => ({ name: enc.encode(name), data: encodeEventData(args) })),
    syscalls: [],
    writes: [],
    balanceWrites: [],
  } as unknown as Receipt;
}

/** What the CLI printed before it streamed: one JSON.stringify of the whole object. */
function whole(r: Receipt, extra: Record<string, Json>): string {
  const j = receiptJson(r, extra);
  const events = r.logs.map((l) => {
    const args: Record<string, Json> = Object.create(null);
    for (const [k, v] of new Map<string, Value>([...decode(l.data)])) args[k] = valueToJson(v);
    return { name: new TextDecoder().decode(l.name), args, data: '0x' + bytesToHex(l.data) };
  });
  return JSON.stringify({ ...j, events });
}
const text = (r: Receipt, extra: Record<string, Json>): string =>
  [...receiptJsonText(r, receiptJson(r, extra))].map((p) => (typeof p === 'string' ? p : Buffer.from(p).toString('utf8'))).join('');

describe('receipt JSON text', () => {
  test('the same text as JSON.stringify of the receipt, for every kind of event value', () => {
    const args = dict([
      ['b', Uint8Array.of(0, 255, 16)],
      ['a', 'h\u00e9"\\\n\u{1F600}'],
      ['n', -(7n ** 400n)],
      ['s', 42],
      ['t', true],
      ['u', null],
      ['e', new Uint8Array(0)],
      ['z', new Uint8Array(5000).fill(0xab)],
    ]);
    const extra = { function: 'f', selector: 'ab', committed: false };
    for (const r of [
      receipt([]),
      receipt([['E', args]]),
      receipt([
        ['E', args],
        ['Ev2', dict([['x', 1]])],
        ['Only', dict([])],
      ]),
      receipt([['E', args]], 'REVERT'),
    ]) {
      const t = text(r, extra);
      expect(t).toBe(whole(r, extra));
      expect(JSON.parse(t).gasUsed).toBe(1234);
    }
  });
});

describe('call tree JSON text', () => {
  const node = (over: Partial<CallNode>, calls: CallNode[] = []): CallNode =>
    ({
      to: new Uint8Array(32).fill(0x77),
      fn: 'f"\u00e9',
      value: 0n,
      static: false,
      gas: 1000,
      gasUsed: 10,
      status: 'ERROR',
      returnData: new Uint8Array(0),
      revertReason: null,
      kind: 'CallError',
      calls,
      ...over,
    }) as CallNode;

  test('written call by call, the same text as JSON.stringify of callTreeJson', () => {
    const calls = [
      node({}),
      node({ value: 5n, static: true, status: 'REVERT', kind: null, revertReason: enc.encode('no') }, [
        node({ status: 'SUCCESS', kind: null, returnData: Uint8Array.of(1) }, [node({ status: 'OOG', kind: null })]),
      ]),
      ...Array.from({ length: 50 }, () => node({})),
    ];
    const r = { ...receipt([['E', dict([['x', 1]])]]), calls } as Receipt;
    const j = receiptJson(r, { function: 'f', calls: CALLS });
    const t = [...receiptJsonText(r, j)].map((p) => (typeof p === 'string' ? p : Buffer.from(p).toString('utf8'))).join('');
    expect(JSON.parse(t).calls).toEqual(JSON.parse(JSON.stringify(callTreeJson(calls))));
    expect(t.endsWith(`"calls":${JSON.stringify(callTreeJson(calls))}}`)).toBe(true);
  });
});

describe('vm-py run with events at the caps', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vmpy-events-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(
    join(dir, 'contract.py'),
    'from stdlib import events\ndef wide(r: int) -> int:\n    args = {"k" + str(j): b"\\xaa" * 4000 for j in range(16)}\n    for i in range(r):\n        events.emit(b"Wide", args)\n    return r\n',
  );
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({
      name: 'wide',
      version: '0.1.0',
      entry: 'contract.py',
      abi: { functions: [{ name: 'wide', inputs: [{ name: 'r', type: 'int' }], outputs: [{ type: 'int' }] }], events: [], errors: [] },
    }),
  );

  // 256 events of 64 KB: 32 MB of hex in `data`, as much again in `args`
  test('a 64 MB heap still gets the receipt of 16 MB of events', () => {
    const p = spawnSync(
      process.execPath,
      [
        '--max-old-space-size=64',
        resolve('bin/vm-py.js'),
        'run',
        '-m',
        join(dir, 'manifest.json'),
        '--state',
        join(dir, 'state.json'),
        '--dry-run',
        '-c',
        'wide',
        '-a',
        '[256]',
        '--gas-limit',
        '100000000',
        '--json',
      ],
      { encoding: 'utf8', maxBuffer: 1 << 28 },
    );
    expect(p.status, p.stderr.slice(0, 500)).toBe(0);
    const out = runJson(p.stdout);
    expect(out.status).toBe('SUCCESS');
    expect(out.events).toHaveLength(256);
    expect(out.events[255].args.k15).toBe('0x' + 'aa'.repeat(4000));
    // count, then per arg: key length, key (k0..k9, k10..k15), tag, length (2 bytes), the bytes
    expect(out.events[255].data.length).toBe(2 + 2 * (1 + 16 * (1 + 1 + 2 + 4000) + 10 * 2 + 6 * 3));
  });
});

describe('event ints read back', () => {
  test('every width decodes to what was emitted, in one pass over the varint', () => {
    const xs: Value[] = [
      0,
      1,
      -1,
      63,
      -64,
      2 ** 48,
      -(2 ** 48),
      2 ** 53 - 1,
      -(2 ** 53) + 1,
      2n ** 53n,
      -(7n ** 1450n),
      7n ** 1450n - 3n,
      (1n << 4095n) - 1n,
      -(1n << 4095n),
    ];
    const args = dict(xs.map((x, i) => [`k${i}`, x] as [Value, Value]));
    const back = decode(encodeEventData(args), { maxIntBits: 4096 });
    expect(new Map(back)).toEqual(new Map(xs.map((x, i) => [`k${i}`, x])));
  });

  test('a 4,096-bit int is not built by shifting a bigint per 7-bit group', () => {
    const data = encodeEventData(dict([['k', (1n << 4095n) - 1n]]));
    let shifts = 0;
    const real = BigInt;
    // BigInt(group) per group was the quadratic build; one BigInt of the hex digits now
    const spy = vi.spyOn(globalThis, 'BigInt').mockImplementation(((x: unknown) => {
      shifts++;
      return real(x as never);
    }) as never);
    try {
      decode(data, { maxIntBits: 4096 });
    } finally {
      spy.mockRestore();
    }
    // (a bigint per 7-bit group was ~590 calls)
    expect(shifts).toBeLessThan(20);
  });
});
