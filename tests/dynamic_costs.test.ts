// Every size-dependent cost is read from the table: for every opcode, builtin and method whose
// table entry has a `dynamic` formula, and for every measure it names, a probe grows that
// measure and the gas beyond the executed instructions' base costs must move by exactly
// price * (change of the measure), the price taken from the entry. A measure the handler does
// not charge, charges at another price or charges twice fails here; so does a table entry
// with a measure and no probe. (Stdlib formulas are checked the same way, per name and
// alias, by tests/stdlib_gas.test.ts.)
import { describe, expect, test, vi } from 'vitest';
import type { Host } from '../core/host.js';
import type { Value } from '../core/values.js';
import { limbsOver, words } from '../core/pricing.js';
import type { Measure, Prices } from '../spec/table.js';

interface Probe {
  /** `op:NAME`, `builtin:name` or `method:name` */
  entry: string;
  /** a function `_p` of the probe's arguments; may depend on the size */
  src: string | ((n: number) => string);
  args?: (n: number) => Value[];
  /** the measures' values at size n (only those that change with n need be given) */
  measures: (n: number) => Partial<Record<Measure, number>>;
  sizes?: [number, number];
  /** the opcodes (of the entry's `runs`) whose formulas price this work, each once */
  via?: string[];
  /** other entries that price the same measures in the probe's code too (e.g. `op:BUILD_DICT`) */
  also?: string[];
  /** calls of the (builtin or method) entry at size n, when that grows too: each pays its base */
  calls?: (n: number) => number;
}

const big = (n: number): bigint => (1n << BigInt(64 * n)) - 1n; // 64n bits
const decLen = (n: number): number => big(n).toString().length;
const bytesOf = (n: number): Uint8Array => new Uint8Array(n).fill(97);
const ints = (n: number): Value[] => Array.from({ length: n }, (_, i) => i % 7);
// values are made with the classes of the VM that runs the probe (each table loads its own modules)
let V: typeof import('../core/values.js');
const tuple = (items: Value[]): Value => new V.PyTuple(items);
const dictOf = (n: number): Value => {
  const d = new V.PyDict();
  for (let i = 0; i < n; i++) d.set(i, i);
  return d;
};
/** A dict holding one key (made with the classes of the VM that runs the probe). */
const keyed = (k: Value): Value => {
  const d = new V.PyDict();
  d.set(k, 1);
  return d;
};
// every unit counts: no size is free beyond the instruction's base
const keyUnits = (n: number) => ({ key_units: words(n) });
const scanWords = (n: number) => ({ scan_words: words(n) });
const KEY_SIZES: [number, number] = [400, 2000];
const fn = (body: string, params = 'x'): string => `def _p(${params}):\n    return ${body}\n`;
const stmt = (body: string, params = 'x'): string => `def _p(${params}):\n    ${body}\n    return 0\n`;

const PROBES: Probe[] = [
  // big-int limbs: the exact path (> 512 bits)
  ...(['ADD:x + x:1', 'SUB:x - 1:1', 'LSHIFT:x << 1:1', 'NEG:-x:1', 'POS:+x:1', 'INVERT:~x:1'] as const).map((s) => {
    const [op, e] = s.split(':');
    return {
      entry: `op:${op}`,
      src: fn(e),
      args: (n: number) => [big(n)],
      measures: (n: number) => ({ limbs: limbsOver(64 * n + 1) }),
      sizes: [10, 20] as [number, number],
    };
  }),
  ...(['FLOORDIV:x // 3', 'MOD:x % 3', 'RSHIFT:x >> 1', 'BITAND:x & x', 'BITOR:x | x', 'BITXOR:x ^ x'] as const).map((s) => {
    const [op, e] = s.split(':');
    return {
      entry: `op:${op}`,
      src: fn(e),
      args: (n: number) => [big(n)],
      measures: (n: number) => ({ limbs: limbsOver(64 * n) }),
      sizes: [10, 20] as [number, number],
    };
  }),
  { entry: 'op:MUL', src: fn('x * x'), args: (n) => [big(n)], measures: (n) => ({ limbs: limbsOver(128 * n) }), sizes: [10, 20] },
  { entry: 'op:POW', src: fn('x ** 2'), args: (n) => [big(n)], measures: (n) => ({ limbs: limbsOver(128 * n) }), sizes: [10, 20] },
  { entry: 'op:INPLACE_ADD', src: stmt('x += x'), args: (n) => [big(n)], measures: (n) => ({ limbs: limbsOver(64 * n + 1) }), sizes: [10, 20] },
  // the mid path (257..511 bits) charges the same formula
  { entry: 'op:ADD', src: fn('x + x'), args: (n) => [big(n)], measures: (n) => ({ limbs: limbsOver(64 * n + 1) }), sizes: [5, 7] },
  { entry: 'op:MUL', src: fn('x * y', 'x, y'), args: (n) => [big(n), 3n << 300n], measures: (n) => ({ limbs: limbsOver(64 * n + 302) }), sizes: [1, 3] },
  // sequences
  { entry: 'op:ADD', src: fn('x + x'), args: (n) => [bytesOf(n)], measures: (n) => ({ words: words(2 * n), buffers: 2 * n > 64 ? 1 : 0 }) },
  // a bytes result past 64 bytes pays its allocation off the JS heap; str results never do
  { entry: 'op:ADD', src: fn('x + x'), args: (n) => [bytesOf(n)], measures: (n) => ({ words: words(2 * n), buffers: 2 * n > 64 ? 1 : 0 }), sizes: [32, 33] },
  {
    entry: 'op:INPLACE_ADD',
    src: stmt('x += x'),
    args: (n) => [bytesOf(n)],
    measures: (n) => ({ words: words(2 * n), buffers: 2 * n > 64 ? 1 : 0 }),
    sizes: [16, 100],
  },
  { entry: 'op:ADD', src: fn('x + x'), args: (n) => [ints(n)], measures: (n) => ({ items: 2 * n }) },
  { entry: 'op:INPLACE_ADD', src: stmt('x += x'), args: (n) => ['a'.repeat(n)], measures: (n) => ({ words: words(2 * n) }) },
  { entry: 'op:INPLACE_ADD', src: stmt('x += x'), args: (n) => [ints(n)], measures: (n) => ({ items: n }) },
  { entry: 'op:MUL', src: fn('x * 3'), args: (n) => [bytesOf(n)], measures: (n) => ({ words: words(3 * n) }) },
  { entry: 'op:MUL', src: fn('x * 3'), args: (n) => [tuple(ints(n))], measures: (n) => ({ items: 3 * n }) },
  // comparisons and membership
  ...(['EQ:==', 'NE:!=', 'LT:<', 'LE:<=', 'GT:>', 'GE:>='] as const).flatMap((s) => {
    const [op, sym] = s.split(':');
    return [
      { entry: `op:${op}`, src: fn(`x ${sym} y`, 'x, y'), args: (n: number) => [bytesOf(n), bytesOf(n)], measures: (n: number) => ({ words: words(n) }) },
      { entry: `op:${op}`, src: fn(`x ${sym} y`, 'x, y'), args: (n: number) => [ints(n), ints(n)], measures: (n: number) => ({ items: n }) },
      // the orderings of two big ints that tie on their high limbs: `limbs` of the shorter
      ...(op === 'EQ' || op === 'NE'
        ? []
        : [
            {
              entry: `op:${op}`,
              src: fn(`x ${sym} y`, 'x, y'),
              args: (n: number) => [big(n), big(n) - 1n],
              measures: (n: number) => ({ limbs: limbsOver(64 * n) }),
              sizes: [10, 20] as [number, number],
            },
          ]),
    ];
  }),
  ...(['IN:in', 'NOT_IN:not in'] as const).flatMap((s) => {
    const [op, sym] = s.split(':');
    return [
      { entry: `op:${op}`, src: fn(`b"z" ${sym} x`), args: (n: number) => [bytesOf(n)], measures: (n: number) => ({ words: words(n) }) },
      { entry: `op:${op}`, src: fn(`-1 ${sym} x`), args: (n: number) => [ints(n)], measures: (n: number) => ({ items: n }) },
    ];
  }),
  // containers
  { entry: 'op:BUILD_LIST', src: (n) => fn(`[${Array(n).fill('x').join(', ')}]`), args: () => [1], measures: (n) => ({ items: n }) },
  { entry: 'op:BUILD_TUPLE', src: (n) => fn(`(${Array(n).fill('x').join(', ')},)`), args: () => [1], measures: (n) => ({ items: n }) },
  {
    entry: 'op:BUILD_DICT',
    src: (n) => fn(`{${Array.from({ length: n }, (_, i) => `${i}: x`).join(', ')}}`),
    args: () => [1],
    measures: (n) => ({ items: n }),
  },
  { entry: 'op:SLICE', src: fn('x[0:]'), args: (n) => [bytesOf(n)], measures: (n) => ({ words: words(n) }) },
  { entry: 'op:SLICE', src: fn('x[0:]'), args: (n) => [ints(n)], measures: (n) => ({ items: n }) },
  // a return annotation checked at the return: every item of the list, and of each inner list
  { entry: 'op:CHECK_RETURN', src: 'def _p(x) -> list[int]:\n    return x\n', args: (n) => [ints(n)], measures: (n) => ({ items: n }) },
  {
    entry: 'op:CHECK_RETURN',
    src: 'def _p(x) -> tuple[list[int], int]:\n    return x\n',
    args: (n) => [tuple([ints(n), 1])],
    measures: (n) => ({ items: 2 + n }),
  },
  {
    entry: 'op:ITER_INIT',
    src: 'def _p(x):\n    for k in x:\n        return k\n    return 0\n',
    args: (n) => ['a'.repeat(n)],
    measures: (n) => ({ items: n }),
  },
  // builtins
  { entry: 'builtin:range', src: fn('len(range(x))'), args: (n) => [n], measures: (n) => ({ items: n }) },
  // ten big items: each a sum as wide as the widest bound (y = x + 10 carries into one more bit)
  {
    entry: 'builtin:range',
    src: fn('len(range(x, y))', 'x, y'),
    args: (n) => [big(n), big(n) + 10n],
    measures: (n) => ({ items: 10, limbs: 10 * limbsOver(64 * n + 1) }),
    sizes: [10, 20],
  },
  { entry: 'builtin:min', src: fn('min(x)'), args: (n) => [ints(n)], measures: (n) => ({ items: n }) },
  { entry: 'builtin:max', src: fn('max(x)'), args: (n) => [ints(n)], measures: (n) => ({ items: n }) },
  {
    entry: 'builtin:int',
    src: fn('int(x)'),
    args: (n) => ['1'.repeat(n)],
    measures: (n) => ({ words: words(n), convert_steps: words(n) > 4 ? words(n) * (words(n) - 3) : 0 }),
  },
  { entry: 'builtin:bytes', src: fn('bytes(x)'), args: (n) => [n], measures: (n) => ({ words: words(n) }) },
  { entry: 'builtin:bytes', src: fn('bytes(x)'), args: (n) => [ints(n)], measures: (n) => ({ items: n }) },
  { entry: 'builtin:bytearray', src: fn('bytearray(x)'), args: (n) => [n], measures: (n) => ({ words: words(n) }) },
  { entry: 'builtin:bytearray', src: fn('bytearray(x)'), args: (n) => [ints(n)], measures: (n) => ({ items: n }) },
  {
    entry: 'builtin:str',
    src: fn('str(x)'),
    args: (n) => [big(n)],
    measures: (n) => ({ convert_steps: words(16 * n) * Math.max(1, words(16 * n) - 3) }),
    sizes: [10, 20],
  },
  {
    entry: 'builtin:hex',
    src: fn('hex(x)'),
    args: (n) => [big(n)],
    measures: (n) => ({ words: words((64 * n) >>> 2), limbs: limbsOver(64 * n) }),
    sizes: [10, 20],
  },
  { entry: 'builtin:slice.step', src: fn('x[::2]'), args: (n) => [bytesOf(n)], measures: (n) => ({ items: Math.ceil(n / 2) }) },
  { entry: 'builtin:slice.step', src: fn('x[::-1]'), args: (n) => [ints(n)], measures: (n) => ({ items: n }) },
  {
    entry: 'builtin:slice.step',
    src: fn('x[::3]'),
    args: (n) => ['a'.repeat(n)],
    measures: (n) => ({ scan_words: words(n), words: words(Math.ceil(n / 3)) }),
    sizes: KEY_SIZES,
  },
  ...(['bin:1', 'oct:3'] as const).map((s) => {
    const [name, per] = s.split(':');
    return {
      entry: `builtin:${name}`,
      src: fn(`${name}(x)`),
      args: (n: number) => [big(n)],
      measures: (n: number) => ({ words: words(Math.ceil((64 * n) / Number(per)) + 3), limbs: limbsOver(64 * n) }),
      sizes: [10, 20] as [number, number],
    };
  }),
  { entry: 'builtin:round', src: fn('round(x, -1)'), args: (n) => [big(n)], measures: (n) => ({ limbs: 3 * limbsOver(64 * n) }), sizes: [10, 20] },
  {
    entry: 'builtin:dict.key',
    src: fn(`{x: 0, ${Array.from({ length: 15 }, (_, i) => `"k${i}": ${i}`).join(', ')}}`),
    args: (n) => [bytesOf(n)],
    measures: keyUnits,
    sizes: KEY_SIZES,
    also: ['op:BUILD_DICT'],
  },
  { entry: 'builtin:slice.set', src: stmt('x[0:0] = y', 'x, y'), args: (n) => [[], ints(n)], measures: (n) => ({ items: n }) },
  { entry: 'builtin:slice.set', src: stmt('x[0:1] = [1, 2]'), args: (n) => [ints(n)], measures: (n) => ({ items: n }) },
  { entry: 'builtin:slice.del', src: stmt('del x[0:1]'), args: (n) => [ints(n)], measures: (n) => ({ items: n }) },
  { entry: 'builtin:unpack.star', src: stmt('a, *b = x'), args: (n) => [ints(n + 1)], measures: (n) => ({ items: n }) },
  { entry: 'builtin:dict.fromkeys', src: fn('dict.fromkeys(x)'), args: (n) => [ints(n).map((_, i) => i)], measures: (n) => ({ items: n }) },
  { entry: 'builtin:dict.fromkeys', src: fn('dict.fromkeys([x])'), args: (n) => [bytesOf(n)], measures: keyUnits, sizes: KEY_SIZES },
  { entry: 'builtin:zip.star', src: fn('zip(*x)'), args: (n) => [[ints(n), ints(n)]], measures: (n) => ({ items: 2 * n }) },
  { entry: 'builtin:reversed.live', src: stmt('for k in reversed(x):\n        pass'), args: (n) => [dictOf(n)], measures: (n) => ({ items: n }) },
  { entry: 'builtin:list', src: fn('list(x)'), args: (n) => [tuple(ints(n))], measures: (n) => ({ items: n }) },
  { entry: 'builtin:tuple', src: fn('tuple(x)'), args: (n) => [ints(n)], measures: (n) => ({ items: n }) },
  { entry: 'builtin:dict', src: fn('dict(x)'), args: (n) => [dictOf(n)], measures: (n) => ({ items: n }) },
  { entry: 'builtin:enumerate', src: fn('enumerate(x)'), args: (n) => [ints(n)], measures: (n) => ({ items: n }) },
  { entry: 'builtin:zip', src: fn('zip(x, x)'), args: (n) => [ints(n)], measures: (n) => ({ items: 2 * n }) },
  { entry: 'builtin:sorted', src: fn('sorted(x)'), args: (n) => [ints(n).map(() => 1)], measures: (n) => ({ items: n, comparisons: n - 1 }) },
  { entry: 'builtin:reversed', src: fn('reversed(x)'), args: (n) => [ints(n)], measures: (n) => ({ items: n }) },
  { entry: 'builtin:sum', src: fn('sum(x)'), args: (n) => [ints(n)], measures: (n) => ({ items: n }) },
  { entry: 'builtin:all', src: fn('all(x)'), args: (n) => [Array(n).fill(true)], measures: (n) => ({ items: n }) },
  { entry: 'builtin:any', src: fn('any(x)'), args: (n) => [Array(n).fill(false)], measures: (n) => ({ items: n }) },
  {
    entry: 'builtin:int.from_bytes',
    src: fn('int.from_bytes(x, "big")'),
    args: (n) => [bytesOf(n)],
    measures: (n) => ({ words: words(n), limbs: limbsOver(8 * n) }),
  },
  {
    entry: 'builtin:int.from_bytes',
    src: fn('int.from_bytes(x, "big")'),
    args: (n) => [ints(n)],
    measures: (n) => ({ items: n, words: words(n), limbs: limbsOver(8 * (n - 1)) }),
  },
  { entry: 'builtin:bytes.fromhex', src: fn('bytes.fromhex(x)'), args: (n) => ['ab'.repeat(n)], measures: (n) => ({ words: words(2 * n) }) },
  { entry: 'builtin:pow', src: fn('pow(3, x, 7)'), args: (n) => [(1n << BigInt(n)) - 1n], measures: (n) => ({ limb_steps: 2 * n }) },
  // builtins that run opcode handlers are charged by those opcodes' formulas
  { entry: 'builtin:abs', via: ['NEG'], src: fn('abs(x)'), args: (n) => [-big(n)], measures: (n) => ({ limbs: limbsOver(64 * n + 1) }), sizes: [10, 20] },
  {
    entry: 'builtin:sum',
    via: ['ADD'],
    src: fn('sum(x)'),
    args: (n) => [[big(n), big(n)]],
    measures: (n) => ({ limbs: limbsOver(64 * n + 1) + limbsOver(64 * n + 2) }),
    sizes: [10, 20],
  },
  {
    entry: 'builtin:divmod',
    via: ['FLOORDIV', 'MOD'],
    src: fn('divmod(x, 3)'),
    args: (n) => [big(n)],
    measures: (n) => ({ limbs: limbsOver(64 * n) }),
    sizes: [10, 20],
  },
  { entry: 'builtin:pow', via: ['POW'], src: fn('pow(x, 2)'), args: (n) => [big(n)], measures: (n) => ({ limbs: limbsOver(128 * n) }), sizes: [10, 20] },
  { entry: 'builtin:min', via: ['LT'], src: fn('min(x, y)', 'x, y'), args: (n) => [bytesOf(n), bytesOf(n)], measures: (n) => ({ words: words(n) }) },
  { entry: 'builtin:max', via: ['LT'], src: fn('max(x, y)', 'x, y'), args: (n) => [bytesOf(n), bytesOf(n)], measures: (n) => ({ words: words(n) }) },
  { entry: 'builtin:sorted', via: ['LT'], src: fn('sorted(x)'), args: (n) => [[bytesOf(n), bytesOf(n)]], measures: (n) => ({ words: words(n) }) },
  // methods
  { entry: 'method:to_bytes', src: fn('(1).to_bytes(x, "big")'), args: (n) => [n], measures: (n) => ({ words: words(n) }) },
  { entry: 'method:hex', src: fn('x.hex()'), args: (n) => [bytesOf(n)], measures: (n) => ({ words: words(2 * n) }) },
  { entry: 'method:startswith', src: fn('x.startswith(b"b")'), args: (n) => [bytesOf(n)], measures: (n) => ({ words: words(n) }) },
  { entry: 'method:endswith', src: fn('x.endswith("b")'), args: (n) => ['a'.repeat(n)], measures: (n) => ({ words: words(n) }) },
  // a tuple of candidates: the receiver pays for one comparison, each further candidate its own words
  {
    entry: 'method:startswith',
    src: fn('x.startswith(t)', 'x, t'),
    args: (n) => ['a'.repeat(n), tuple(['a'.repeat(n - 1) + 'z', 'a'.repeat(n - 1) + 'y', 'a'.repeat(n)])],
    measures: (n) => ({ words: 3 * words(n) }),
  },
  {
    entry: 'method:endswith',
    src: fn('x.endswith(t)', 'x, t'),
    args: (n) => [bytesOf(n), tuple([new Uint8Array(n).fill(122), bytesOf(n)])],
    measures: (n) => ({ words: 2 * words(n) }),
  },
  { entry: 'method:find', src: fn('x.find(b"b")'), args: (n) => [bytesOf(n)], measures: (n) => ({ words: words(n) }) },
  { entry: 'method:strip', src: fn('x.strip()'), args: (n) => ['a'.repeat(n)], measures: (n) => ({ words: words(n) }) },
  { entry: 'method:join', src: fn('",".join(x)'), args: (n) => [Array(n).fill('a')], measures: (n) => ({ words: words(2 * n - 1), items: n }) },
  { entry: 'method:rjust', src: fn('"a".rjust(x)'), args: (n) => [n], measures: (n) => ({ words: words(n) }) },
  { entry: 'method:ljust', src: fn('"a".ljust(x)'), args: (n) => [n], measures: (n) => ({ words: words(n) }) },
  { entry: 'method:decode', src: fn('x.decode()'), args: (n) => [bytesOf(n)], measures: (n) => ({ words: words(n) }) },
  { entry: 'method:encode', src: fn('x.encode()'), args: (n) => ['a'.repeat(n)], measures: (n) => ({ words: words(3 * n) }) },
  { entry: 'method:pop', src: fn('x.pop(0)'), args: (n) => [ints(n)], measures: (n) => ({ items: n - 1 }) },
  { entry: 'method:insert', src: stmt('x.insert(0, 1)'), args: (n) => [ints(n)], measures: (n) => ({ items: n }) },
  { entry: 'method:index', src: fn('x.index(-1)'), args: (n) => [[...ints(n), -1]], measures: (n) => ({ items: n + 1 }) },
  { entry: 'method:index', src: fn('x.index(b"b")'), args: (n) => [new Uint8Array([...bytesOf(n), 98])], measures: (n) => ({ words: words(n + 1) }) },
  { entry: 'method:extend', src: stmt('x.extend(y)', 'x, y'), args: (n) => [[], ints(n)], measures: (n) => ({ items: n }) },
  // dict keys (key_units: words), str positions (scan_words), conversions
  ...(['IN:in', 'NOT_IN:not in'] as const).map((s) => {
    const [op, sym] = s.split(':');
    return { entry: `op:${op}`, src: fn(`x ${sym} y`, 'x, y'), args: (n: number) => [bytesOf(n), keyed(bytesOf(1))], measures: keyUnits, sizes: KEY_SIZES };
  }),
  ...(['EQ:==', 'NE:!='] as const).map((s) => {
    const [op, sym] = s.split(':');
    return {
      entry: `op:${op}`,
      src: fn(`x ${sym} y`, 'x, y'),
      args: (n: number) => [keyed(bytesOf(n)), keyed(bytesOf(n))],
      measures: keyUnits,
      sizes: KEY_SIZES,
    };
  }),
  { entry: 'op:SUBSCR', src: fn('y[x]', 'x, y'), args: (n) => [bytesOf(n), keyed(bytesOf(n))], measures: keyUnits, sizes: KEY_SIZES },
  { entry: 'op:SUBSCR', src: fn('x[0]'), args: (n) => ['a'.repeat(n)], measures: scanWords, sizes: KEY_SIZES },
  // an int key outside the small range [-2^30, 2^30) is one unit (size 1: a small key; 2: 2^40)
  {
    entry: 'op:SUBSCR',
    src: fn('y[x]', 'x, y'),
    args: (n) => [n === 1 ? 5 : 2 ** 40, keyed(n === 1 ? 5 : 2 ** 40)],
    measures: (n) => ({ key_units: n === 1 ? 0 : 1 }),
    sizes: [1, 2],
  },
  { entry: 'op:STORE_SUBSCR', src: stmt('y[x] = 1', 'x, y'), args: (n) => [bytesOf(n), keyed(bytesOf(1))], measures: keyUnits, sizes: KEY_SIZES },
  { entry: 'op:DEL_SUBSCR', src: stmt('del y[x]', 'x, y'), args: (n) => [bytesOf(n), keyed(bytesOf(n))], measures: keyUnits, sizes: KEY_SIZES },
  { entry: 'op:DEL_SUBSCR', src: stmt('del x[0]'), args: (n) => [ints(n)], measures: (n) => ({ items: n - 1 }) },
  { entry: 'op:SLICE', src: fn('x[0:1]'), args: (n) => ['a'.repeat(n)], measures: scanWords, sizes: KEY_SIZES },
  { entry: 'op:BUILD_DICT', src: fn('{x: 1}'), args: (n) => [bytesOf(n)], measures: keyUnits, sizes: KEY_SIZES },
  { entry: 'builtin:len', src: fn('len(x)'), args: (n) => ['a'.repeat(n)], measures: scanWords, sizes: KEY_SIZES },
  { entry: 'builtin:dict', src: fn('dict(x)'), args: (n) => [keyed(bytesOf(n))], measures: keyUnits, sizes: KEY_SIZES },
  { entry: 'method:to_bytes', src: fn('x.to_bytes(2000, "big")'), args: (n) => [big(n)], measures: (n) => ({ limbs: limbsOver(64 * n) }), sizes: [10, 20] },
  { entry: 'method:pop', src: fn('y.pop(x)', 'x, y'), args: (n) => [bytesOf(n), keyed(bytesOf(n))], measures: keyUnits, sizes: KEY_SIZES },
  { entry: 'method:get', src: fn('y.get(x)', 'x, y'), args: (n) => [bytesOf(n), keyed(bytesOf(1))], measures: keyUnits, sizes: KEY_SIZES },
  // a missing key is looked up, then stored: two uses
  {
    entry: 'method:setdefault',
    src: fn('y.setdefault(x, 1)', 'x, y'),
    args: (n) => [bytesOf(n), keyed(bytesOf(1))],
    measures: (n) => ({ key_units: 2 * keyUnits(n).key_units }),
    sizes: KEY_SIZES,
  },
  // text renderings and % formatting (words of format and output as it grows)
  { entry: 'op:MOD', src: fn('x % ()'), args: (n) => ['a'.repeat(32 * n)], measures: (n) => ({ words: 2 * n }) },
  { entry: 'op:INPLACE_MUL', src: stmt('x *= 3'), args: (n) => [ints(n)], measures: (n) => ({ items: 3 * n }) },
  { entry: 'op:INPLACE_MUL', src: stmt('x *= 3'), args: (n) => ['a'.repeat(n)], measures: (n) => ({ words: words(3 * n) }) },
  { entry: 'op:INPLACE_MUL', src: stmt('x *= x'), args: (n) => [big(n)], measures: (n) => ({ limbs: limbsOver(128 * n) }), sizes: [10, 20] },
  { entry: 'builtin:repr', src: fn('repr(x)'), args: (n) => ['a'.repeat(32 * n - 2)], measures: (n) => ({ words: n }) },
  // str() of bytes renders its repr: b'...' (3 more chars than the bytes)
  { entry: 'builtin:str', src: fn('str(x)'), args: (n) => [bytesOf(32 * n - 3)], measures: (n) => ({ words: n }) },
  { entry: 'builtin:format', src: fn('format(1, x)'), args: (n) => [`>${32 * n}`], measures: (n) => ({ words: n + words(String(32 * n).length + 1) }) },
  // a big int rendered in decimal (repr, an f-string field, %d): quadratic convert_steps as
  // str() counts them, w * max(1, w - 3) for w words of hex digits; in binary, linear
  ...(
    [
      ['builtin:repr', 'repr([x])', (n: number) => words(16 * n) + words(decLen(n) + 2)],
      ['builtin:format', 'format(x, "")', (n: number) => words(16 * n)],
      ['builtin:format', 'format(x, "d")', (n: number) => words(decLen(n))],
      ['op:MOD', '"%d" % x', (n: number) => 1 + words(32 * n) + words(decLen(n))],
      ['method:format', '"{}".format(x)', (n: number) => 1 + words(16 * n) + words(decLen(n))],
    ] as const
  ).map(([entry, e, w]) => ({
    entry,
    src: fn(e),
    args: (n: number) => [big(n)],
    measures: (n: number) => ({ words: w(n), convert_steps: words(16 * n) * Math.max(1, words(16 * n) - 3) }),
    sizes: [10, 20] as [number, number],
  })),
  {
    entry: 'builtin:format',
    src: fn('format(x, "b")'),
    args: (n) => [big(n)],
    measures: (n) => ({ words: words(64 * n), convert_steps: words(16 * n) }),
    sizes: [10, 20],
  },
  // str/bytes methods
  { entry: 'method:split', src: fn('x.split(",")'), args: (n) => ['a'.repeat(32 * n)], measures: (n) => ({ words: 2 * n }) },
  { entry: 'method:rsplit', src: fn('x.rsplit()'), args: (n) => ['a'.repeat(32 * n)], measures: (n) => ({ words: 2 * n }) },
  // parts made: one more than the separators found
  { entry: 'method:split', src: fn('x.split(",")'), args: (n) => [','.repeat(n)], measures: (n) => ({ words: 2 * words(n), items: n + 1 }) },
  { entry: 'method:rsplit', src: fn('x.rsplit(b",")'), args: (n) => [new Uint8Array(n).fill(44)], measures: (n) => ({ words: 2 * words(n), items: n + 1 }) },
  { entry: 'method:split', src: fn('x.split()'), args: (n) => ['a '.repeat(n)], measures: (n) => ({ words: 2 * words(2 * n), items: n }) },
  { entry: 'method:replace', src: fn('x.replace("a", "bb")'), args: (n) => ['a'.repeat(32 * n)], measures: (n) => ({ words: 3 * n, items: 32 * n }) },
  ...(['capitalize', 'title', 'swapcase', 'casefold'] as const).map((name) => ({
    entry: `method:${name}`,
    src: fn(`x.${name}()`),
    args: (n: number) => ['A'.repeat(32 * n)],
    measures: (n: number) => ({ words: 3 * n }),
  })),
  { entry: 'method:istitle', src: fn('x.istitle()'), args: (n) => [' '.repeat(32 * n)], measures: (n) => ({ words: n }) },
  { entry: 'method:splitlines', src: fn('x.splitlines()'), args: (n) => ['\n'.repeat(n)], measures: (n) => ({ words: words(n), items: n }) },
  { entry: 'method:format', src: fn('"{}".format(x)'), args: (n) => ['a'.repeat(n)], measures: (n) => ({ words: words(n) }), sizes: KEY_SIZES },
  // items: a piece per field and a lookup per .real: 2 per field; words: the format string's
  // (8 chars a field) and each one-char piece's
  {
    entry: 'method:format',
    src: fn('x.format(7)'),
    args: (n) => ['{0.real}'.repeat(n)],
    measures: (n) => ({ words: words(8 * n) + n, items: 2 * n }),
    sizes: [10, 40],
  },
  { entry: 'method:lower', src: fn('x.lower()'), args: (n) => ['A'.repeat(32 * n)], measures: (n) => ({ words: 3 * n }) },
  { entry: 'method:upper', src: fn('x.upper()'), args: (n) => [bytesOf(32 * n)], measures: (n) => ({ words: n }) },
  { entry: 'method:count', src: fn('x.count("a")'), args: (n) => ['a'.repeat(32 * n)], measures: (n) => ({ words: n }) },
  { entry: 'method:count', src: fn('x.count(1)'), args: (n) => [ints(n)], measures: (n) => ({ items: n }) },
  { entry: 'method:partition', src: fn('x.partition(",")'), args: (n) => ['a'.repeat(32 * n)], measures: (n) => ({ words: 2 * n }) },
  { entry: 'method:rpartition', src: fn('x.rpartition(b",")'), args: (n) => [bytesOf(32 * n)], measures: (n) => ({ words: 2 * n }) },
  ...(['lstrip', 'rstrip', 'isdigit', 'isdecimal', 'isnumeric', 'isalpha', 'isalnum', 'isspace', 'islower', 'isupper', 'isascii'] as const).map((m) => ({
    entry: `method:${m}`,
    src: fn(`x.${m}()`),
    args: (n: number) => ['a'.repeat(32 * n)] as Value[],
    measures: (n: number) => ({ words: n }),
  })),
  { entry: 'method:rfind', src: fn('x.rfind("b")'), args: (n) => ['a'.repeat(32 * n)], measures: (n) => ({ words: n }) },
  { entry: 'method:rindex', src: fn('x.rindex("a")'), args: (n) => ['a'.repeat(32 * n)], measures: (n) => ({ words: n }) },
  { entry: 'method:removeprefix', src: fn('x.removeprefix("b")'), args: (n) => ['a'.repeat(32 * n)], measures: (n) => ({ words: n }) },
  { entry: 'method:removesuffix', src: fn('x.removesuffix("b")'), args: (n) => ['a'.repeat(32 * n)], measures: (n) => ({ words: n }) },
  { entry: 'method:zfill', src: fn('"1".zfill(x)'), args: (n) => [32 * n], measures: (n) => ({ words: n }) },
  { entry: 'method:center', src: fn('"1".center(x)'), args: (n) => [32 * n], measures: (n) => ({ words: n }) },
  // list/dict methods
  { entry: 'method:sort', src: stmt('x.sort(reverse=True)'), args: (n) => [ints(n).map(() => 1)], measures: (n) => ({ items: n, comparisons: n - 1 }) },
  { entry: 'method:reverse', src: stmt('x.reverse()'), args: (n) => [ints(n)], measures: (n) => ({ items: n }) },
  { entry: 'method:remove', src: stmt('x.remove(6)'), args: (n) => [ints(n)], measures: (n) => ({ items: n }) },
  { entry: 'method:copy', src: fn('x.copy()'), args: (n) => [ints(n)], measures: (n) => ({ items: n }) },
  { entry: 'method:copy', src: fn('x.copy()'), args: (n) => [dictOf(n)], measures: (n) => ({ entries: n }) },
  { entry: 'method:clear', src: stmt('x.clear()'), args: (n) => [ints(n)], measures: (n) => ({ items: n }) },
  { entry: 'method:update', src: stmt('x.update(y)', 'x, y'), args: (n) => [dictOf(1), dictOf(n)], measures: (n) => ({ items: n }) },
  { entry: 'method:update', src: stmt('x.update(y)', 'x, y'), args: (n) => [dictOf(1), keyed(bytesOf(n))], measures: keyUnits, sizes: KEY_SIZES },
  { entry: 'method:update', src: stmt('x.update([(y, 1)])', 'x, y'), args: (n) => [dictOf(1), bytesOf(n)], measures: keyUnits, sizes: KEY_SIZES },
  { entry: 'method:popitem', src: fn('x.popitem()'), args: (n) => [dictOf(n)], measures: (n) => ({ items: n }) },
  // each dict entry removed pays for the hole it leaves (n removals from a dict of 1000)
  {
    entry: 'method:popitem',
    src: (n) => `def _p(x):\n${'    x.popitem()\n'.repeat(n)}    return 0\n`,
    args: () => [dictOf(1000)],
    measures: (n) => ({ items: (n * (2001 - n)) / 2, removals: n }),
    calls: (n) => n,
  },
  {
    entry: 'op:DEL_SUBSCR',
    src: (n) => `def _p(x):\n${Array.from({ length: n }, (_, i) => `    del x[${i}]\n`).join('')}    return 0\n`,
    args: () => [dictOf(1000)],
    measures: (n) => ({ removals: n }),
  },
  {
    entry: 'method:pop',
    src: (n) => `def _p(x):\n${Array.from({ length: n }, (_, i) => `    x.pop(${i})\n`).join('')}    return 0\n`,
    args: () => [dictOf(1000)],
    measures: (n) => ({ removals: n }),
    calls: (n) => n,
  },
  // dict ==: an item and a look-up per entry; keys/items views alike
  ...(['EQ:==', 'NE:!='] as const).flatMap((s) => {
    const [op, sym] = s.split(':');
    return [
      { entry: `op:${op}`, src: fn(`x ${sym} y`, 'x, y'), args: (n: number) => [dictOf(n), dictOf(n)], measures: (n: number) => ({ items: n, lookups: n }) },
      {
        entry: `op:${op}`,
        src: fn(`x.keys() ${sym} y.keys()`, 'x, y'),
        args: (n: number) => [dictOf(n), dictOf(n)],
        measures: (n: number) => ({ items: n, lookups: n }),
      },
      {
        entry: `op:${op}`,
        src: fn(`x.items() ${sym} y.items()`, 'x, y'),
        args: (n: number) => [dictOf(n), dictOf(n)],
        measures: (n: number) => ({ items: n, lookups: n }),
      },
    ];
  }),
];

/** The modules a probe runs on: the real table, or one with other prices. */
async function loadVm() {
  const [{ compileSource }, { loadModule }, { Machine }, { run }, { STD_IMPLS }, table] = await Promise.all([
    import('../compiler/index.js'),
    import('../core/load.js'),
    import('../core/machine.js'),
    import('../core/interpreter.js'),
    import('../stdlib/index.js'),
    import('../spec/table.js'),
  ]);
  const values = await import('../core/values.js');
  const entryOf = (key: string): { measures: readonly Measure[]; dynamic: Prices } => {
    const [kind, name] = key.split(/:(.*)/s);
    const list = kind === 'op' ? table.OPCODES : kind === 'builtin' ? table.BUILTINS : table.METHODS;
    const e = list.find((x) => x.name === name);
    if (!e) throw new Error(`no table entry ${key}`);
    return e;
  };
  /** Gas a call uses beyond the base costs of the instructions it executes (traced). */
  const dynamicGas = (src: string, args: Value[]): number => {
    const mod = loadModule(compileSource(src, { file: 'probe.py' }).module);
    const gas = 100_000_000;
    const m = new Machine(mod, table.DEFAULT_LIMITS, gas, STD_IMPLS, {} as Host);
    let bases = 0;
    m.tracer = (_f, _pc, _op, cost) => {
      bases += cost;
    };
    run(
      m,
      mod.funcs.findIndex((f) => f.name === '_p'),
      args,
    );
    return gas - m.gas - bases;
  };
  return { table, values, entryOf, dynamicGas };
}
type Vm = Awaited<ReturnType<typeof loadVm>>;

/**
 * The generated table with every entry's every price made distinct (and not 1), so that a
 * handler charging another entry's price, or a constant, is caught.
 */
async function perturbedVm(): Promise<Vm> {
  vi.resetModules();
  vi.doMock('../spec/gas_table.generated.js', async (importOriginal) => {
    const orig = (await importOriginal()) as { GAS_TABLE: Record<string, unknown> };
    const t = structuredClone(orig.GAS_TABLE) as {
      opcodes: { dynamic: Record<string, number> }[];
      builtins: { dynamic: Record<string, number> }[];
      methods: { dynamic: Record<string, number> }[];
    };
    let next = 2;
    for (const list of [t.opcodes, t.builtins, t.methods]) for (const e of list) for (const k of Object.keys(e.dynamic)) e.dynamic[k] = next++;
    // priced_as opcodes share their target's formula, as the generator resolves them
    const byName = new Map((t.opcodes as unknown as { name: string; pricedAs: string | null; dynamic: Record<string, number> }[]).map((o) => [o.name, o]));
    for (const o of byName.values()) if (o.pricedAs) o.dynamic = { ...byName.get(o.pricedAs)!.dynamic };
    return { ...orig, GAS_TABLE: t };
  });
  const vm = await loadVm();
  vi.doUnmock('../spec/gas_table.generated.js');
  vi.resetModules();
  return vm;
}

function checkProbe(vm: Vm, p: Probe): void {
  const [a, b] = p.sizes ?? [40, 200];
  const owner = vm.entryOf(p.entry) as { runs?: readonly string[] };
  for (const v of p.via ?? []) expect(owner.runs, `${p.entry} runs ${v}`).toContain(v);
  const pricers = p.via ? p.via.map((v) => vm.entryOf(`op:${v}`)) : [vm.entryOf(p.entry), ...(p.also ?? []).map((e) => vm.entryOf(e))];
  V = vm.values;
  const src = (n: number) => (typeof p.src === 'string' ? p.src : p.src(n));
  const ma = p.measures(a);
  const mb = p.measures(b);
  // every measure the probe moves is one the entry's formula names
  let expected = 0;
  for (const e of pricers) {
    for (const k of Object.keys(mb) as Measure[]) expect(e.measures, `${p.entry} counts ${k}`).toContain(k);
    expected += (Object.keys(mb) as Measure[]).reduce((t, k) => t + e.dynamic[k] * ((mb[k] ?? 0) - (ma[k] ?? 0)), 0);
  }
  expect(expected, 'the probe must move gas').not.toBe(0);
  if (p.calls) expected += (vm.entryOf(p.entry) as unknown as { base: number }).base * (p.calls(b) - p.calls(a));
  const ga = vm.dynamicGas(src(a), p.args?.(a) ?? []);
  const gb = vm.dynamicGas(src(b), p.args?.(b) ?? []);
  expect(gb - ga, `${p.entry}: gas moved by`).toBe(expected);
}

describe('dynamic costs come from the table', async () => {
  const real = await loadVm();
  const other = await perturbedVm();

  test('every measure of every dynamic opcode, builtin and method has a probe that grows it', () => {
    const missing: string[] = [];
    const entries = [
      ...real.table.OPCODES.map((o) => ['op', o] as const),
      ...real.table.BUILTINS.map((b) => ['builtin', b] as const),
      ...real.table.METHODS.map((b) => ['method', b] as const),
    ];
    for (const [kind, e] of entries) {
      for (const k of e.measures) {
        const grows = PROBES.some((p) => {
          if (p.entry !== `${kind}:${e.name}`) return false;
          const [a, b] = p.sizes ?? [40, 200];
          return (p.measures(b)[k] ?? 0) !== (p.measures(a)[k] ?? 0);
        });
        if (!grows) missing.push(`${kind}:${e.name} ${k}`);
      }
    }
    expect(missing).toEqual([]);
  });

  test('every opcode a builtin runs has a probe that charges through it', () => {
    const missing = real.table.BUILTINS.flatMap((b) =>
      b.runs.filter((r) => !PROBES.some((p) => p.entry === `builtin:${b.name}` && p.via?.includes(r))).map((r) => `${b.name} runs ${r}`),
    );
    expect(missing).toEqual([]);
  });

  test('the perturbed table really has other prices', () => {
    expect(other.entryOf('op:SLICE').dynamic.words).not.toBe(real.entryOf('op:SLICE').dynamic.words);
    expect(other.entryOf('op:NE').dynamic).toEqual(other.entryOf('op:EQ').dynamic);
  });

  for (const p of PROBES) {
    const [a, b] = p.sizes ?? [40, 200];
    const what = Object.keys(p.measures(b)).join('+');
    test(`${p.entry} ${what} (sizes ${a}, ${b})`, () => {
      checkProbe(real, p);
      checkProbe(other, p);
    });
  }
});
