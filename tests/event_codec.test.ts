import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { execFileSync } from 'node:child_process';
import { AbiError, VmError } from '../spec/errors.js';
import { PyDict, PyTuple, type Value } from '../core/values.js';
import { decodeEventData, encodeEventData, eventNameBytes, eventTopic } from '../stdlib/event_codec.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const unhex = (s: string): Uint8Array => new Uint8Array(Buffer.from(s.replace(/\s+/g, ''), 'hex'));

function dict(entries: [Value, Value][]): PyDict {
  const d = new PyDict();
  for (const [k, v] of entries) d.set(k, v);
  return d;
}

// Independent reference for spec/ABI.md §5 in Python. Input: list of [key, [kind, value]].
const PY_EVENT = String.raw`
import sys, json, hashlib
def uv(n):
    out = bytearray()
    while True:
        b = n & 0x7f; n >>= 7
        if n: out.append(b | 0x80)
        else:
            out.append(b); return bytes(out)
def zz(x): return 2*x if x >= 0 else -2*x - 1
def val(kind, v):
    if kind == 'int': return b'\x00' + uv(zz(int(v)))
    if kind == 'bytes':
        b = bytes.fromhex(v); return b'\x01' + uv(len(b)) + b
    if kind == 'bool': return b'\x02' + (b'\x01' if v else b'\x00')
    if kind == 'str':
        b = v.encode('utf-8'); return b'\x03' + uv(len(b)) + b
    if kind == 'none': return b'\x04'
req = json.loads(sys.stdin.read())
out = []
for args in req['events']:
    items = sorted((k.encode('ascii'), kv) for k, kv in args)
    data = uv(len(items)) + b''.join(uv(len(k)) + k + val(*kv) for k, kv in items)
    out.append(data.hex())
topics = [hashlib.sha3_256(b'animica:event:v1|' + n.encode('utf-8')).hexdigest() for n in req['names']]
print(json.dumps({'data': out, 'topics': topics}))
`;

function py(events: [string, [string, unknown]][][], names: string[]): { data: string[]; topics: string[] } {
  return JSON.parse(execFileSync('python3', ['-c', PY_EVENT], { input: JSON.stringify({ events, names }) }).toString());
}

function pyArg(v: Value): [string, unknown] {
  if (typeof v === 'number' || typeof v === 'bigint') return ['int', v.toString()];
  if (typeof v === 'boolean') return ['bool', v];
  if (typeof v === 'string') return ['str', v];
  if (v instanceof Uint8Array) return ['bytes', hex(v)];
  return ['none', null];
}

function vmErr(f: () => unknown, kind: string, re: RegExp): void {
  let err: unknown;
  try {
    f();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(VmError);
  expect((err as VmError).kind).toBe(kind);
  expect((err as Error).message).toMatch(re);
}

function abiErr(f: () => unknown, re: RegExp): void {
  expect(f).toThrow(AbiError);
  expect(f).toThrow(re);
}

describe('event data: exact bytes', () => {
  it('hand-derived example', () => {
    // {to: b"\xaa", amount: 5, ok: True, memo: "é", x: None}; sorted: amount memo ok to x
    // 05                      five args
    // 06 616d6f756e74 00 0a   "amount" int 5 -> zigzag 10
    // 04 6d656d6f 03 02 c3a9  "memo" str "é"
    // 02 6f6b 02 01           "ok" bool True
    // 02 746f 01 01 aa        "to" bytes b"\xaa"
    // 01 78 04                "x" None
    const d = dict([
      ['to', unhex('aa')],
      ['amount', 5],
      ['ok', true],
      ['memo', 'é'],
      [new TextEncoder().encode('x'), null],
    ]);
    expect(hex(encodeEventData(d))).toBe('05' + '06616d6f756e74000a' + '046d656d6f0302c3a9' + '026f6b0201' + '02746f0101aa' + '017804');
    expect(hex(encodeEventData(new PyDict()))).toBe('00');
  });
  it('sorts by key bytes, not insertion order (uppercase before lowercase, _ between)', () => {
    const a = encodeEventData(
      dict([
        ['b', 1],
        ['_', 2],
        ['B', 3],
        ['a1', 4],
        ['a', 5],
      ]),
    );
    expect(decodeEventData(a).map(([k]) => k)).toEqual(['B', '_', 'a', 'a1', 'b']);
  });
  it('topics are sha3_256 of the domain and the name (python agrees)', () => {
    const want = py([], ['Transfer', 'Ωmega']);
    expect(hex(eventTopic('Transfer'))).toBe(want.topics[0]);
    expect(hex(eventTopic(new TextEncoder().encode('Transfer')))).toBe(want.topics[0]);
    expect(hex(eventTopic('Ωmega'))).toBe(want.topics[1]);
  });
  it('agrees with the python reference on random events, and round-trips', () => {
    const valueArb: fc.Arbitrary<Value> = fc.oneof(
      fc.bigInt({ min: -(2n ** 300n), max: 2n ** 300n }).map((x) => (x >= -(2n ** 53n) + 1n && x <= 2n ** 53n - 1n ? Number(x) : x)),
      fc.integer(),
      fc.uint8Array({ maxLength: 40 }),
      fc.boolean(),
      fc.string({ maxLength: 10, unit: 'grapheme' }),
      fc.constant(null),
    );
    const keyArb = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,8}$/);
    const eventsArb = fc.uniqueArray(fc.tuple(keyArb, valueArb), { maxLength: 16, selector: ([k]) => k });
    const samples = fc.sample(eventsArb, { numRuns: 200, seed: 7 });
    const want = py(
      samples.map((args) => args.map(([k, v]) => [k, pyArg(v)] as [string, [string, unknown]])),
      [],
    );
    samples.forEach((args, i) => {
      const data = encodeEventData(dict(args));
      expect(hex(data)).toBe(want.data[i]);
      const back = decodeEventData(data);
      const sorted = [...args].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      expect(back).toEqual(sorted);
    });
  });
});

describe('event data: contract mistakes are VmErrors', () => {
  it('bad keys', () => {
    vmErr(() => encodeEventData(dict([[1, 1]])), 'TypeError', /keys must be str or bytes, not int/);
    vmErr(() => encodeEventData(dict([['1a', 1]])), 'ValueError', /not an ASCII identifier/);
    vmErr(() => encodeEventData(dict([['é', 1]])), 'ValueError', /identifier/);
    vmErr(() => encodeEventData(dict([[unhex('ff'), 1]])), 'ValueError', /identifier/);
    vmErr(() => encodeEventData(dict([['', 1]])), 'ValueError', /identifier/);
    vmErr(
      () =>
        encodeEventData(
          dict([
            ['a', 1],
            [new TextEncoder().encode('a'), 2],
          ]),
        ),
      'ValueError',
      /given twice/,
    );
  });
  it('bad values', () => {
    vmErr(() => encodeEventData(dict([['a', [1]]])), 'TypeError', /int, bytes, bool, str or None, not list/);
    vmErr(() => encodeEventData(dict([['a', new PyTuple([])]])), 'TypeError', /not tuple/);
    vmErr(() => encodeEventData(dict([['a', new PyDict()]])), 'TypeError', /not dict/);
    vmErr(() => encodeEventData(dict([['a', '\udc00']])), 'ValueError', /lone surrogate/);
  });
  it('caps', () => {
    const many = dict(Array.from({ length: 17 }, (_, i) => [`k${i}`, i] as [Value, Value]));
    vmErr(() => encodeEventData(many), 'ValueError', /17 args, the cap is 16/);
    expect(() => encodeEventData(many, { maxArgs: 17 })).not.toThrow();
    vmErr(() => encodeEventData(dict([['a', new Uint8Array(70000)]])), 'ValueError', /exceeds the cap of 65536/);
    vmErr(() => encodeEventData(dict([['a', new Uint8Array(10)]]), { maxDataBytes: 8 }), 'ValueError', /cap of 8/);
    vmErr(() => encodeEventData([] as Value), 'TypeError', /must be a dict, not list/);
  });
  it('names', () => {
    expect(eventNameBytes('Tr')).toEqual(unhex('5472'));
    vmErr(() => eventTopic(''), 'ValueError', /empty/);
    vmErr(() => eventTopic('x'.repeat(65)), 'ValueError', /65 bytes, the cap is 64/);
    expect(() => eventTopic('x'.repeat(64))).not.toThrow();
    vmErr(() => eventTopic('é'.repeat(33)), 'ValueError', /66 bytes/);
    vmErr(() => eventTopic(3), 'TypeError', /bytes or str, not int/);
    vmErr(() => eventTopic('\ud800'), 'ValueError', /UTF-8/);
  });
});

describe('decodeEventData is strict', () => {
  it('rejects malformed data', () => {
    abiErr(() => decodeEventData(unhex('')), /truncated/);
    abiErr(() => decodeEventData(unhex('8000')), /non-minimal/);
    abiErr(() => decodeEventData(unhex('01016100')), /truncated int/);
    abiErr(() => decodeEventData(unhex('0101610080 00')), /non-minimal int/);
    abiErr(() => decodeEventData(unhex('0101610203')), /bad bool byte 0x03/);
    abiErr(() => decodeEventData(unhex('0101610501')), /unknown value tag 0x05/);
    abiErr(() => decodeEventData(unhex('01016103 01ff')), /invalid UTF-8/);
    abiErr(() => decodeEventData(unhex('01016101 0501')), /truncated bytes/);
    abiErr(() => decodeEventData(unhex('01016104 00')), /1 trailing bytes/);
    abiErr(() => decodeEventData(unhex('02016204016104')), /out of order/);
    abiErr(() => decodeEventData(unhex('020161040161 04')), /out of order or repeated/);
    abiErr(() => decodeEventData(unhex('01013104')), /not an ASCII identifier/);
    abiErr(() => decodeEventData(unhex('11')), /17 args exceeds/);
    abiErr(() => decodeEventData(unhex('010161')), /missing value tag/);
    abiErr(() => decodeEventData(unhex('01016100' + 'ff'.repeat(600) + '01')), /wider than 4096/);
  });
  it('round-trips ints at every width and lengths at each varint size (the short decode paths)', () => {
    const xs: bigint[] = [0n];
    for (let k = 1n; k <= 140n; k++) xs.push(2n ** k, 2n ** k - 1n, -(2n ** k), -(2n ** k) + 1n);
    for (const x of xs) {
      const want = x >= -9007199254740991n && x <= 9007199254740991n ? Number(x) : x;
      expect(decodeEventData(encodeEventData(dict([['a', want]])))).toEqual([['a', want]]);
    }
    for (const n of [0, 1, 127, 128, 129, 16383, 16384, 16385, 60000]) {
      const b = new Uint8Array(n).fill(7);
      expect(decodeEventData(encodeEventData(dict([['b', b]])))).toEqual([['b', b]]);
    }
    const key = 'k'.repeat(5000);
    expect(decodeEventData(encodeEventData(dict([[key, null]])))).toEqual([[key, null]]);
    // a two-byte length whose top group is 0 is not minimal, on the short path too
    abiErr(() => decodeEventData(unhex('01 8100 61 04')), /non-minimal/);
  });
  it('decodes ints back to normalized numbers', () => {
    expect(decodeEventData(unhex('01016100 01'))).toEqual([['a', -1]]);
    const big = decodeEventData(encodeEventData(dict([['a', 2n ** 100n]])));
    expect(big).toEqual([['a', 2n ** 100n]]);
    expect(decodeEventData(encodeEventData(dict([['a', -9007199254740991]])))).toEqual([['a', -9007199254740991]]);
  });
});
