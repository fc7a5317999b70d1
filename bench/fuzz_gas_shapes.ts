// The program shapes `npm run fuzz:gas` (bench/fuzz_gas.ts) searches over: typed operands
// built at a size n from a content kind chosen to hit the slow paths (ASCII, Latin-1, CJK,
// astral, whitespace, separators, digits; nested lists, tuples, big ints; dicts keyed by small
// ints, big ints, text, tuples), and one operation template from a catalogue that covers the
// subset's operators, builtins, methods and the priced stdlib calls. A genome is an op index
// plus, per operand, a content kind and a size exponent; mutation moves one of them.

export type OperandType = 'S' | 'B' | 'L' | 'D' | 'I' | 'T' | 'SS' | 'BS' | 'LS';

export interface Operand {
  type: OperandType;
  /** index into CONTENTS[type] */
  content: number;
  /** size exponent: n = 4 ** sizeExp (capped per type) */
  sizeExp: number;
}

export interface Genome {
  op: number;
  args: Operand[];
}

/** Builders per type: Python expressions of `n` (an int the program computes first). */
export const CONTENTS: Record<OperandType, string[]> = {
  S: [
    '"a" * n',
    '" " * n',
    '"\\u00e9" * n',
    '"\\u4e00" * n',
    '"\\U0001F600" * n',
    '"a " * n',
    '"," * n',
    '"1" * n',
    '"A" * n',
    '"a\\U0001F600" * n',
    '"ab" * n',
    '"\\u00c9 " * n',
    // control characters and quotes: repr() escapes each
    '"\\x01\\n\\"" * n',
  ],
  B: ['b"a" * n', 'b" " * n', 'b"\\x00" * n', 'b"\\xff" * n', 'b"1" * n', 'b"a " * n', 'b"," * n', 'b"ab" * n'],
  L: [
    'list(range(n))',
    '[0] * n',
    '[[1, [2, 3]]] * n',
    '["ab"] * n',
    '[(i, i) for i in range(n)]',
    '[7 ** 100 + i for i in range(n)]',
    '[str(i) for i in range(n)]',
    '[(i * 7919) % (n + 1) for i in range(n)]',
    '[b"\\x01" * 32] * n',
    '[[i] for i in range(n)]',
  ],
  D: [
    '{i: i for i in range(n)}',
    '{str(i): i for i in range(n)}',
    '{i.to_bytes(32, "big"): i for i in range(n)}',
    '{(i, i): i for i in range(n)}',
    '{2 ** 40 + i: i for i in range(n)}',
    '{7 ** 100 + i: i for i in range(n)}',
    '{"k" * (i + 1): i for i in range(n)}',
  ],
  I: ['n + 3', '2 ** 40 + n', '7 ** (n + 20)', '-(7 ** (n + 20))', '3 ** (n // 2 + 50) + 1', '(1 << (n + 64)) - 1'],
  T: ['tuple(range(n))', 'tuple([(i, "a") for i in range(n)])', 'tuple(["x" * 40] * n)', 'tuple([7 ** 60] * n)'],
  // 16 distinct values used in turn (caches keyed by value see a new one each time)
  SS: [
    '["a" * n + chr(0x1F600 + j) for j in range(16)]',
    '["\\u00e9" * n + chr(65 + j) for j in range(16)]',
    '[" " * n + chr(65 + j) for j in range(16)]',
    '["a" * n + chr(65 + j) for j in range(16)]',
  ],
  BS: ['[b"a" * n + bytes([j]) for j in range(16)]', '[b"\\x01" * n + bytes([j]) for j in range(16)]'],
  LS: ['["ab"] * n', '[str(i) for i in range(n)]', '["\\U0001F600" * 3] * n', '["x" * 100] * n'],
};

/** Largest size per type (n = 4 ** sizeExp, capped): the caps and the memory bound stay clear. */
const CAP: Record<OperandType, number> = { S: 65536, B: 262144, L: 16384, D: 4096, I: 1400, T: 4096, SS: 8192, BS: 8192, LS: 16384 };

export function sizeOf(o: Operand): number {
  return Math.min(CAP[o.type], 4 ** o.sizeExp);
}

/** Operation templates: `$0`, `$1` are the operands; `$k0` a key of dict operand 0; `$j` the one of 16 in turn. */
export interface OpTemplate {
  code: string;
  args: OperandType[];
}

const T = (code: string, ...args: OperandType[]): OpTemplate => ({ code, args });

const TEXT_OPS = (X: 'S' | 'B'): OpTemplate[] => [
  T('len($0)', X),
  T('$0[len($0) // 2] if len($0) else 0', X),
  T('$0[1:-1]', X),
  T('$0[::-1]', X),
  T('$0 + $1', X, X),
  T('$0 * 3', X),
  T('$0 == $1', X, X),
  T('$0 < $1', X, X),
  T('$1 in $0', X, X),
  T('$0.find($1)', X, X),
  T('$0.rfind($1)', X, X),
  T('$0.count($1)', X, X),
  T('$0.split()', X),
  T('$0.split($1) if len($1) else 0', X, X),
  T('$0.rsplit()', X),
  T('$0.rsplit(None, 3)', X),
  T('$0.replace($1, $1) if len($1) else 0', X, X),
  T('$0.strip()', X),
  T('$0.lstrip()', X),
  T('$0.rstrip()', X),
  T('$0.strip($1)', X, X),
  T('$0.upper()', X),
  T('$0.lower()', X),
  T('$0.isdigit()', X),
  T('$0.isalpha()', X),
  T('$0.isalnum()', X),
  T('$0.isspace()', X),
  T('$0.islower()', X),
  T('$0.isupper()', X),
  T('$0.isascii()', X),
  T('$0.startswith($1)', X, X),
  T('$0.endswith($1)', X, X),
  T('$0.partition($1) if len($1) else 0', X, X),
  T('$0.rpartition($1) if len($1) else 0', X, X),
  T('$0.zfill(len($0) + 5)', X),
  T('$0.center(len($0) + 5)', X),
  T('$0.rjust(len($0) + 5)', X),
  T('$0.removeprefix($1)', X, X),
  T('$0.removesuffix($1)', X, X),
  T('list($0)', X),
  T('tuple($0)', X),
  T('sorted($0)', X),
  T('max($0) if len($0) else 0', X),
  T('len([c for c in $0])', X),
  T('{$0: 1}', X),
  T('repr($0)', X),
  T('str($0)', X),
  T('hash.sha3_256($0.encode() if isinstance($0, str) else $0)', X),
  T('abi.encode(("bytes",), [$0.encode() if isinstance($0, str) else $0])', X),
  T('($0 + $1)[len($0):]', X, X),
];

export const OPS: OpTemplate[] = [
  ...TEXT_OPS('S'),
  ...TEXT_OPS('B'),
  T('$0.encode()', 'S'),
  T('$0.isdecimal()', 'S'),
  T('$0.isnumeric()', 'S'),
  T('int($0) if $0.isdigit() else 0', 'S'),
  // int() of text in other bases and around whitespace, per code point class-tested
  T('int($0 + "7") if $0.isspace() else 0', 'S'),
  T('int("0x" + $0[:900], 0) if $0.isalnum() and $0.isascii() else 0', 'S'),
  T('$0.startswith(($1, $1, $1, $1, $1, $1, $1, $0))', 'S', 'S'),
  T('$0.replace("", "-")', 'S'),
  T('repr($0)', 'S'),
  T('$0.encode().decode("utf-8", "backslashreplace")', 'S'),
  T('bytes.fromhex($0) if $0.isalnum() else 0', 'S'),
  T('ord($0[-1]) if len($0) else 0', 'S'),
  T('f"{$0}!"', 'S'),
  T('$0 % ()', 'S'),
  T('$0.decode()', 'B'),
  T('$0.hex()', 'B'),
  T('int.from_bytes($0[:500], "big")', 'B'),
  T('int.from_bytes($0[:500], "little", signed=True)', 'B'),
  T('$0 + b"x"', 'B'),
  // cache-defeating: a different value each time
  T('len($0[_i % 16])', 'SS'),
  T('$0[_i % 16][-1]', 'SS'),
  T('$0[_i % 16][1:3]', 'SS'),
  T('$0[_i % 16].strip()', 'SS'),
  T('{$0[_i % 16]: 1}', 'SS'),
  T('$0[_i % 16] == $0[(_i + 1) % 16]', 'SS'),
  T('$0[_i % 16].find("b")', 'SS'),
  T('len($0[_i % 16])', 'BS'),
  T('{$0[_i % 16]: 1}', 'BS'),
  T('$0[_i % 16] + b"x"', 'BS'),
  T('hash.keccak256($0[_i % 16])', 'BS'),
  T('",".join($0)', 'LS'),
  T('"".join($0)', 'LS'),
  T('sorted($0)', 'LS'),
  T('$0.count($0[-1]) if len($0) else 0', 'LS'),
  T('{s: 1 for s in $0}', 'LS'),
  // lists
  T('len($0)', 'L'),
  T('$0[len($0) // 2] if len($0) else 0', 'L'),
  T('$0[1:-1]', 'L'),
  T('$0 + $1', 'L', 'L'),
  T('$0 * 2', 'L'),
  T('$0 == $1', 'L', 'L'),
  T('$0 < $1', 'L', 'L'),
  T('($0[-1] if len($0) else 0) in $1', 'L', 'L'),
  T('$0.index($0[-1]) if len($0) else 0', 'L'),
  T('$0.count($0[-1]) if len($0) else 0', 'L'),
  T('sorted($0)', 'L'),
  T('sorted($0, reverse=True)', 'L'),
  T('list($0)', 'L'),
  T('tuple($0)', 'L'),
  T('max($0) if len($0) else 0', 'L'),
  T('min($0) if len($0) else 0', 'L'),
  T('any($0)', 'L'),
  T('all($0)', 'L'),
  T('list(enumerate($0))', 'L'),
  T('list(zip($0, $1))', 'L', 'L'),
  T('list(reversed($0))', 'L'),
  T('$0.copy()', 'L'),
  T('[v for v in $0]', 'L'),
  T('str($0)', 'L'),
  T('repr($0)', 'L'),
  T('{v: 1 for v in $0}', 'L'),
  T('dict(enumerate($0))', 'L'),
  T('$0.remove($0[-1]) if len($0) else 0', 'L'),
  T('$0.insert(0, 1)', 'L'),
  T('$0.pop(0) if len($0) else 0', 'L'),
  T('$0.reverse()', 'L'),
  T('$0.sort()', 'L'),
  T('sum($0) if isinstance($0[0] if len($0) else 0, int) else 0', 'L'),
  T('abi.encode(("int[]",), [$0]) if isinstance($0[0] if len($0) else 0, int) else 0', 'L'),
  T('[x for x in $0 if x == $0[0]]', 'L'),
  // the ABI codec over many small values (each decoded value is an allocation)
  T('abi.decode(("bytes[]",), abi.encode(("bytes[]",), [[b"x"] * len($0)]))', 'L'),
  T('sorted($0, key=lambda v: [v])', 'L'),
  // dicts ($k0: a key of operand 0)
  T('len($0)', 'D'),
  T('$0[$k0]', 'D'),
  T('$k0 in $0', 'D'),
  T('$0.get($k0)', 'D'),
  T('$0.setdefault($k0, 1)', 'D'),
  T('$0.keys()', 'D'),
  T('$0.values()', 'D'),
  T('$0.items()', 'D'),
  T('$0.copy()', 'D'),
  T('$0.keys() == $1.keys()', 'D', 'D'),
  T('dict($0)', 'D'),
  T('$0 == $1', 'D', 'D'),
  T('list($0)', 'D'),
  T('sorted($0)', 'D'),
  T('[k for k in $0]', 'D'),
  T('str($0)', 'D'),
  T('$0.update($1)', 'D', 'D'),
  T('$0.pop($k0, 0)', 'D'),
  T('$0.popitem() if len($0) else 0', 'D'),
  T('{**$0}', 'D'),
  // ints
  T('str($0)', 'I'),
  T('hex($0)', 'I'),
  T('repr($0)', 'I'),
  T('f"{$0:x}"', 'I'),
  T('f"{$0:,}"', 'I'),
  // shapes the adversarial contracts found past 10x (decimal/binary rendering of big ints)
  T('"%d" % $0', 'I'),
  T('f"{$0:#b}"', 'I'),
  T('format($0, "_o")', 'I'),
  T('$0 * $1', 'I', 'I'),
  T('$0 // $1', 'I', 'I'),
  T('$0 % $1', 'I', 'I'),
  T('$0 + $1', 'I', 'I'),
  T('$0 ** 2', 'I'),
  T('pow($0, $1, $1) if $1 > 0 else 0', 'I', 'I'),
  T('$0 << 100', 'I'),
  T('$0 >> 3', 'I'),
  T('$0 & $1', 'I', 'I'),
  T('$0 ^ $1', 'I', 'I'),
  T('$0.to_bytes(520, "big", signed=True)', 'I'),
  T('$0.to_bytes(32, "little") if 0 <= $0 < 2 ** 256 else 0', 'I'),
  T('abs($0)', 'I'),
  T('$0 == $1', 'I', 'I'),
  T('$0 < $1', 'I', 'I'),
  T('divmod($0, $1)', 'I', 'I'),
  T('{$0: 1}', 'I'),
  T('$0.bit_length()', 'I'),
  T('int(str($0))', 'I'),
  T('min($0, $1)', 'I', 'I'),
  // tuples
  T('{$0: 1}', 'T'),
  T('$0 == $1', 'T', 'T'),
  T('$0 < $1', 'T', 'T'),
  T('list($0)', 'T'),
  T('$0 + $1', 'T', 'T'),
  T('$0[1:-1]', 'T'),
  T('$0.index($0[-1]) if len($0) else 0', 'T'),
  T('$0 in [$1, $0]', 'T', 'T'),
  T('repr($0)', 'T'),
];

/** Python source of the program: `run(k, r)` builds the operands, then evaluates the op r times. */
/** The arithmetic baseline every candidate program carries, so ns/gas is compared in one run. */
export const BASELINE_FN = ['def baseline(k: int, r: int) -> int:', '    s = 0', '    for i in range(r):', '        s = s + i * 3 % 7', '    return s', '', ''];

export function genomeSource(g: Genome): { src: string; what: string } {
  const op = OPS[g.op % OPS.length];
  const setup: string[] = [];
  let code = op.code;
  op.args.forEach((_t, i) => {
    const o = g.args[i];
    const n = sizeOf(o);
    const build = CONTENTS[o.type][o.content % CONTENTS[o.type].length];
    setup.push(`n = ${n}`, `v${i} = ${build}`);
    if (o.type === 'D') setup.push(`k${i} = list(v${i})[-1] if len(v${i}) else 0`);
  });
  // operands in descending index order: $1 before $10 would matter only past 9 operands
  for (let i = op.args.length - 1; i >= 0; i--) code = code.replaceAll(`$k${i}`, `k${i}`).replaceAll(`$${i}`, `v${i}`);
  const src = [
    'from stdlib import abi, hash',
    '',
    '',
    ...BASELINE_FN,
    'def run(k: int, r: int) -> int:',
    ...setup.map((l) => `    ${l}`),
    '    for _i in range(r):',
    `        x = ${code}`,
    '    return r',
    '',
  ].join('\n');
  const what = `${code}  with ${op.args.map((t, i) => `v${i} = ${CONTENTS[t][g.args[i].content % CONTENTS[t].length]} (n = ${sizeOf(g.args[i])})`).join('; ')}`;
  return { src, what };
}

/** A random genome (rnd: uniform in [0, 1)). */
export function randomGenome(rnd: () => number): Genome {
  const op = Math.floor(rnd() * OPS.length);
  return { op, args: OPS[op].args.map((type) => ({ type, content: Math.floor(rnd() * CONTENTS[type].length), sizeExp: Math.floor(rnd() * 9) })) };
}

/** One mutation: a size step, another content kind, or another op over the same operand types. */
export function mutate(g: Genome, rnd: () => number): Genome {
  const args = g.args.map((a) => ({ ...a }));
  const r = rnd();
  if (r < 0.45 && args.length) {
    const a = args[Math.floor(rnd() * args.length)];
    a.sizeExp = Math.max(0, Math.min(9, a.sizeExp + (rnd() < 0.65 ? 1 : -1)));
    return { op: g.op, args };
  }
  if (r < 0.75 && args.length) {
    const a = args[Math.floor(rnd() * args.length)];
    a.content = Math.floor(rnd() * CONTENTS[a.type].length);
    return { op: g.op, args };
  }
  // another template over the same operand types keeps the operands
  const same = OPS.map((o, i) => [o, i] as const).filter(([o]) => o.args.join() === OPS[g.op].args.join());
  const [, op] = same[Math.floor(rnd() * same.length)];
  return { op, args };
}
