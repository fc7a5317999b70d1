import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { ManifestError } from '../spec/errors.js';
import { abiHash, canonicalJson, normalizeManifest, type NormalizedManifest } from '../node/manifest.js';

const COUNTER: NormalizedManifest = {
  name: 'counter',
  version: '1.0.0',
  entry: 'contract.py',
  abi: {
    functions: [
      { name: 'inc', inputs: [], outputs: [] },
      { name: 'get', inputs: [], outputs: [{ type: 'int' }] },
      { name: 'set', inputs: [{ name: 'v', type: 'int' }], outputs: [] },
    ],
    events: [{ name: 'Incremented', inputs: [{ name: 'value', type: 'int' }] }],
    errors: [],
  },
};

function manErr(raw: unknown, re: RegExp): void {
  let err: unknown;
  try {
    normalizeManifest(raw);
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(ManifestError);
  expect((err as Error).message).toMatch(re);
}

describe('normalizeManifest: accepted variants', () => {
  it('the normalized shape is a fixed point', () => {
    expect(normalizeManifest(COUNTER)).toEqual(COUNTER);
    expect(normalizeManifest(normalizeManifest(COUNTER))).toEqual(COUNTER);
  });

  it('Ethereum-style flat abi with args/returns spellings', () => {
    const raw = {
      name: 'counter',
      version: '1.0.0',
      source: 'contract.py',
      abi: [
        { type: 'function', name: 'inc', args: [], returns: null },
        { name: 'get', inputs: [], returns: 'int' },
        { type: 'function', name: 'set', params: [{ name: 'v', type: 'int' }], outputs: 'None' },
        { type: 'event', name: 'Incremented', fields: [{ name: 'value', type: 'int', indexed: false }] },
      ],
    };
    expect(normalizeManifest(raw)).toEqual(COUNTER);
  });

  it('abi object with maps, "name: type" strings and sources as a list', () => {
    const raw = {
      name: 'counter',
      version: '1.0.0',
      sources: ['contract.py'],
      abi: {
        functions: {
          inc: {},
          get: { returns: ['int'] },
          set: { args: ['v: int'] },
        },
        events: { Incremented: { args: { value: 'int' } } },
      },
    };
    expect(normalizeManifest(raw)).toEqual(COUNTER);
  });

  it('top-level functions/events and sources as a dict', () => {
    expect(
      normalizeManifest({
        name: 'counter',
        version: '1.0.0',
        sources: { 'contract.py': { content: '...' } },
        functions: COUNTER.abi.functions,
        events: COUNTER.abi.events,
      }),
    ).toEqual(COUNTER);
    expect(normalizeManifest({ ...COUNTER, entry: undefined, sources: { main: 'contract.py' } }).entry).toBe('contract.py');
    expect(normalizeManifest({ ...COUNTER, entry: undefined, sources: [{ path: 'src/c.py' }] }).entry).toBe('src/c.py');
  });

  it('type refs as objects, sized names kept, aliases folded', () => {
    const m = normalizeManifest({
      name: 't',
      version: 2,
      entry: 'token.py',
      abi: [
        {
          type: 'function',
          name: 'transfer',
          inputs: [
            { name: 'to', type: { type: 'address' } },
            { name: 'amount', type: 'uint64' },
            { name: 'ids', type: 'list', items: 'u8' },
            {
              name: 'pairs',
              type: 'tuple[]',
              components: [
                { name: 'k', type: 'bytes32' },
                { name: 'v', type: 'string' },
              ],
            },
          ],
          outputs: [{ name: 'ok', type: 'bool' }, { type: 'int[]' }],
        },
        { type: 'error', name: 'Insufficient' },
        { type: 'error', name: 'Bad', inputs: [{ name: 'code', type: 'int' }] },
      ],
    });
    expect(m.version).toBe('2');
    expect(m.abi.functions[0]).toEqual({
      name: 'transfer',
      inputs: [
        { name: 'to', type: 'address' },
        { name: 'amount', type: 'u64' },
        { name: 'ids', type: 'list<u8>' },
        { name: 'pairs', type: 'list<tuple(bytes32,str)>' },
      ],
      outputs: [{ name: 'ok', type: 'bool' }, { type: 'list<int>' }],
    });
    expect(m.abi.errors).toEqual([{ name: 'Insufficient' }, { name: 'Bad', inputs: [{ name: 'code', type: 'int' }] }]);
  });

  it('unnamed inputs keep an empty name; missing version defaults; resources kept', () => {
    const m = normalizeManifest({
      name: 'x',
      entry: 'x.py',
      abi: { functions: [{ name: 'f', args: ['int', 'bytes'] }] },
      resources: { caps: ['storage'], limits: { gas: 100000 } },
    });
    expect(m.version).toBe('0.0.0');
    expect(m.abi.functions[0].inputs).toEqual([
      { name: '', type: 'int' },
      { name: '', type: 'bytes' },
    ]);
    expect(m.resources).toEqual({ caps: ['storage'], limits: { gas: 100000 } });
  });

  it('unknown keys are errors with their path (and a likely spelling)', () => {
    const base = { name: 'x', entry: 'x.py', abi: { functions: [{ name: 'f', inputs: [{ name: 'a', type: 'int' }], outputs: [] }] } };
    expect(() => normalizeManifest({ ...base, unknownTopLevel: true })).toThrow(/^\/unknownTopLevel: unknown key "unknownTopLevel" in the manifest/);
    expect(() => normalizeManifest({ ...base, resorces: {} })).toThrow(/\/resorces: unknown key "resorces" in the manifest \(did you mean "resources"\?\)/);
    expect(() => normalizeManifest({ ...base, resources: { other: 1 } })).toThrow(/^\/resources\/other: unknown key/);
    expect(() => normalizeManifest({ ...base, abi: { functions: [{ name: 'f', inputs: [], ouputs: [] }] } })).toThrow(
      /^\/abi\/functions\/0\/ouputs: unknown key "ouputs" in a function entry \(did you mean "outputs"\?\)/,
    );
    expect(() => normalizeManifest({ ...base, abi: { functions: [{ name: 'f', inputs: [{ name: 'a', typ: 'int', type: 'int' }] }] } })).toThrow(
      /^\/abi\/functions\/0\/inputs\/0\/typ: unknown key/,
    );
    expect(() => normalizeManifest({ ...base, abi: { functions: [], event: [] } })).toThrow(
      /^\/abi\/event: unknown key "event" in abi \(did you mean "events"\?\)/,
    );
    // Ethereum-style descriptive keys are known (they carry nothing vm-py uses)
    expect(() =>
      normalizeManifest({
        ...base,
        abi: [{ type: 'function', name: 'f', stateMutability: 'view', inputs: [{ name: 'a', type: 'int', internalType: 'int' }], outputs: [] }],
      }),
    ).not.toThrow();
  });

  it('does not alias the input', () => {
    const raw = structuredClone(COUNTER) as unknown as Record<string, unknown>;
    const m = normalizeManifest(raw);
    (raw as unknown as NormalizedManifest).abi.functions[0].name = 'changed';
    expect(m.abi.functions[0].name).toBe('inc');
  });
});

describe('normalizeManifest: rejections name the place', () => {
  it.each([
    [null, /^\/: a manifest is a JSON object/],
    [[], /array/],
    [{ entry: 'a.py' }, /^\/: bad manifest: must have required property 'name'/],
    [{ name: 5, entry: 'a.py' }, /^\/name: bad manifest/],
    [{ name: 'x' }, /missing "entry"/],
    [{ name: 'x', entry: '/abs/a.py' }, /^\/entry: entry must be relative/],
    [{ name: 'x', source: 'C:\\a.py' }, /^\/source: entry must be relative/],
    [{ name: 'x', entry: 'a.py', source: 'b.py' }, /^\/source: "source" \(b.py\) disagrees/],
    [{ name: 'x', sources: ['a.py', 'b.py'] }, /^\/sources: 2 sources/],
    [{ name: 'x', entry: 'a.py', abi: 'nope' }, /^\/abi: bad manifest/],
    [{ name: 'x', entry: 'a.py', abi: [{ type: 'constructor' }] }, /^\/abi\/0\/type: unsupported ABI entry type "constructor"/],
    [{ name: 'x', entry: 'a.py', abi: [{ name: 'f', inputs: [{ name: 'a', type: 'float' }] }] }, /^\/abi\/0\/inputs\/0\/type: bad type "float"/],
    [{ name: 'x', entry: 'a.py', abi: [{ name: 'f', inputs: [{ name: 'a' }] }] }, /^\/abi\/0\/inputs\/0: missing "type"/],
    [{ name: 'x', entry: 'a.py', abi: [{ name: 'f', args: [], inputs: [] }] }, /^\/abi\/0: give only one of "inputs", "args"/],
    [{ name: 'x', entry: 'a.py', abi: [{ name: 'f', returns: 'int', outputs: [] }] }, /give only one of "outputs", "returns"/],
    [{ name: 'x', entry: 'a.py', abi: [{ name: 'f-g' }] }, /^\/abi\/0\/name: function name "f-g" is not an identifier/],
    [{ name: 'x', entry: 'a.py', abi: [{ name: 'f' }, { name: 'f' }] }, /duplicate function "f"/],
    [{ name: 'x', entry: 'a.py', abi: [{ name: 'f', args: ['a: int', 'a: int'] }] }, /^\/abi\/0\/args\/1: duplicate parameter name "a"/],
    [{ name: 'x', entry: 'a.py', abi: [{ name: 'f', returns: { type: 'u999' } }] }, /^\/abi\/0\/returns\/type: bad type "u999"/],
    [{ name: 'x', entry: 'a.py', abi: { events: [{ name: 'E', inputs: [{ type: 'int' }] }] } }, /^\/abi\/events\/0\/inputs\/0: missing "name"/],
    [
      { name: 'x', entry: 'a.py', abi: { events: [{ name: 'E', inputs: [{ name: 'a', type: 'int[]' }] }] } },
      /^\/abi\/events\/0\/inputs\/0\/type: event fields hold/,
    ],
    [{ name: 'x', entry: 'a.py', abi: { events: [{ name: 'E'.repeat(65) }] } }, /^\/abi\/events\/0\/name: event name must be 1..64 bytes/],
    [{ name: 'x', entry: 'a.py', abi: { functions: 3 } }, /^\/functions|^\/abi\/functions/],
    [{ name: 'x', entry: 'a.py', resources: { limits: { gas: -1 } } }, /^\/resources\/limits\/gas: a limit is a non-negative integer/],
    [{ name: 'x', entry: 'a.py', version: 1.5 }, /^\/version: bad manifest/],
  ] as [unknown, RegExp][])('%j', (raw, re) => manErr(raw, re));
});

describe('abiHash', () => {
  it('is sha3_256 of sorted-key compact JSON (python json.dumps agrees)', () => {
    const abi = normalizeManifest(COUNTER).abi;
    const py = execFileSync(
      'python3',
      [
        '-c',
        'import sys,json,hashlib\nd=json.loads(sys.stdin.read())\ns=json.dumps(d,sort_keys=True,separators=(",",":"),ensure_ascii=False)\nprint(s)\nprint(hashlib.sha3_256(s.encode()).hexdigest())',
      ],
      { input: JSON.stringify(abi) },
    )
      .toString()
      .trim()
      .split('\n');
    expect(canonicalJson(abi)).toBe(py[0]);
    expect(abiHash(abi)).toBe(py[1]);
  });
  it('does not depend on the manifest spelling', () => {
    const a = normalizeManifest(COUNTER).abi;
    const b = normalizeManifest({
      name: 'counter',
      entry: 'c.py',
      abi: [
        { name: 'inc' },
        { name: 'get', returns: { type: 'integer' } },
        { name: 'set', args: { v: 'int' } },
        { type: 'event', name: 'Incremented', fields: ['value: int'] },
      ],
    }).abi;
    expect(abiHash(b)).toBe(abiHash(a));
    expect(canonicalJson({ b: 1, a: [true, null, 'x'] })).toBe('{"a":[true,null,"x"],"b":1}');
  });
});
