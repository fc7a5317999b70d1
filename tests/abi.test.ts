import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { execFileSync } from 'node:child_process';
import { sha3_256 } from '@noble/hashes/sha3.js';
import { AbiError } from '../spec/errors.js';
import { PyDict, PyTuple, type Value } from '../core/values.js';
import { canonicalTypeName, formatType, parseType, toType, type AbiType } from '../core/abi/types.js';
import { decodeArgs, decodeValue, decodeValueExact, encodeArgs, encodeCall, encodeValue, splitCall } from '../core/abi/codec.js';
import { jsonToArgs, jsonToValue, valueToJson, valueToJsonText } from '../node/abi/json.js';
import { selectorHex, selectorOf, signatureOf } from '../compiler/selector.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const unhex = (s: string): Uint8Array => new Uint8Array(Buffer.from(s.replace(/\s+/g, ''), 'hex'));

// An independent reference encoder in Python: the oracle for exact bytes.
// Types are given as JSON trees, values as JSON with ints as decimal strings and bytes as hex.
const PY_REF = String.raw`
import sys, json
def uv(n):
    out = bytearray()
    while True:
        b = n & 0x7f; n >>= 7
        if n: out.append(b | 0x80)
        else:
            out.append(b); return bytes(out)
def zz(x): return 2*x if x >= 0 else -2*x - 1
def enc(t, v):
    if t == 'int': return uv(zz(int(v)))
    if t == 'bool': return b'\x01' if v else b'\x00'
    if t in ('bytes', 'address'):
        b = bytes.fromhex(v); return uv(len(b)) + b
    if t == 'str':
        b = v.encode('utf-8'); return uv(len(b)) + b
    if t[0] == 'list': return uv(len(v)) + b''.join(enc(t[1], x) for x in v)
    if t[0] == 'tuple': return b''.join(enc(a, x) for a, x in zip(t[1], v))
    raise Exception(t)
cases = json.loads(sys.stdin.read())
print(json.dumps([enc(t, v).hex() for t, v in cases]))
`;

function pyEncode(cases: [unknown, unknown][]): string[] {
  const out = execFileSync('python3', ['-c', PY_REF], { input: JSON.stringify(cases), maxBuffer: 1 << 26 });
  return JSON.parse(out.toString()) as string[];
}

/** The python-side tree and JSON value for a contract value of a given type. */
function pyType(t: AbiType): unknown {
  if (t.kind === 'list') return ['list', pyType(t.item)];
  if (t.kind === 'tuple') return ['tuple', t.items.map(pyType)];
  return t.kind;
}
function pyValue(v: Value): unknown {
  if (typeof v === 'number' || typeof v === 'bigint') return v.toString();
  if (v instanceof Uint8Array) return hex(v);
  if (Array.isArray(v)) return v.map(pyValue);
  if (v instanceof PyTuple) return v.items.map(pyValue);
  return v;
}

function abiErr(f: () => unknown, re: RegExp): void {
  let err: unknown;
  try {
    f();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(AbiError);
  expect((err as Error).message).toMatch(re);
}

describe('selectors', () => {
  it('match the known answers of spec/ABI.md', () => {
    expect(selectorHex(selectorOf('inc', []))).toBe('f7776663dbd17153');
    expect(selectorHex(selectorOf('get', []))).toBe('f1e030f0110a25e0');
    expect(selectorHex(selectorOf('set', ['int']))).toBe('a45c4fc944fe4f5c');
  });
  it('hash the documented string (checked against python hashlib)', () => {
    const sigs = ['transfer(address,int)', 'f(list<int>,tuple(bytes,str))'];
    const py = execFileSync('python3', [
      '-c',
      'import sys,hashlib\nfor s in sys.argv[1:]: print(hashlib.sha3_256(("animica:abi:v1|"+s).encode()).hexdigest()[:16])',
      ...sigs,
    ])
      .toString()
      .trim()
      .split('\n');
    expect(selectorHex(selectorOf('transfer', ['address', 'int']))).toBe(py[0]);
    expect(selectorHex(selectorOf('f', ['list<int>', 'tuple(bytes,str)']))).toBe(py[1]);
    expect(signatureOf('f', ['list<int>', 'tuple(bytes,str)'])).toBe('f(list<int>,tuple(bytes,str))');
  });
  it('refuse non-canonical type names and bad function names', () => {
    abiErr(() => selectorOf('set', ['u64']), /canonical/);
    abiErr(() => selectorOf('set', ['list<int> ']), /canonical/);
    abiErr(() => selectorOf('a b', []), /identifier/);
  });
});

describe('type names', () => {
  it('parse every accepted spelling', () => {
    const cases: [string, string, string][] = [
      ['int', 'int', 'int'],
      ['integer', 'int', 'int'],
      ['u64', 'int', 'u64'],
      ['uint256', 'int', 'u256'],
      ['i128', 'int', 'i128'],
      ['int8', 'int', 'i8'],
      ['bool', 'bool', 'bool'],
      ['bytes', 'bytes', 'bytes'],
      ['bytes32', 'bytes', 'bytes32'],
      ['bytes1', 'bytes', 'bytes1'],
      ['str', 'str', 'str'],
      ['string', 'str', 'str'],
      ['address', 'address', 'address'],
      ['list<int>', 'list<int>', 'list<int>'],
      ['int[]', 'list<int>', 'list<int>'],
      ['u8[][]', 'list<list<int>>', 'list<list<u8>>'],
      ['list[bytes32]', 'list<bytes>', 'list<bytes32>'],
      ['List[int]', 'list<int>', 'list<int>'],
      ['tuple(int, str)', 'tuple(int,str)', 'tuple(int,str)'],
      ['tuple[int, bytes,]', 'tuple(int,bytes)', 'tuple(int,bytes)'],
      ['(int,bool)[]', 'list<tuple(int,bool)>', 'list<tuple(int,bool)>'],
      ['tuple()', 'tuple()', 'tuple()'],
      [' list< tuple(address,u64) > ', 'list<tuple(address,int)>', 'list<tuple(address,u64)>'],
    ];
    for (const [src, canon, full] of cases) {
      expect(canonicalTypeName(src), src).toBe(canon);
      expect(formatType(src), src).toBe(full);
    }
  });
  it('accept object forms', () => {
    expect(canonicalTypeName({ type: 'int' })).toBe('int');
    expect(canonicalTypeName({ type: 'list', items: 'u8' })).toBe('list<int>');
    expect(formatType({ type: 'list', items: { type: 'bytes32' } })).toBe('list<bytes32>');
    expect(formatType({ type: 'tuple', items: ['int', { type: 'str' }] })).toBe('tuple(int,str)');
    expect(
      formatType({
        type: 'tuple[]',
        components: [
          { name: 'a', type: 'address' },
          { name: 'b', type: 'uint64' },
        ],
      }),
    ).toBe('list<tuple(address,u64)>');
    expect(formatType({ kind: 'int', bits: 16, signed: true })).toBe('i16');
  });
  it('reject unknown or malformed names', () => {
    for (const bad of ['float', 'u7', 'u512', 'uint0', 'bytes0', 'bytes33', 'list', 'list<>', 'int[3]', 'tuple', 'tuple(int', 'int int', '']) {
      abiErr(() => parseType(bad), /bad type/);
    }
    abiErr(() => toType({ type: 'list' }), /item/);
    abiErr(() => toType(42), /type must be/);
    abiErr(() => parseType('int' + '[]'.repeat(40)), /nesting/);
  });
  it('sized ints carry their range', () => {
    const t = parseType('i8');
    expect(t).toMatchObject({ kind: 'int', bits: 8, signed: true, min: -128n, max: 127n });
  });
});

describe('exact encodings (hand-derived)', () => {
  // int: zigzag then LEB128. 300 -> 600 = 0x258 -> low 7 bits 0x58|0x80 = d8, then 0x04.
  it.each([
    ['int', 0, '00'],
    ['int', 1, '02'],
    ['int', -1, '01'],
    ['int', 63, '7e'],
    ['int', -64, '7f'],
    ['int', 64, '8001'],
    ['int', 300, 'd804'],
    ['int', -300, 'd704'],
    ['int', 2n ** 63n, '80808080808080808002'],
    ['int', -(2n ** 63n), 'ffffffffffffffffff01'],
    ['bool', true, '01'],
    ['bool', false, '00'],
    ['bytes', unhex(''), '00'],
    ['bytes', unhex('0102'), '020102'],
    ['str', 'hé', '0368c3a9'], // é is c3 a9 in UTF-8
    ['list<int>', [1, -1, 2], '03020104'],
    ['tuple(int,str)', new PyTuple([7, 'a']), '0e0161'],
  ] as [string, Value, string][])('%s %s -> %s', (t, v, h) => {
    expect(hex(encodeValue(t, v))).toBe(h);
    const back = decodeValueExact(t, unhex(h));
    expect(valueToJson(back)).toEqual(valueToJson(v));
  });
  it('address is length-prefixed, exact length from the option', () => {
    const a = new Uint8Array(32).fill(0x11);
    expect(hex(encodeValue('address', a))).toBe('20' + '11'.repeat(32));
    expect(hex(encodeValue('address', new Uint8Array(20).fill(1), { addressBytes: 20 }))).toBe('14' + '01'.repeat(20));
  });
  it('call payload is selector || args', () => {
    expect(hex(encodeCall(selectorOf('set', ['int']), ['int'], [5]))).toBe('a45c4fc944fe4f5c0a');
    const { selector, args } = splitCall(unhex('a45c4fc944fe4f5c0a'));
    expect(hex(selector)).toBe('a45c4fc944fe4f5c');
    expect(decodeArgs(['int'], args)).toEqual([5]);
    abiErr(() => splitCall(unhex('a45c')), /shorter than/);
  });
  it('encodeArgs is the concatenation', () => {
    expect(hex(encodeArgs(['int', 'bool', 'str'], [-2, true, 'ok']))).toBe('0301026f6b');
    expect(decodeArgs(['int', 'bool', 'str'], unhex('0301026f6b'))).toEqual([-2, true, 'ok']);
    expect(hex(encodeArgs([], []))).toBe('');
  });
});

// ---------------------------------------------------------------- round trips + python oracle

const bigIntArb = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }).map(BigInt),
  fc.bigInt({ min: -(2n ** 64n), max: 2n ** 64n }),
  fc.bigInt({ min: -(2n ** 4095n) + 1n, max: 2n ** 4095n - 1n }),
  fc.constantFrom(2n ** 53n - 1n, 2n ** 53n, -(2n ** 53n) + 1n, -(2n ** 53n), 2n ** 52n, -(2n ** 52n), 2n ** 4096n - 1n, -(2n ** 4096n) + 1n),
);
const norm = (x: bigint): number | bigint => (x >= -(2n ** 53n) + 1n && x <= 2n ** 53n - 1n ? Number(x) : x);

function typeArb(depth: number): fc.Arbitrary<AbiType> {
  const leaves = fc.constantFrom<AbiType>(
    parseType('int'),
    parseType('bool'),
    parseType('bytes'),
    parseType('str'),
    parseType('address'),
    parseType('u64'),
    parseType('bytes4'),
  );
  if (depth === 0) return leaves;
  return fc.oneof(
    { weight: 3, arbitrary: leaves },
    { weight: 1, arbitrary: typeArb(depth - 1).map((item): AbiType => ({ kind: 'list', item })) },
    { weight: 1, arbitrary: fc.array(typeArb(depth - 1), { maxLength: 3 }).map((items): AbiType => ({ kind: 'tuple', items })) },
  );
}

function valueArb(t: AbiType): fc.Arbitrary<Value> {
  switch (t.kind) {
    case 'int':
      return t.bits ? fc.bigInt({ min: t.min!, max: t.max! }).map(norm) : bigIntArb.map(norm);
    case 'bool':
      return fc.boolean();
    case 'bytes':
      return t.size ? fc.uint8Array({ minLength: t.size, maxLength: t.size }) : fc.uint8Array({ maxLength: 300 });
    case 'str':
      return fc.string({ unit: 'grapheme', maxLength: 20 });
    case 'address':
      return fc.uint8Array({ minLength: 32, maxLength: 32 });
    case 'list':
      return fc.array(valueArb(t.item), { maxLength: 5 });
    case 'tuple':
      return fc.tuple(...t.items.map(valueArb)).map((xs) => new PyTuple(xs));
  }
}

const typedValue = typeArb(3).chain((t) => valueArb(t).map((v) => [t, v] as const));

describe('round trips', () => {
  it('ints of any size, incl. huge bigints', () => {
    fc.assert(
      fc.property(bigIntArb, (x) => {
        const v = norm(x);
        const back = decodeValueExact('int', encodeValue('int', v));
        expect(back).toBe(v); // normalized: number when safe, bigint otherwise
      }),
      { numRuns: 500 },
    );
  });
  it('bytes and str', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), fc.string({ unit: 'binary', maxLength: 200 }), (b, s) => {
        expect(decodeValueExact('bytes', encodeValue('bytes', b))).toEqual(b);
        expect(decodeValueExact('str', encodeValue('str', s))).toBe(s);
      }),
    );
  });
  it('nested lists and tuples of every type', () => {
    fc.assert(
      fc.property(typedValue, ([t, v]) => {
        const enc = encodeValue(t, v);
        const back = decodeValueExact(t, enc);
        expect(valueToJsonText(back)).toBe(valueToJsonText(v));
        // Canonical: re-encoding the decoded value gives the same bytes.
        expect(hex(encodeValue(t, back))).toBe(hex(enc));
      }),
      { numRuns: 300 },
    );
  });
  it('agree byte for byte with the python reference encoder', () => {
    const samples = fc.sample(typedValue, { numRuns: 300, seed: 42 });
    samples.push([parseType('int'), 2n ** 4095n], [parseType('int'), -(2n ** 200n)], [parseType('str'), 'Ω😀\u{feff}x']);
    // Chunk boundaries of the 49-bit fast paths (zigzag doubles, so 2**48 is the first 50-bit value).
    for (const e of [47n, 48n, 49n, 97n, 98n, 146n, 147n]) {
      for (const x of [2n ** e - 1n, 2n ** e, 2n ** e + 1n]) samples.push([parseType('int'), norm(x)], [parseType('int'), norm(-x)]);
    }
    const want = pyEncode(samples.map(([t, v]) => [pyType(t), pyValue(v)]));
    samples.forEach(([t, v], i) => {
      expect(hex(encodeValue(t, v)), formatType(t)).toBe(want[i]);
      expect(valueToJsonText(decodeValueExact(t, unhex(want[i])))).toBe(valueToJsonText(v));
    });
  });
  it('keeps a leading BOM in str', () => {
    expect(decodeValueExact('str', encodeValue('str', '\u{feff}a'))).toBe('\u{feff}a');
  });
  it('decodeValue advances a cursor', () => {
    const c = { buf: unhex('02 01 ff'), pos: 0 };
    expect(decodeValue('int', c)).toBe(1);
    expect(decodeValue('bool', c)).toBe(true);
    expect(c.pos).toBe(2);
  });
});

describe('decoder rejections', () => {
  it('overlong varints', () => {
    abiErr(() => decodeValueExact('int', unhex('8000')), /overlong.*byte 0/);
    abiErr(() => decodeValueExact('int', unhex('ffffffffffffffff8000')), /overlong/);
    abiErr(() => decodeValueExact('bytes', unhex('8000')), /overlong/);
    abiErr(() => decodeValueExact('list<int>', unhex('8100' + '00')), /overlong/);
  });
  it('truncation', () => {
    abiErr(() => decodeValueExact('int', unhex('80')), /truncated/);
    abiErr(() => decodeValueExact('int', unhex('')), /truncated/);
    abiErr(() => decodeValueExact('bytes', unhex('0301')), /truncated bytes.*byte 1/);
    abiErr(() => decodeValueExact('str', unhex('')), /truncated str length/);
    abiErr(() => decodeValueExact('bool', unhex('')), /truncated bool/);
    abiErr(() => decodeValueExact('list<int>', unhex('0302')), /truncated/);
    abiErr(() => decodeArgs(['int', 'int'], unhex('02')), /args\[1\].*truncated/);
  });
  it('trailing bytes', () => {
    abiErr(() => decodeValueExact('int', unhex('0200')), /1 trailing bytes at byte 1/);
    abiErr(() => decodeArgs(['int'], unhex('020202')), /2 trailing bytes at byte 1/);
    abiErr(() => decodeArgs([], unhex('00')), /trailing/);
  });
  it('bad bools', () => {
    abiErr(() => decodeValueExact('bool', unhex('02')), /bad bool byte 0x02 at byte 0/);
    abiErr(() => decodeArgs(['int', 'list<bool>'], unhex('00 02 01 ff')), /args\[1\]\[1\]: bad bool byte 0xff at byte 3/);
  });
  it('wrong address lengths', () => {
    abiErr(() => decodeValueExact('address', unhex('1f' + '00'.repeat(31))), /address must be 32 bytes, got length 31/);
    abiErr(() => decodeValueExact('address', unhex('21' + '00'.repeat(33))), /address must be 32/);
    abiErr(() => decodeValueExact('address', unhex('20' + '00'.repeat(32)), { addressBytes: 20 }), /address must be 20/);
    expect(decodeValueExact('address', unhex('14' + '00'.repeat(20)), { addressBytes: 20 })).toEqual(new Uint8Array(20));
  });
  it('invalid UTF-8', () => {
    for (const h of ['01ff', '02c328', '03eda080' /* encoded surrogate */, '02c0af' /* overlong */, '01c3']) {
      abiErr(() => decodeValueExact('str', unhex(h)), /invalid UTF-8/);
    }
  });
  it('sized types on decode', () => {
    abiErr(() => decodeValueExact('u8', unhex('8004')), /out of range for u8/); // 256
    expect(decodeValueExact('u8', unhex('fe03'))).toBe(255);
    abiErr(() => decodeValueExact('u8', unhex('01')), /out of range/); // -1
    abiErr(() => decodeValueExact('bytes4', unhex('03010203')), /expected bytes4/);
  });
  it('caps', () => {
    const huge = unhex('ff'.repeat(600) + '01');
    abiErr(() => decodeValueExact('int', huge), /wider than 4096 bits/);
    abiErr(() => decodeValueExact('int', unhex('8080808004'), { maxIntBits: 16 }), /wider than 16/);
    abiErr(() => decodeValueExact('bytes', unhex('808080808001')), /exceeds the cap/);
    abiErr(() => decodeValueExact('list<int>', unhex('8080808001')), /exceeds the cap/);
    abiErr(() => decodeValueExact('list<int>', unhex('8008')), /1024 items cannot fit/);
    // Empty tuples take no bytes; the list cap still bounds the count.
    expect((decodeValueExact('list<tuple()>', unhex('03')) as Value[]).length).toBe(3);
    abiErr(() => decodeValueExact('list<tuple()>', unhex('ffff7f')), /exceeds the cap/);
  });
});

describe('encoder rejections', () => {
  it('wrong JS value kinds', () => {
    abiErr(() => encodeValue('int', 'x'), /expected int, got str/);
    abiErr(() => encodeValue('int', 1.5 as Value), /non-integer/);
    abiErr(() => encodeValue('int', (2 ** 60) as Value), /non-integer number|expected int/);
    abiErr(() => encodeValue('bool', 1), /expected bool, got int/);
    abiErr(() => encodeValue('bytes', 'ab'), /expected bytes, got str/);
    abiErr(() => encodeValue('str', new Uint8Array(1)), /expected str, got bytes/);
    abiErr(() => encodeValue('list<int>', new PyDict()), /expected list, got dict/);
    abiErr(() => encodeValue('tuple(int,int)', new PyTuple([1])), /tuple of 2 items/);
    abiErr(() => encodeValue('str', '\ud800'), /lone surrogate/);
    abiErr(() => encodeArgs(['int', 'list<int>'], [1, [1, 'x']]), /args\[1\]\[1\]: expected int/);
    abiErr(() => encodeArgs(['int'], []), /expected 1 values/);
  });
  it('bool is an int where an int is declared', () => {
    expect(hex(encodeValue('int', true))).toBe('02');
  });
  it('ranges and lengths', () => {
    abiErr(() => encodeValue('u8', 256), /out of range for u8/);
    abiErr(() => encodeValue('u64', -1), /out of range/);
    abiErr(() => encodeValue('i8', -129), /out of range/);
    expect(hex(encodeValue('i8', -128))).toBe('ff01');
    expect(hex(encodeValue('u256', 2n ** 256n - 1n))).toBe(hex(encodeValue('int', 2n ** 256n - 1n)));
    abiErr(() => encodeValue('u256', 2n ** 256n), /out of range/);
    abiErr(() => encodeValue('bytes32', new Uint8Array(31)), /expected bytes32, got 31/);
    abiErr(() => encodeValue('address', new Uint8Array(20)), /address must be 32 bytes, got 20/);
    abiErr(() => encodeValue('int', 2n ** 4096n), /wider than 4096/);
  });
});

describe('JSON mapping', () => {
  it('reads typed arguments', () => {
    const args = jsonToArgs(
      ['int', 'int', 'int', 'bytes', 'address', 'bool', 'str', 'list<u8>', 'tuple(int,str)'],
      [5, '-12345678901234567890', '0xff', '0xABcd', '0x' + '00'.repeat(32), true, 'hi', [1, 2], [3, 'x']],
    );
    expect(args[0]).toBe(5);
    expect(args[1]).toBe(-12345678901234567890n);
    expect(args[2]).toBe(255);
    expect(args[3]).toEqual(unhex('abcd'));
    expect(args[4]).toEqual(new Uint8Array(32));
    expect(args[5]).toBe(true);
    expect(args[8]).toEqual(new PyTuple([3, 'x']));
    expect(jsonToValue('int', '9007199254740991')).toBe(9007199254740991);
    expect(jsonToValue('int', '9007199254740992')).toBe(9007199254740992n);
  });
  it('names the argument path in errors', () => {
    abiErr(() => jsonToArgs(['int', 'int'], [1, 'abc']), /^args\[1\]: expected int, got "abc"$/);
    abiErr(() => jsonToArgs(['int'], [2 ** 53]), /args\[0\]: expected int/);
    abiErr(() => jsonToArgs(['int'], [1.5]), /args\[0\]/);
    abiErr(() => jsonToArgs(['bytes'], ['abcd']), /args\[0\]: expected bytes as 0x-hex/);
    abiErr(() => jsonToArgs(['bytes'], ['0xabc']), /even number/);
    abiErr(() => jsonToArgs(['address'], ['0x00']), /address must be 32 bytes/);
    abiErr(() => jsonToArgs(['list<int>'], [[1, true]]), /args\[0\]\[1\]: expected int, got true/);
    abiErr(() => jsonToArgs(['bool'], [1]), /expected bool/);
    abiErr(() => jsonToArgs(['u8'], [300]), /out of range/);
    abiErr(() => jsonToArgs(['tuple(int,int)'], [[1]]), /tuple of 2/);
    abiErr(() => jsonToArgs(['int'], []), /expected 1 arguments/);
  });
  it('shows runtime values', () => {
    const d = new PyDict();
    d.set('b', 1);
    d.set(unhex('00ff'), 2n ** 70n);
    d.set(7, null);
    d.set('__proto__', [true, new PyTuple(['x'])]);
    const j = valueToJson(d) as Record<string, unknown>;
    expect(j['b']).toBe(1);
    expect(j['0x00ff']).toBe('1180591620717411303424');
    expect(j['7']).toBe(null);
    expect(j['__proto__']).toEqual([true, ['x']]);
    // Text form keeps insertion order even for integer-like keys.
    expect(valueToJsonText(d)).toBe('{"b":1,"0x00ff":"1180591620717411303424","7":null,"__proto__":[true,["x"]]}');
    expect(valueToJson(-(2n ** 53n))).toBe('-9007199254740992');
    expect(valueToJson(9007199254740991)).toBe(9007199254740991);
  });
  it('JSON in, ABI bytes out, python agrees', () => {
    const v = jsonToValue('list<tuple(int,bytes)>', [
      [-5, '0x01'],
      ['123456789012345678901234567890', '0x'],
    ]);
    const want = pyEncode([
      [
        pyType(parseType('list<tuple(int,bytes)>')),
        [
          ['-5', '01'],
          ['123456789012345678901234567890', ''],
        ],
      ],
    ]);
    expect(hex(encodeValue('list<tuple(int,bytes)>', v))).toBe(want[0]);
  });
  it('selector of the sha3 domain string', () => {
    // Same value as selectorOf, derived directly from the definition.
    const d = sha3_256(new TextEncoder().encode('animica:abi:v1|get()')).slice(0, 8);
    expect(hex(d)).toBe('f1e030f0110a25e0');
  });
});
