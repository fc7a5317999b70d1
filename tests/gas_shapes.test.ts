// Shapes an attacker used to get work far beyond the gas it paid (issue: gas proportional to
// work). Each is now linear with a small constant, or priced by a table formula over a
// named measure; these tests pin the formula (gas moves with the measure as the table says,
// and with nothing else), never a timing.
import { describe, expect, test, vi } from 'vitest';
import { compileSource } from '../compiler/index.js';
import type { Host } from '../core/host.js';
import { run } from '../core/interpreter.js';
import { loadModule } from '../core/load.js';
import { Machine } from '../core/machine.js';
import { PyDict, PyTuple, type Value } from '../core/values.js';
import { STD_IMPLS } from '../stdlib/index.js';
import { BUILTINS, DEFAULT_LIMITS, METHODS, OPCODES } from '../spec/table.js';

/** Gas used by `_p(*args)` and its result. */
function gasOf(src: string, args: Value[]): { gas: number; result: Value } {
  const mod = loadModule(compileSource(src, { file: 'shape.py' }).module);
  const limit = 1_000_000_000;
  const m = new Machine(mod, DEFAULT_LIMITS, limit, STD_IMPLS, {} as Host);
  const result = run(
    m,
    mod.funcs.findIndex((f) => f.name === '_p'),
    args,
  );
  return { gas: limit - m.gas, result };
}

const method = (name: string) => METHODS.find((e) => e.name === name)!;
const ints = (n: number): Value[] => Array.from({ length: n }, (_, i) => i);

describe('dict.copy()', () => {
  const src = 'def _p(d):\n    e = d.copy()\n    return len(e)\n';
  const withKeys = (keys: Value[]): PyDict => {
    const d = new PyDict();
    keys.forEach((k, i) => d.set(k, i));
    return d;
  };

  test('is priced per entry, whatever the keys: the copy hashes no key again', () => {
    const price = method('copy').dynamic.entries;
    const small = gasOf(src, [withKeys(ints(16).map((i) => new PyTuple([i, i])))]).gas;
    const wide = gasOf(src, [withKeys(ints(16).map((i) => new PyTuple([i, ...ints(200)])))]).gas;
    const long = gasOf(src, [withKeys(ints(16).map((i) => 'k'.repeat(17000) + String(i)))]).gas;
    const direct = gasOf(src, [withKeys(ints(16).map((i) => 'k'.repeat(2000) + String(i)))]).gas;
    expect(wide).toBe(small);
    expect(long).toBe(small);
    // a key on the direct path has no slot list to keep: one Map entry, not two
    expect(small - direct).toBe(16 * price);
    const more = gasOf(src, [withKeys(ints(48).map((i) => new PyTuple([i, i])))]).gas;
    expect(more - small).toBe(2 * 32 * price);
  });

  test('is priced per key, never per distinct hash: hash collisions (seeded per process) move no gas', () => {
    // two tuples made to share a hash, as the per-process seed may make any two collide
    const colliding = [new PyTuple([1, 'a']), new PyTuple([2, 'b'])];
    for (const t of colliding) {
      t.hash = 12345;
      t.units = 3;
    }
    const d = withKeys(colliding);
    expect(d.get(colliding[1])).toBe(1);
    expect(gasOf(src, [d]).gas).toBe(gasOf(src, [withKeys([new PyTuple([1, 'a']), new PyTuple([2, 'b'])])]).gas);
    // and a key removed is no longer counted
    d.delete(colliding[0]);
    expect(gasOf(src, [d]).gas).toBe(gasOf(src, [withKeys([new PyTuple([2, 'b'])])]).gas);
  });

  test('the copy finds, replaces and deletes every key, and leaves the original alone', () => {
    const keys: Value[] = [...Array.from({ length: 20 }, (_, i) => new PyTuple([i, 'x'.repeat(i)])), 'k'.repeat(17000), new Uint8Array(100).fill(7), 2n ** 80n];
    const d = withKeys(keys);
    d.delete(keys[3]);
    d.delete(keys[20]);
    const e = d.copy();
    expect(e.size).toBe(d.size);
    for (const k of keys) expect(e.get(k)).toBe(d.get(k));
    e.set(new PyTuple([3, 'xxx']), 'back');
    e.set(keys[21], 'new');
    e.delete(keys[0]);
    expect(e.get(new PyTuple([3, 'xxx']))).toBe('back');
    expect(d.get(new PyTuple([3, 'xxx']))).toBeUndefined();
    expect(d.get(keys[0])).toBe(0);
    expect(d.get(keys[21])).toBe(21);
    expect(e.get(keys[0])).toBeUndefined();
    expect([...e.map.values()].map((x) => x[1])).toEqual(
      [...d.map.values()]
        .slice(1)
        .map((x) => (x[0] === keys[21] ? 'new' : x[1]))
        .concat(['back']),
    );
  });
});

/** How many calls f makes to obj[name] with a receiver or first argument `big` says is large. */
function bigCalls<T extends object>(obj: T, name: keyof T, big: (self: unknown, arg: unknown) => boolean, f: () => void): number {
  const orig = obj[name] as unknown as (...a: unknown[]) => unknown;
  let n = 0;
  const spy = vi.spyOn(obj, name as never).mockImplementation(function (this: unknown, ...a: unknown[]) {
    if (big(this, a[0])) n++;
    return orig.apply(this, a);
  } as never);
  try {
    f();
  } finally {
    spy.mockRestore();
  }
  return n;
}
const longStr = (x: unknown): boolean => typeof x === 'string' && x.length >= 1000;

describe('str.replace("", new)', () => {
  const src = 'def _p(s, c):\n    return s.replace("", "-", c)\n';
  const price = method('replace').dynamic.words;
  const words = (n: number) => Math.ceil(n / 32);

  test('makes no array of code points: the units are written once', () => {
    const s = 'ab'.repeat(3000);
    let out: Value = null;
    const calls =
      bigCalls(
        Array,
        'from',
        (_t, a) => longStr(a),
        () => (out = gasOf(src, [s, -1]).result),
      ) +
      bigCalls(
        String.prototype,
        'split',
        (t) => longStr(t),
        () => gasOf(src, [s, -1]),
      ) +
      bigCalls(
        Array.prototype,
        'join',
        (t) => Array.isArray(t) && t.length >= 1000,
        () => gasOf(src, [s, -1]),
      );
    expect(calls).toBe(0);
    expect(out).toBe(`-${s.split('').join('-')}-`);
  });

  test('is priced per word of the receiver and of the result, before it is built', () => {
    const g = (n: number, c: number) => gasOf(src, ['a'.repeat(n), c]).gas;
    // every code point: the result is 2n + 1 units, n + 1 insertions
    expect(g(3200, -1) - g(320, -1)).toBe(price * (words(3200) - words(320) + words(6401) - words(641)) + method('replace').dynamic.items * (3201 - 321));
    // a count caps the insertions: n + c units
    expect(g(3200, 64) - g(320, 64)).toBe(price * (words(3200) - words(320) + words(3264) - words(384)));
  });

  test('charges items per insertion, as the search path does per replacement', () => {
    const item = method('replace').dynamic.items;
    expect(item).toBeGreaterThan(0);
    const g = (c: number) => gasOf(src, ['a'.repeat(3200), c]).gas;
    // 64 more insertions: 64 more units of result (2 words) and 64 items
    expect(g(128) - g(64)).toBe(price * (words(3328) - words(3264)) + item * 64);
  });
});

describe('bytes.decode(errors=...)', () => {
  const src = 'def _p(b, e):\n    return b.decode("utf-8", e)\n';
  const bad = (n: number) => {
    const b = new Uint8Array(2 * n);
    for (let i = 0; i < n; i++) b.set([0xe0, 0x80], 2 * i);
    return b;
  };

  test('writes every replacement into one array: no string per error, no join over pieces', () => {
    let out: Value = null;
    const calls =
      bigCalls(
        Array.prototype,
        'join',
        (t) => Array.isArray(t) && t.length >= 1000,
        () => (out = gasOf(src, [bad(3000), 'backslashreplace']).result),
      ) +
      bigCalls(
        String.prototype,
        'padStart',
        () => true,
        () => gasOf(src, [bad(3000), 'backslashreplace']),
      );
    expect(calls).toBe(0);
    expect(out).toBe('\\xe0\\x80'.repeat(3000));
  });

  test('with a handler, ill-formed input is found without a failed strict decode (an exception)', () => {
    const strict = (t: unknown) => t instanceof TextDecoder && t.encoding === 'utf-8' && t.fatal;
    let out: Value = null;
    expect(bigCalls(TextDecoder.prototype, 'decode', strict, () => (out = gasOf(src, [bad(2), 'replace']).result))).toBe(0);
    expect(out).toBe('\ufffd'.repeat(4));
    expect(bigCalls(TextDecoder.prototype, 'decode', strict, () => gasOf(src, [Uint8Array.of(0xc3, 0xa9), 'replace']))).toBe(1);
  });

  test('is priced per word of the input and of the longest output (4 chars a byte), whatever the handler', () => {
    const price = method('decode').dynamic.words;
    const words = (n: number) => Math.ceil(n / 32);
    for (const e of ['backslashreplace', 'replace', 'ignore', 'surrogateescape']) {
      const d = gasOf(src, [bad(3200), e]).gas - gasOf(src, [bad(320), e]).gas;
      // the input, then the handler's pass at its longest output
      expect(d, e).toBe(price * (words(6400) - words(640) + words(4 * 6400) - words(4 * 640)));
    }
  });
});

describe('list.remove(x), x a 64-byte bytes', () => {
  const src = 'def _p(xs, x):\n    xs.remove(x)\n    return len(xs)\n';
  const k = (last: number) => new Uint8Array(64).fill(107).fill(last, 63);
  const list = (n: number): Value[] => [...Array.from({ length: n }, () => k(107)), k(122)];

  test('compares each item without making views of it', () => {
    const made = { n: 0 };
    const Real = Int32Array;
    class Counted extends Real {
      constructor(buf: ArrayBuffer, at: number, len: number) {
        super(buf, at, len);
        made.n++;
      }
    }
    vi.stubGlobal('Int32Array', Counted);
    try {
      expect(gasOf(src, [list(2000), k(122)]).result).toBe(2000);
    } finally {
      vi.unstubAllGlobals();
    }
    expect(made.n).toBeLessThan(10);
  });

  test('is priced per item scanned and per word compared', () => {
    const eq = (name: string) => OPCODES.find((o) => o.name === name)!.dynamic;
    const d = gasOf(src, [list(2000), k(122)]).gas - gasOf(src, [list(200), k(122)]).gas;
    expect(d).toBe(1800 * (method('remove').dynamic.items + 2 * eq('EQ').words));
  });
});

describe('repr() of text with escapes', () => {
  const src = 'def _p(s):\n    return repr(s)\n';
  const ctl = (n: number) => '\x01\n\'"\\\u2028'.repeat(n);
  const rendered = (n: number) => "'" + '\\x01\\n\\\'"\\\\\\u2028'.repeat(n) + "'";

  test('writes the escapes into one array: no string per char', () => {
    let out: Value = null;
    const calls =
      bigCalls(
        String.prototype,
        'padStart',
        () => true,
        () => (out = gasOf(src, [ctl(2000)]).result),
      ) +
      bigCalls(
        String.prototype,
        'padStart',
        () => true,
        () => gasOf(src, [new Uint8Array(4000).fill(1)]),
      );
    expect(calls).toBe(0);
    expect(out).toBe(rendered(2000));
  });

  test('is priced per word of the rendering', () => {
    const price = BUILTINS.find((e) => e.name === 'repr')!.dynamic.words;
    const words = (n: number) => Math.ceil(n / 32);
    const d = gasOf(src, [ctl(2000)]).gas - gasOf(src, [ctl(200)]).gas;
    expect(d).toBe(price * (words(rendered(2000).length) - words(rendered(200).length)));
  });
});

describe('== and in over deeply nested one-item lists', () => {
  const nest = (depth: number, leaf: Value): Value => {
    let x: Value = leaf;
    for (let i = 0; i < depth; i++) x = [x];
    return x;
  };
  const big = (last: number) => new Uint8Array(1024).fill(7).fill(last, 1023);

  /** The host stack depth when the innermost bytes compare runs (it makes an Int32Array view). */
  function stackAtLeaf(f: () => void): number {
    let depth = 0;
    const Real = Int32Array;
    class Probe extends Real {
      constructor(buf: ArrayBuffer, at: number, len: number) {
        super(buf, at, len);
        const limit = Error.stackTraceLimit;
        Error.stackTraceLimit = Infinity;
        depth = Math.max(depth, (new Error().stack ?? '').split('\n').length);
        Error.stackTraceLimit = limit;
      }
    }
    vi.stubGlobal('Int32Array', Probe);
    try {
      f();
    } finally {
      vi.unstubAllGlobals();
    }
    return depth;
  }

  test('the walk takes no host frame per level', () => {
    const src = 'def _p(a, b):\n    return [a == b, [0, b].index(a)]\n';
    const shallow = stackAtLeaf(() => gasOf(src, [nest(4, big(1)), nest(4, big(1))]));
    const deep = stackAtLeaf(() => expect(gasOf(src, [nest(250, big(1)), nest(250, big(1))]).result).toEqual([true, 1]));
    expect(shallow).toBeGreaterThan(0);
    expect(deep - shallow).toBeLessThan(10);
  });

  test('is priced per item, level by level, as before', () => {
    const eq = OPCODES.find((o) => o.name === 'EQ')!.dynamic;
    const src = 'def _p(a, b):\n    return a == b\n';
    const d = gasOf(src, [nest(250, 1), nest(250, 1)]).gas - gasOf(src, [nest(50, 1), nest(50, 1)]).gas;
    expect(d).toBe(200 * eq.items);
  });
});
