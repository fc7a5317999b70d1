// Random well-typed expression programs for differential fuzzing against CPython. Each
// program is one function of five parameters (a, b: int; bs: bytes; s: str; xs: list of
// int) returning one expression; every operator, builtin and method of the subset appears.
// Errors (ZeroDivisionError, IndexError, OverflowError from to_bytes, ...) are fine: both
// sides must then fail with the same kind.
import fc from 'fast-check';

type Arb = fc.Arbitrary<string>;

const smallInt = fc.integer({ min: -20, max: 20 }).map(String);
const anyIntLit = fc.oneof(
  smallInt,
  fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }).map((x) => x.toString()),
  fc.constantFrom('0', '1', '-1', '255', '256', '9007199254740991', '9007199254740993', '-9007199254740992', '0x1F', '0b101', '1_000'),
);
const k = fc.integer({ min: 0, max: 5 }).map(String);
const shift = fc.integer({ min: 0, max: 70 }).map(String);
const bytesLit = fc.uint8Array({ maxLength: 6 }).map((b) => 'b"' + Array.from(b, (x) => '\\x' + x.toString(16).padStart(2, '0')).join('') + '"');
const strLit = fc.constantFrom(
  '""',
  '"a"',
  '"abc"',
  '"héllo"',
  '"😀x"',
  '" pad "',
  '"0"',
  '"-12"',
  '"ff"',
  '"A,B"',
  '"ΣΑΣ ΟΔΟΣ"',
  '"Straße"',
  '"١٢٣"',
  '" \\t x\\u3000y "',
  '"İi"',
  '"a b,c"',
);
// f-string and format() specs for ints: every part of the grammar contracts have
const intSpec = fc.constantFrom('d', 'x', 'X', 'o', 'b', '05d', '>6', '<4', '^7', '+d', ' d', ',', '_', '_x', '#x', '#010b', '*^9,', '0=8');
const strSpec = fc.constantFrom('>8', '<5', '^9', '.2', '*^7', 's', '-<6');
const isMethod = fc.constantFrom('isdigit', 'isdecimal', 'isnumeric', 'isalpha', 'isalnum', 'isspace', 'islower', 'isupper', 'isascii');

export function exprArbitraries(maxDepth: number) {
  return fc.letrec<{ int: string; bool: string; bytes: string; str: string; list: string }>((tie) => {
    const I = tie('int') as Arb;
    const B = tie('bool') as Arb;
    const Y = tie('bytes') as Arb;
    const S = tie('str') as Arb;
    const L = tie('list') as Arb;
    const t = <T extends unknown[]>(arbs: { [K in keyof T]: fc.Arbitrary<T[K]> }, f: (...xs: T) => string): Arb =>
      (fc.tuple(...(arbs as fc.Arbitrary<unknown>[])) as unknown as fc.Arbitrary<T>).map((xs) => f(...xs));
    return {
      int: fc.oneof(
        { depthSize: 'small', maxDepth, withCrossShrink: true },
        anyIntLit,
        fc.constantFrom('a', 'b', 'len(xs)', 'len(bs)', 'len(s)'),
        t([I, fc.constantFrom('+', '-', '*', '//', '%', '&', '|', '^'), I], (x, op, y) => `(${x} ${op} ${y})`),
        t([I, shift], (x, n) => `(${x} << ${n})`),
        t([I, shift], (x, n) => `(${x} >> ${n})`),
        t([I, k], (x, n) => `(${x} ** ${n})`),
        t([fc.constantFrom('-', '~', '+'), I], (op, x) => `(${op}${x})`),
        t([I], (x) => `abs(${x})`),
        t([I, I], (x, y) => `min(${x}, ${y})`),
        t([I, I, I], (x, y, z) => `max(${x}, ${y}, ${z})`),
        t([I, B, I], (x, c, y) => `(${x} if ${c} else ${y})`),
        t([I, I], (x, y) => `(${x} or ${y})`),
        t([I, I], (x, y) => `(${x} and ${y})`),
        t([B], (c) => `int(${c})`),
        t([B, I], (c, x) => `(${c} + ${x})`),
        t([L], (l) => `sum(${l})`),
        t([Y, I], (y, i) => `${y}[${i}]`),
        t([L, I], (l, i) => `${l}[${i}]`),
        t([I, I], (x, y) => `divmod(${x}, ${y})[0]`),
        t([I, I], (x, y) => `divmod(${x}, ${y})[1]`),
        t([I, k, I], (x, e, m) => `pow(${x}, ${e}, ${m})`),
        t([Y, fc.constantFrom("'big'", "'little'"), fc.boolean()], (y, o, sg) => `int.from_bytes(${y}, ${o}${sg ? ', signed=True' : ''})`),
        t([I], (x) => `(${x}).bit_length()`),
        t([S], (x) => `int(${x})`),
        t([S, fc.constantFrom('16', '0', '8', '36')], (x, base) => `int(${x}, ${base})`),
        t([S], (x) => `ord(${x}[0])`),
        t([S, S], (x, y) => `${x}.find(${y})`),
        t([Y, Y], (x, y) => `${x}.find(${y})`),
        t([L, I], (l, x) => `${l}.index(${x})`),
        t([L], (l) => `len(${l})`),
        t([L], (l) => `max(${l})`),
        t([L, I], (l, i) => `sum(v for v in ${l} if v > ${i})`),
        t([L, I], (l, i) => `max(${l}, key=lambda v: (v % 5, -v), default=${i})`),
        t([L, I], (l, i) => `min((v * 2 for v in ${l}), default=${i})`),
        t([L, I], (l, x) => `${l}.count(${x})`),
        t([S, S], (x, y) => `${x}.count(${y})`),
        t([S, S], (x, y) => `${x}.rfind(${y})`),
        t([S], (x) => `len(${x}.split())`),
      ),
      bool: fc.oneof(
        { depthSize: 'small', maxDepth },
        fc.constantFrom('True', 'False'),
        t([I, fc.constantFrom('<', '<=', '>', '>=', '==', '!='), I], (x, op, y) => `(${x} ${op} ${y})`),
        t([I, I, I], (x, y, z) => `(${x} < ${y} <= ${z})`),
        t([B], (c) => `(not ${c})`),
        t([B, fc.constantFrom('and', 'or'), B], (x, op, y) => `(not ${x} ${op} ${y})`),
        t([I, I, fc.constantFrom('and', 'or'), B], (x, y, op, z) => `(not ${x} < ${y} ${op} ${z})`),
        t([B, fc.constantFrom('and', 'or'), B], (x, op, y) => `(${x} ${op} ${y})`),
        t([I, L], (x, l) => `(${x} in ${l})`),
        t([Y, Y], (x, y) => `(${x} in ${y})`),
        t([S, S], (x, y) => `(${x} not in ${y})`),
        t([Y, Y], (x, y) => `${x}.startswith(${y})`),
        t([S, S], (x, y) => `${x}.endswith(${y})`),
        t([Y, Y], (x, y) => `(${x} < ${y})`),
        t([S, S], (x, y) => `(${x} >= ${y})`),
        t([L, L], (x, y) => `(${x} < ${y})`),
        t([L], (l) => `all(${l})`),
        t([L], (l) => `any(${l})`),
        t([I], (x) => `bool(${x})`),
        t([I], (x) => `isinstance(${x}, int)`),
        t([Y], (x) => `isinstance(${x}, (str, bytes))`),
        t([L, I], (l, i) => `any(v > ${i} for v in ${l})`),
        t([L, I], (l, i) => `all(v != ${i} for v in ${l})`),
        t([S, isMethod], (x, m) => `${x}.${m}()`),
        t([Y], (x) => `isinstance(${x}, (bytes, bytearray, memoryview))`),
      ),
      bytes: fc.oneof(
        { depthSize: 'small', maxDepth },
        bytesLit,
        fc.constant('bs'),
        t([Y, Y], (x, y) => `(${x} + ${y})`),
        t([Y, k], (x, n) => `(${x} * ${n})`),
        t([Y, I, I], (x, i, j) => `${x}[${i}:${j}]`),
        t([Y, I], (x, i) => `${x}[${i}:]`),
        t([I, k, fc.constantFrom("'big'", "'little'")], (x, n, o) => `(${x}).to_bytes(${n}, ${o})`),
        t([I, k], (x, n) => `(${x}).to_bytes(${n}, 'big', signed=True)`),
        t([S], (x) => `${x}.encode()`),
        t([Y], (x) => `${x}.strip()`),
        t([Y, k], (x, n) => `${x}.rjust(${n}, b"0")`),
        t([Y, Y], (x, y) => `b"-".join([${x}, ${y}])`),
        t([L], (l) => `bytes([x % 256 for x in ${l}])`),
        t([k], (n) => `bytes(${n})`),
        t([Y], (x) => `bytes.fromhex(${x}.hex())`),
        t([B, Y, Y], (c, x, y) => `(${x} if ${c} else ${y})`),
      ),
      str: fc.oneof(
        { depthSize: 'small', maxDepth },
        strLit,
        fc.constant('s'),
        t([S, S], (x, y) => `(${x} + ${y})`),
        t([S, k], (x, n) => `(${x} * ${n})`),
        t([S, I, I], (x, i, j) => `${x}[${i}:${j}]`),
        t([I], (x) => `str(${x})`),
        t([I], (x) => `hex(${x})`),
        t([Y], (x) => `${x}.hex()`),
        t([S], (x) => `${x}.strip()`),
        t([S, k], (x, n) => `${x}.ljust(${n}, "*")`),
        t([S, S], (x, y) => `",".join([${x}, ${y}])`),
        t([B], (c) => `str(${c})`),
        // contract strings hold no surrogates (spec/LANGUAGE.md): chr() of one is refused
        t([fc.integer({ min: 32, max: 0x1f600 }).filter((c) => c < 0xd800 || c > 0xdfff)], (c) => `chr(${c})`),
        t([S], (x) => `${x}.upper()`),
        t([S], (x) => `${x}.lower()`),
        t([S, S, S], (x, y, z) => `${x}.replace(${y}, ${z})`),
        t([S, S], (x, y) => `"|".join(${x}.split(${y}))`),
        t([S], (x) => `"-".join(${x}.rsplit(None, 1))`),
        t([S, S], (x, y) => `${x}.partition(${y})[2]`),
        // Python 3.11 f-strings cannot nest their own quotes: nested expressions go through format()/repr()
        t([I, intSpec], (x, spec) => `format(${x}, "${spec}")`),
        t([S, I], (x, i) => `("<" + repr(${x}) + "|" + format(${i}) + ">")`),
        t([S, strSpec], (x, spec) => `format(${x}, "${spec}")`),
        t([intSpec, strSpec], (is, ss) => `f'{a:${is}}|{s:${ss}}|{b!r:>{len(xs) + 2}}|{s!r}{{}}'`),
        t([S, I], (x, i) => `"%s=%d" % (${x}, ${i})`),
        t([I], (x) => `"%05x|%-4d|%+d" % (${x}, ${x}, ${x})`),
        t([L], (l) => `str(${l})`),
        t([Y], (y) => `repr(${y})`),
        t([Y], (y) => `${y}.hex(":")`),
        t([S, k], (x, n) => `${x}.center(${n} * 3, "*")`),
        t([Y], (x) => `${x}.decode()`),
        t([S, I], (x, i) => `${x}[${i}]`),
      ),
      list: fc.oneof(
        { depthSize: 'small', maxDepth },
        fc.constant('xs'),
        fc.array(I, { maxLength: 3 }).map((xs) => `[${xs.join(', ')}]`),
        t([L, L], (x, y) => `(${x} + ${y})`),
        t([L], (l) => `sorted(${l})`),
        t([L], (l) => `sorted(${l}, reverse=True)`),
        t([L], (l) => `list(reversed(${l}))`),
        t([L, I, I], (l, i, j) => `${l}[${i}:${j}]`),
        t([L, k], (l, n) => `[x * ${n} for x in ${l} if x > ${n}]`),
        t([L, L], (x, y) => `[p + q for p, q in zip(${x}, ${y})]`),
        t([L], (l) => `[i * v for i, v in enumerate(${l})]`),
        t([Y], (y) => `list(${y})`),
        t([I, I], (x, y) => `list(range(max(min(${x}, 30), -30), min(${y}, 40)))`),
        t([L, k], (l, n) => `(${l} * ${n})`),
        t([L], (l) => `sorted(${l}, key=lambda v: v % 3)`),
        t([L], (l) => `sorted(${l}, key=lambda v: -v, reverse=True)`),
        t([L, I], (l, i) => `list(v - ${i} for v in ${l})`),
      ),
    };
  });
}

export const ARGS_ARB = fc
  .tuple(
    anyIntLit,
    anyIntLit,
    bytesLit,
    strLit,
    fc.array(smallInt, { maxLength: 4 }).map((xs) => `[${xs.join(', ')}]`),
  )
  .map((xs) => xs.join(', '));

const RET = ['int', 'bool', 'bytes', 'str', 'list'] as const;

/** A source file of `n` generated functions with three argument sets each, for the oracle. */
export function generateProgram(seed: number, n: number, maxDepth = 4): string {
  const arbs = exprArbitraries(maxDepth);
  const kinds = fc.sample(fc.constantFrom(...RET), { seed, numRuns: n });
  const out: string[] = ['"""generated by tests/helpers/exprgen.ts"""', ''];
  kinds.forEach((kind, i) => {
    const [e] = fc.sample(arbs[kind], { seed: seed + 7919 * (i + 1), numRuns: 1 });
    const args = fc.sample(ARGS_ARB, { seed: seed + 104729 * (i + 1), numRuns: 3 });
    out.push(`# args: ${args.join(' | ')}`);
    out.push(`def _g${i}(a, b, bs, s, xs):`);
    out.push(`    return ${e}`);
    out.push('');
  });
  return out.join('\n');
}
